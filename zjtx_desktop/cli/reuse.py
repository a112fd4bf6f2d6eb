"""zjtx reuse …: copy an application, start next year's from last year's, move a draft to a
new version of its forms. The window's 文件 menu calls the same core functions."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from zjtx_desktop.cli.common import _fail


def _open(args: argparse.Namespace) -> tuple[Any, str] | None:
    from zjtx_desktop.cli.drafts import _store
    from zjtx_desktop.core.store.drafts import NotFound

    store = _store(args)
    try:
        return store, store.find(args.id)
    except NotFound:
        store.close()
        _fail(f"没有编号以“{args.id}”开头的唯一申报")
        return None


def cmd_copy(args: argparse.Namespace) -> int:
    from zjtx_desktop.core.reuse import duplicate

    opened = _open(args)
    if opened is None:
        return 2
    store, app_id = opened
    print(duplicate(store, app_id, args.name or ""))
    store.close()
    return 0


def cmd_next_year(args: argparse.Namespace) -> int:
    from zjtx_desktop.core.forms.registry import programmes
    from zjtx_desktop.core.reuse import start_next_year

    if args.programme and args.programme not in programmes():
        return _fail(f"未知申报项目“{args.programme}”：可选 {'、'.join(programmes())}")
    opened = _open(args)
    if opened is None:
        return 2
    store, app_id = opened
    new_id, report = start_next_year(store, app_id, args.programme or "", args.name or "")
    print(new_id)
    for line in report.lines():
        print(line)
    store.close()
    return 0


def cmd_migrate(args: argparse.Namespace) -> int:
    from zjtx_desktop.core.forms.loader import FormError, load_form
    from zjtx_desktop.core.forms.registry import get_form
    from zjtx_desktop.core.reuse import migrate_draft

    opened = _open(args)
    if opened is None:
        return 2
    store, app_id = opened
    rec = store.get(app_id)
    old_forms = {}
    for p in args.old or []:
        try:
            f = load_form(Path(p))
        except (FormError, OSError) as e:
            store.close()
            return _fail(f"无法读取旧版表单定义 {p}：{e}")
        old_forms[f.id] = f
    for fid, version in rec.forms:
        current = get_form(fid)
        if fid not in old_forms:
            if version != current.version:
                print(
                    f"注意：{fid} 按 v{version} 填写，未给出该版定义（--from），"
                    "只能列出新版没有的字段"
                )
            old_forms[fid] = current
    report = migrate_draft(store, app_id, old_forms, apply=args.apply)
    for line in report.lines():
        print(line)
    print("已迁移到新版表单。" if args.apply else "（预览：加 --apply 才会迁移）")
    store.close()
    return 0


def register(sub: Any) -> None:
    r = sub.add_parser("reuse", help="复用申报：复制、以上年申报为基础新建、迁移到新版表单")
    rs = r.add_subparsers(dest="reuse_cmd", required=True)
    c = rs.add_parser("copy", help="复制一份申报（全部数值和说明）")
    c.add_argument("id")
    c.add_argument("--name")
    c.set_defaults(func=cmd_copy)
    n = rs.add_parser("next-year", help="以上年申报为基础新建：按年份移栏，新年度数字留空")
    n.add_argument("id")
    n.add_argument("--programme", help="新的申报项目id（默认同原申报）")
    n.add_argument("--name")
    n.set_defaults(func=cmd_next_year)
    m = rs.add_parser("migrate", help="把草稿迁移到新版表单，并报告移动、删去和新增的栏目")
    m.add_argument("id")
    m.add_argument(
        "--from",
        dest="old",
        action="append",
        metavar="OLD.yaml",
        help="草稿填写时所用的旧版表单定义（可多次）",
    )
    m.add_argument("--apply", action="store_true", help="执行迁移（默认只预览）")
    m.set_defaults(func=cmd_migrate)
