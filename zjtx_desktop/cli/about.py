"""`zjtx --version` and `zjtx about [--json]`: the app's version, the shipped forms' and rule
sets' versions and where data lives (core/about.py; the window's 关于 shows the same)."""

from __future__ import annotations

import argparse
import json
from pathlib import Path
from typing import Any


def _about(args: argparse.Namespace) -> Any:
    from zjtx_desktop.core.about import about

    return about(Path(args.db) if getattr(args, "db", None) else None)


def print_version(args: argparse.Namespace) -> int:
    print(_about(args).text())
    return 0


def cmd_about(args: argparse.Namespace) -> int:
    info = _about(args)
    if args.json:
        print(json.dumps(info.as_dict(), ensure_ascii=False, indent=2))
    else:
        print(info.text())
    return 0


def register(sub: Any) -> None:
    p = sub.add_parser("about", help="关于：版本、表单与规则集版本、数据位置")
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_about)
