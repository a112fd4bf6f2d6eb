"""CLI commands over data files and stored drafts: validate, drafts …, gui."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from zjtx_desktop.cli.common import _fail, _issue_line, _print_json, _resolve, _store, add_output

__all__ = ["_issue_line", "_resolve", "_store", "register"]  # helpers, for older imports


def cmd_validate(args: argparse.Namespace) -> int:
    from zjtx_desktop.core.datafile import DataFileError, read_data, read_stdin, session_for

    try:
        data = read_stdin(sys.stdin) if args.data == "-" else read_data(Path(args.data))
    except DataFileError as e:
        return _fail(str(e))
    for note in data.notes:
        print(f"注意：{note}", file=sys.stderr)
    if data.form.id != args.form_id:
        return _fail(f"数据文件属于表单“{data.form.id}”，不是“{args.form_id}”")
    session = session_for(data)
    issues = [i for _, i in session.all_issues()]
    if args.json:
        _print_json([i.as_json() for i in issues])
    else:
        for i in issues:
            print(_issue_line(i))
        n_err = sum(1 for i in issues if str(i.severity) == "error")
        print(f"共 {n_err} 个错误，{len(issues) - n_err} 个警告或提示", file=sys.stderr)
    return 1 if any(str(i.severity) == "error" for i in issues) else 0


# --- drafts ---------------------------------------------------------------------------


def _forms_for(target: str) -> tuple[list[Any], str]:
    """A form id, or a programme id meaning all its forms."""
    from zjtx_desktop.core.forms.registry import UnknownForm, get_form, programmes

    progs = programmes()
    if target in progs:
        return [get_form(f) for f in progs[target].forms], target
    try:
        return [get_form(target)], ""
    except UnknownForm:
        raise SystemExit(_fail(f"未知表单或申报项目“{target}”：用 zjtx forms list 查看")) from None


def cmd_drafts_new(args: argparse.Namespace) -> int:
    forms, programme = _forms_for(args.form_id)
    store = _store(args)
    print(store.create(forms, name=args.name or "", programme=programme))
    return 0


def cmd_drafts_set(args: argparse.Namespace) -> int:
    """Every assignment is checked (field known, this role may change it now) before any is
    saved: a refused one (定稿, another role's part) changes nothing and exits 2."""
    from zjtx_desktop.core.application import OpenApplication
    from zjtx_desktop.core.rights import EditRefused

    store = _store(args)
    try:
        app = OpenApplication(store, _resolve(store, args.id), role=args.role)
    except EditRefused as e:
        return _fail(str(e))
    form_ids = [f.id for f in app.forms]
    planned = []
    for assignment in args.assignments:
        if "=" not in assignment:
            return _fail(f"“{assignment}”应写成 字段=值")
        key, value = assignment.split("=", 1)
        form_id, _, fid = key.rpartition(":")
        candidates = [form_id] if form_id else form_ids
        hits = [f for f in candidates if f in form_ids and fid in app.session.states[f].form.fields]
        if not hits:
            return _fail(f"草稿中没有字段“{key}”：用 zjtx forms show 表单id 查看字段")
        planned.append(((hits[0], fid), value))
    worst = 0
    try:
        for ref, _value in planned:
            app.check_edit(ref)
        for ref, value in planned:
            app.end_burst()  # each assignment is its own undo step
            result = app.set_value(ref, value)
            for i in result.issues:
                print(_issue_line(i))
                if str(i.severity) == "error":
                    worst = 1
    except EditRefused as e:
        return _fail(str(e))
    return worst


def cmd_drafts_show(args: argparse.Namespace) -> int:
    from zjtx_desktop.core.application import OpenApplication

    store = _store(args)
    app = OpenApplication(store, _resolve(store, args.id))
    if args.json:
        datas = [app.data(f.id) for f in app.forms]
        if len(datas) == 1:
            _print_json(datas[0])
        else:
            _print_json({"id": app.id, "programme": app.record.programme, "forms": datas})
        return 0
    rec = app.record
    print(f"{rec.id}  {rec.name or '（未命名）'}  状态：{'定稿' if app.is_final else '草稿'}")
    for st in app.session.states.values():
        print(f"\n{st.form.title}（{st.form.id} v{st.form.version}）")
        for fid, f in st.form.fields.items():
            raw = st.raw(fid)
            if raw is not None:
                print(f"  {f.display_label}：{raw}")
        for i in st.all_issues():
            print("  " + _issue_line(i))
    return 0


def cmd_drafts_list(args: argparse.Namespace) -> int:
    store = _store(args)
    for rec in store.list_all():
        forms = ",".join(f for f, _ in rec.forms)
        status = "定稿" if rec.status == "final" else "草稿"
        print(f"{rec.id}  {status}  {rec.updated[:19]}  {rec.name or '（未命名）'}  {forms}")
    return 0


def cmd_drafts_export(args: argparse.Namespace) -> int:
    from zjtx_desktop.core.application import OpenApplication

    store = _store(args)
    app = OpenApplication(store, _resolve(store, args.id))
    form_ids = [f.id for f in app.forms]
    form_id = args.form or form_ids[0]
    if form_id not in form_ids:
        return _fail(f"草稿中没有表单“{form_id}”（有：{'、'.join(form_ids)}）")
    from zjtx_desktop.core.data_export import data_text
    from zjtx_desktop.core.oserror import reason

    out = Path(args.output)
    tmp = out.with_name(out.name + ".part")
    try:  # a failed write never leaves half a file, nor destroys the one that was there
        tmp.write_text(data_text(app, form_id), encoding="utf-8")
        tmp.replace(out)
    except OSError as e:
        tmp.unlink(missing_ok=True)
        return _fail(f"无法写入 {out}：{reason(e)}")
    return 0


def cmd_drafts_import(args: argparse.Namespace) -> int:
    """Files of one enterprise become one application; prints one id per application.
    Exit 2 if any file was unusable (the usable ones are imported all the same)."""
    from zjtx_desktop.core.importer import import_files

    store = _store(args)

    def created(a: Any) -> None:
        print(a.app_id, flush=True)

    report = import_files(store, [Path(p) for p in args.data], created=created)
    if args.name and len(report.imported) == 1:
        store.rename(report.imported[0].app_id, args.name)
    for note in report.notes:
        print(note, file=sys.stderr)
    for problem in report.problems:
        print(problem, file=sys.stderr)
    return 2 if report.problems else 0


# Qt-free modules the window needs, imported before PySide6: once PySide6 is loaded, every
# later import goes through its __feature__ hook, which reads the module's source (inspect.
# getsource) — about 1 ms a module, a tenth of the start-up (tests/bench/startup.py)
BEFORE_QT = (
    "zjtx_desktop.core.paths",
    "zjtx_desktop.core.store.drafts",
    "zjtx_desktop.core.forms.registry",
    "platformdirs",
    "shutil",
    "tempfile",
)
# and, when the window opens straight into an application, what filling one needs
BEFORE_QT_DEMO = ("zjtx_desktop.core.application", "zjtx_desktop.core.demo")


def cmd_gui(args: argparse.Namespace) -> int:
    import importlib

    for name in BEFORE_QT + (BEFORE_QT_DEMO if getattr(args, "demo", False) else ()):
        importlib.import_module(name)
    try:
        from zjtx_desktop.gui.app import run
    except ImportError as e:
        return _fail(f"无法启动图形界面：{e}")
    return run(args)


def register(sub: Any) -> None:
    v = sub.add_parser("validate", help="检查数据文件")
    v.add_argument("form_id")
    v.add_argument("data", help="DATA.json（- 表示标准输入）")
    v.add_argument("--json", action="store_true")
    v.set_defaults(func=cmd_validate)

    d = sub.add_parser("drafts", help="草稿").add_subparsers(dest="drafts_cmd", required=True)
    n = d.add_parser("new", help="新建草稿（表单id或申报项目id）")
    n.add_argument("form_id")
    n.add_argument("--name")
    n.set_defaults(func=cmd_drafts_new)
    s = d.add_parser("set", help="填写字段：字段=值（多表单草稿可写 表单id:字段=值）")
    s.add_argument("id")
    s.add_argument("assignments", nargs="+")
    s.add_argument(
        "--role",
        choices=["enterprise", "recommender"],
        default="enterprise",
        help="以谁的身份填写：企业（默认），或推荐单位（只能填写第六部分）",
    )
    s.set_defaults(func=cmd_drafts_set)
    sh = d.add_parser("show", help="显示草稿")
    sh.add_argument("id")
    sh.add_argument("--json", action="store_true")
    sh.set_defaults(func=cmd_drafts_show)
    ls = d.add_parser("list", help="列出草稿")
    ls.set_defaults(func=cmd_drafts_list)
    ex = d.add_parser("export", help="导出为 DATA.json")
    ex.add_argument("id")
    add_output(ex, "-o", "--output", metavar="DATA.json")
    ex.add_argument("--form", help="多表单草稿中的表单id")
    ex.set_defaults(func=cmd_drafts_export)
    im = d.add_parser("import", help="从 DATA.json 新建草稿（同一企业的多个文件合为一份申报）")
    im.add_argument("data", nargs="+")
    im.add_argument("--name")
    im.set_defaults(func=cmd_drafts_import)
    from zjtx_desktop.cli.drafts_state import register_drafts

    register_drafts(d)

    add_gui_parser(sub)


def add_gui_parser(sub: Any) -> None:
    """``zjtx gui``: also what the short parser of a window start holds (cli.main)."""
    g = sub.add_parser("gui", help="打开图形界面")
    g.add_argument("--demo", action="store_true", help="打开示例申报")
    g.add_argument("--screenshot", metavar="DIR", help="把界面截图保存到 DIR 后退出")
    g.add_argument("--smoke", action="store_true", help="显示主窗口后立即退出")
    g.set_defaults(func=cmd_gui)
