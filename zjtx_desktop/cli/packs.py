"""CLI commands ``packs install FILE`` / ``packs list`` / ``packs remove ID`` / ``packs build``.

A pack carries new form definitions and rule sets to an offline laptop as one file; see
``zjtx_desktop.core.packs``. Exit 0 success, 1 a pack was refused (nothing installed), 2 for
unusable input.
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from pathlib import Path
from typing import Any

from zjtx_desktop.cli.common import _fail, _print_json, add_output


def cmd_install(args: argparse.Namespace) -> int:
    from zjtx_desktop.core.packs import PackError, install_pack

    path = Path(args.file)
    if not path.is_file():
        return _fail(f"找不到安装包文件“{args.file}”")
    try:
        target = install_pack(path)
    except PackError as e:
        print(f"拒绝安装 {path.name}（未安装任何文件）：", file=sys.stderr)
        for p in e.problems:
            print(f"  {p}", file=sys.stderr)
        return 1
    print(f"已安装 {path.name} → {target}")
    return 0


def cmd_list(args: argparse.Namespace) -> int:
    from zjtx_desktop.core.packs import installed_packs, packs_dir

    packs = installed_packs()
    if args.json:
        _print_json([p.summary() for p in packs])
        return 0
    if not packs:
        print(f"没有已安装的安装包（目录：{packs_dir()}）")
        return 0
    for p in packs:
        docs = "、".join(s.get("document", "") for s in p.sources)
        print(f"{p.id:<24} v{p.version:<10} {p.date}  {p.title}（{docs}）")
        for rel in sorted(p.files):
            print(f"    {rel}")
        for msg in p.problems:
            print(f"    有误：{msg}")
    return 0


def cmd_remove(args: argparse.Namespace) -> int:
    from zjtx_desktop.core.packs import PackError, remove_pack

    try:
        removed = remove_pack(args.pack_id, args.version)
    except PackError as e:
        return _fail(str(e))
    for p in removed:
        print(f"已删除 {p}")
    return 0


def cmd_build(args: argparse.Namespace) -> int:
    """Make a pack from definition files (for whoever prepares a new batch's rules)."""
    from zjtx_desktop.core.packs import build_pack

    files = [Path(f) for f in args.files]
    missing = [str(f) for f in files if not f.is_file()]
    if missing:
        return _fail(f"找不到文件：{'、'.join(missing)}")
    meta: dict[str, Any] = {
        "id": args.id,
        "version": args.version,
        "date": args.date or dt.date.today().isoformat(),
        "title": args.title or args.id,
        "sources": [{"document": d} for d in args.source],
    }
    out = build_pack(Path(args.output), meta, files)
    print(f"已生成 {out}（{len(files)} 个文件）")
    return 0


def register(sub: Any) -> None:
    packs = sub.add_parser(
        "packs", help="安装包：离线安装新的表单定义和申报条件规则集"
    ).add_subparsers(dest="packs_cmd", required=True)
    i = packs.add_parser("install", help="检查并安装一个安装包文件（有任何问题则不安装）")
    i.add_argument("file")
    i.set_defaults(func=cmd_install)
    ls = packs.add_parser("list", help="列出已安装的安装包")
    ls.add_argument("--json", action="store_true")
    ls.set_defaults(func=cmd_list)
    rm = packs.add_parser("remove", help="删除已安装的安装包（内置定义不受影响）")
    rm.add_argument("pack_id")
    rm.add_argument("--version", help="只删除这个版本")
    rm.set_defaults(func=cmd_remove)
    b = packs.add_parser("build", help="由定义文件生成安装包")
    b.add_argument("files", nargs="+", help="表单定义、申报项目或 criteria/ 下的规则集文件")
    add_output(b, "-o", "--output", help="安装包文件名（.zjtxpack）")
    b.add_argument("--id", required=True)
    b.add_argument("--version", required=True)
    b.add_argument("--date", help="规则的发布日期 YYYY-MM-DD（默认今天）")
    b.add_argument("--title")
    b.add_argument("--source", action="append", required=True, help="依据文件文号；可重复")
    b.set_defaults(func=cmd_build)
