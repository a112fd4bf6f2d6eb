"""`zjtx` — the command line: a second view over the same core as the window.

Exit codes: 0 success, 1 the data has errors, 2 the input is unusable (with a message).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from zjtx_desktop.cli.common import _fail, _print_json, outputs_problem, written_output

__all__ = ["_fail", "_print_json", "build_parser", "main"]  # the helpers, for older imports


# --- forms ----------------------------------------------------------------------------


def cmd_forms_list(args: argparse.Namespace) -> int:
    from zjtx_desktop.core.forms.registry import all_forms

    forms = [f.summary() for f in all_forms()]
    if args.json:
        _print_json(forms)
    else:
        for f in forms:
            print(f"{f['id']:<32} {f['kind']:<11} {f['region']:<4} v{f['version']}  {f['title']}")
    return 0


def _field_json(form: Any, f: Any) -> dict[str, Any]:
    return {
        "id": f.id,
        "label": f.label,
        "section": f.section,
        "type": f.type,
        "unit": f.unit,
        "required": f.required,
        "options": f.option_values(),
        "max_chars": f.max_chars,
        "column": f.column_label or None,
        "relevant": f.relevant.source if f.relevant else None,
        "fact": f.fact or None,
        "helper": f.helper,
        "help": f.help,
        "printed_under": printed_under(form, f),
    }


def printed_under(form: Any, f: Any) -> list[str]:
    """Every printed label the field's value sits under, outermost first: the part's title,
    the row group (“主导产品国内市场占有率及本省排名”), the column heading and the field's
    own printed label with its instructions; [] for a field the paper does not print."""
    from zjtx_desktop.core.export.proof import printed

    if not printed(form, f):
        return []
    section = form.sections[f.section]
    out = [section.title, f.group, f.column_label, f.print_label or f.label]
    return [t for t in out if t]


def cmd_forms_show(args: argparse.Namespace) -> int:
    from zjtx_desktop.core.forms.loader import FormError
    from zjtx_desktop.core.forms.registry import UnknownForm, get_form

    try:
        form = get_form(args.form_id)
    except UnknownForm:
        return _fail(f"未知表单“{args.form_id}”：用 zjtx forms list 查看可用表单")
    except FormError as e:
        return _fail(str(e))
    data = {
        **form.summary(),
        "source": form.source,
        "params": form.params,
        "sections": [
            {"id": s.id, "title": s.title, "filled_by": s.filled_by} for s in form.sections.values()
        ],
        "fields": [_field_json(form, f) for f in form.fields.values()],
    }
    if args.json:
        _print_json(data)
    else:
        print(f"{form.title}（{form.id} v{form.version}）")
        for s in form.sections.values():
            print(f"\n{s.title}")
            for f in form.fields_in(s.id):
                unit = f"（{f.unit}）" if f.unit and f.unit not in f.label else ""
                print(f"  {f.id:<36} {f.display_label}{unit} [{f.type}]")
    return 0


def cmd_forms_check(args: argparse.Namespace) -> int:
    from zjtx_desktop.core.eligibility.loader import load_ruleset, ruleset_files
    from zjtx_desktop.core.forms.loader import FormError, load_form
    from zjtx_desktop.core.forms.registry import definition_files, programmes

    files = [Path(f) for f in args.files] or [*definition_files(), *ruleset_files()]
    bad = 0
    for p in files:
        try:
            if p.parent.name == "criteria":  # an eligibility rule set (forms/programmes/criteria)
                rs = load_ruleset(p)
                print(f"通过  {p.name}: 申报条件规则集, {len(rs.criteria)} 项条件")
                continue
            form = load_form(p)
            print(f"通过  {p.name}: {len(form.fields)} 个字段, {len(form.rules)} 条规则")
        except FormError as e:
            bad += 1
            print(str(e), file=sys.stderr)
    if not args.files:
        from zjtx_desktop.core.facts import facts
        from zjtx_desktop.core.forms.registry import duplicate_form_ids

        for e in duplicate_form_ids():  # a copied file whose id: was not changed
            bad += 1
            print(str(e), file=sys.stderr)
        for table in (facts, programmes):
            try:
                table()
            except FormError as e:
                bad += 1
                print(str(e), file=sys.stderr)
    return 1 if bad else 0


# --- parser ---------------------------------------------------------------------------


def _top_parser() -> tuple[argparse.ArgumentParser, Any]:
    from zjtx_desktop.cli.parser import ChineseParser

    p = ChineseParser(prog="zjtx", description="专精特新申报助手")
    p.add_argument("--db", help="草稿数据库文件（默认：用户数据目录，或环境变量 ZJTX_DB）")
    p.add_argument(  # its own dest: `packs build/remove --version X` is the pack's version
        "--version",
        dest="show_version",
        action="store_true",
        help="显示程序版本、表单和规则集的版本及数据位置",
    )
    return p, p.add_subparsers(dest="command")


def build_window_parser() -> argparse.ArgumentParser:
    """The parser of a window start (``zjtx``, ``zjtx gui …``): the same options as the full
    parser for it, without building the ~80 other sub-commands (≈35 ms of start-up)."""
    from zjtx_desktop.cli.drafts import add_gui_parser

    p, sub = _top_parser()
    add_gui_parser(sub)
    return p


def _starts_window(argv: list[str]) -> bool:
    rest = argv[2:] if argv[:1] == ["--db"] else argv
    return not rest or rest[0] == "gui"


def build_parser() -> argparse.ArgumentParser:
    p, sub = _top_parser()

    forms = sub.add_parser("forms", help="表单定义").add_subparsers(dest="forms_cmd", required=True)
    fl = forms.add_parser("list", help="列出表单")
    fl.add_argument("--json", action="store_true")
    fl.set_defaults(func=cmd_forms_list)
    fs = forms.add_parser("show", help="显示表单字段")
    fs.add_argument("form_id")
    fs.add_argument("--json", action="store_true")
    fs.set_defaults(func=cmd_forms_show)
    fc = forms.add_parser("check", help="检查定义文件")
    fc.add_argument("files", nargs="*")
    fc.set_defaults(func=cmd_forms_check)

    _register_more(sub)
    return p


# Modules that add sub-commands: ``register(subparsers)`` adds top-level commands and may return
# the groups other modules may add to; ``extend(groups)`` adds commands to those groups and runs
# after every module has registered (so the order below does not matter). Both are optional.
COMMAND_MODULES = (
    "zjtx_desktop.cli.drafts",  # validate, drafts …, gui
    "zjtx_desktop.cli.check",  # check (eligibility self-check)
    "zjtx_desktop.cli.export",  # export, verify
    "zjtx_desktop.cli.about",  # about (what --version prints, also as JSON)
    "zjtx_desktop.cli.packages",  # package, keys, trust, evidence
    "zjtx_desktop.cli.reuse",  # reuse copy | next-year | migrate
    "zjtx_desktop.cli.workspace",  # workspace, inbox, batch, review, paper, audit (officials)
    "zjtx_desktop.cli.workspace_docs",  # workspace export-booklets, record, quotas (officials)
    "zjtx_desktop.cli.workspace_sign",  # review sign: the 推荐单位 signs part 六 (officials)
    "zjtx_desktop.cli.packs",  # packs install / list / remove / build
)


def _register_more(sub: Any) -> None:
    import importlib

    from zjtx_desktop.cli.common import Groups

    modules = [importlib.import_module(name) for name in COMMAND_MODULES]
    groups: Groups = {}
    for module in modules:
        if hasattr(module, "register"):
            groups.update(module.register(sub) or {})
    for module in modules:
        if hasattr(module, "extend"):
            module.extend(groups)


def main(argv: list[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    if "--db" in argv[1:]:  # accept --db after the sub-command too
        i = argv.index("--db")
        argv = ["--db", *argv[i + 1 : i + 2], *argv[:i], *argv[i + 2 :]]
    parser = build_window_parser() if _starts_window(argv) else build_parser()
    args = parser.parse_args(argv)
    from zjtx_desktop.core.paths import DataRootMissing
    from zjtx_desktop.core.store.errors import StoreError

    try:
        if args.show_version:
            from zjtx_desktop.cli.about import print_version

            return print_version(args)
        if args.command is None:  # the window (imported by name, as the command modules are)
            import importlib

            return int(importlib.import_module("zjtx_desktop.cli.drafts").cmd_gui(args))
        problem = outputs_problem(args)  # what the command writes: checked before any work
        if problem:
            return _fail(problem)
        return int(args.func(args))
    except (DataRootMissing, StoreError) as e:  # a broken install; locked, full disk, read-only,
        # or a database we did not make: say so, no traceback
        return _fail(str(e))
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:  # `zjtx … | head`
        sys.stderr.close()
        return 0
    except OSError as e:  # writing the command's output failed (no right, full disk …)
        out = written_output(args, e)
        if out is None:
            raise
        from zjtx_desktop.core.oserror import reason

        return _fail(f"无法写入 {out}：{reason(e)}")
