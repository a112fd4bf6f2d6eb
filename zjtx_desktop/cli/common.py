"""Helpers every CLI command module shares: printing JSON, failing with a Chinese message,
turning the core's refusals into that message and an exit code (``refusing``), opening the
drafts database, finding a draft by a prefix of its id, one line per issue, the hook by
which a module adds a command to another module's group (``Groups``), and the one way a
command declares the file or folder it writes (``add_output``: checked before the command
runs, its write errors said in Chinese).

Their own module so command modules import them without importing the package's ``main``
(which registers the command modules): no import cycle between ``cli`` and its commands.
"""

from __future__ import annotations

import argparse
import functools
import importlib
import json
import os
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


# --- the file or folder a command writes ------------------------------------------------

FILE, FOLDER, NEW_FOLDER = "file", "folder", "new-folder"  # NEW_FOLDER: made if missing
_OUTPUTS = "_zjtx_outputs"  # the parser default listing a command's outputs: (dest, kind)


def add_output(
    p: argparse.ArgumentParser,
    *flags: str,
    kind: str = FILE,
    required: bool = True,
    metavar: str | None = None,
    help: str | None = None,
) -> None:
    """The option naming what the command writes (``-o OUT.pdf``, ``--to DIR``). ``main``
    checks it before the command does any work (``output_problem``) and turns an OSError
    writing there into ``错误：无法写入 …：<reason>`` (exit 2): every command that writes a
    file says the same thing about a missing folder, a folder given for a file, a file that
    exists (kept unless ``--force``, as the enterprise's exports always did) or no right to
    write."""
    action = p.add_argument(*flags, required=required, metavar=metavar, help=help)
    if kind == FILE and "--force" not in p._option_string_actions:
        p.add_argument("--force", action="store_true", help="输出文件已存在时覆盖")
    outputs = p.get_default(_OUTPUTS) or ()
    p.set_defaults(**{_OUTPUTS: (*outputs, (action.dest, kind))})


def output_problem(out: Path, force: bool, kind: str = FILE) -> str:
    """Why ``out`` will not be written ("" when it will): said before any work is done."""
    if kind == FILE:
        if out.is_dir():
            return f"无法写入 {out}：这是一个文件夹，请给出文件名"
        if not out.parent.is_dir():
            return f"无法写入 {out}：文件夹不存在"
        if out.exists() and not force:
            return f"{out} 已存在：加 --force 覆盖，或换一个文件名"
        folder = out.parent
    elif kind == FOLDER or out.exists():
        if not out.is_dir():
            what = "不是文件夹" if out.exists() else "文件夹不存在"
            return f"无法写入 {out}：{what}"
        folder = out
    else:  # NEW_FOLDER, missing: made in a folder that exists (a mistyped parent is said)
        folder = out.parent
        if not folder.is_dir():
            return f"无法写入 {out}：文件夹不存在（{folder}）"
    if not os.access(folder, os.W_OK):
        return f"无法写入 {out}：没有写入权限"
    return ""


def outputs(args: argparse.Namespace) -> list[tuple[Path, str]]:
    """The outputs the command was given, as declared by ``add_output``."""
    declared = getattr(args, _OUTPUTS, None) or ()
    return [(Path(v), kind) for dest, kind in declared if (v := getattr(args, dest, None))]


def outputs_problem(args: argparse.Namespace) -> str:
    force = bool(getattr(args, "force", False))
    return next((m for out, kind in outputs(args) if (m := output_problem(out, force, kind))), "")


def written_output(args: argparse.Namespace, e: OSError) -> Path | None:
    """The declared output (or a file in the declared folder) an OSError is about, if any:
    an error reading the command's input is not called a write error."""
    if not e.filename:
        return None
    failed = Path(os.fsdecode(e.filename)).absolute()
    for out, _kind in outputs(args):
        target = out.absolute()
        beside = failed.parent == target.parent and target.name in failed.name  # x.pdf.part
        if failed == target or target in failed.parents or beside or failed == target.parent:
            return out
    return None
