"""Helpers every CLI command module shares: printing JSON, failing with a Chinese message,
opening the drafts database, finding a draft by a prefix of its id, one line per issue.

Their own module so command modules import them without importing the package's ``main``
(which registers the command modules): no import cycle between ``cli`` and its commands.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any


def _print_json(obj: Any) -> None:
    print(json.dumps(obj, ensure_ascii=False, indent=2, default=str))


def _fail(msg: str, code: int = 2) -> int:
    print(f"错误：{msg}", file=sys.stderr)
    return code


def _store(args: argparse.Namespace) -> Any:
    from zjtx_desktop.core.paths import default_db_path
    from zjtx_desktop.core.store.drafts import DraftStore
    from zjtx_desktop.core.store.errors import StoreError

    path = Path(args.db) if getattr(args, "db", None) else default_db_path()
    try:
        return DraftStore(path)
    except StoreError as e:
        print(f"错误：{e}", file=sys.stderr)
        raise SystemExit(2) from None


def _issue_line(i: Any) -> str:
    mark = {"error": "错误", "warning": "警告", "hint": "提示"}[str(i.severity)]
    return f"[{mark}] {i.field}: {i.message()}"


def _resolve(store: Any, app_id: str) -> str:
    from zjtx_desktop.core.store.drafts import NotFound

    try:
        return str(store.find(app_id))
    except NotFound:
        raise SystemExit(_fail(f"没有找到草稿“{app_id}”：用 zjtx drafts list 查看")) from None
