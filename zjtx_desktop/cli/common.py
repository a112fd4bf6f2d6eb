"""Helpers every CLI command module shares: printing JSON, failing with a Chinese message,
turning the core's refusals into that message and an exit code (``refusing``), opening the
drafts database, finding a draft by a prefix of its id, one line per issue, and the hook by
which a module adds a command to another module's group (``Groups``).

Their own module so command modules import them without importing the package's ``main``
(which registers the command modules): no import cycle between ``cli`` and its commands.
"""

from __future__ import annotations

import argparse
import functools
import importlib
import json
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

Command = Callable[[argparse.Namespace], int]

# Sub-command groups by name ("package", "review" …): a module's ``register(sub)`` returns the
# groups it lets others extend; a module's optional ``extend(groups)`` runs after every module
# has registered and adds its commands there (``zjtx package open-return`` is the workspace's).
Groups = dict[str, Any]


def _print_json(obj: Any) -> None:
    print(json.dumps(obj, ensure_ascii=False, indent=2, default=str))


def _fail(msg: str, code: int = 2) -> int:
    print(f"错误：{msg}", file=sys.stderr)
    return code


def _error_classes(names: tuple[str, ...]) -> tuple[type[BaseException], ...]:
    found = []
    for name in names:
        module, _, cls = name.partition(":")
        found.append(getattr(importlib.import_module(module), cls))
    return tuple(found)


def refusing(
    *errors: str,
    code: int = 2,
    message: Callable[[Any], str] = str,
    hint: str = "",
) -> Callable[[Command], Command]:
    """The command's listed errors become ``错误：<message><hint>`` on stderr and exit ``code``
    (1: the core refused what was asked; 2: the input is unusable). Errors are named
    ``"package.module:Class"`` and imported when the command runs, not when ``zjtx`` starts
    (the command modules are all imported to build the parser); they are resolved before the
    command body, so a misspelt name fails every run of the command, not only the failing one."""

    def wrap(fn: Command) -> Command:
        @functools.wraps(fn)
        def run(args: argparse.Namespace) -> int:
            caught = _error_classes(errors)
            try:
                return int(fn(args))
            except caught as e:
                return _fail(f"{message(e)}{hint}", code)

        return run

    return wrap


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
