"""CLI commands that change a draft's state or history: drafts finalise, reopen, undo, redo.

The same core calls as the window's 定稿 / 重新编辑 / 撤销 / 重做 buttons, refused the same way
(exit 2 with the core's Chinese message).
"""

from __future__ import annotations

import argparse
import sys
from typing import Any

from zjtx_desktop.cli.common import _fail


def _open(args: argparse.Namespace) -> Any:
    from zjtx_desktop.cli.common import _resolve, _store
    from zjtx_desktop.core.application import OpenApplication

    store = _store(args)
    return OpenApplication(
        store, _resolve(store, args.id), role=getattr(args, "role", "enterprise")
    )


def cmd_drafts_finalise(args: argparse.Namespace) -> int:
    from zjtx_desktop.cli.common import _issue_line
    from zjtx_desktop.core.application import FinaliseRefused
    from zjtx_desktop.core.rights import EditRefused

    app = _open(args)
    try:
        app.finalise()
    except FinaliseRefused as e:
        for form_id, issue in e.blocking:
            need = "" if str(issue.severity) == "error" else "（须填写说明）"
            print(f"{form_id} {_issue_line(issue)}{need}", file=sys.stderr)
        return _fail(str(e), 1)
    except EditRefused as e:
        return _fail(str(e))
    print(f"{app.id} 已定稿")
    return 0


def cmd_drafts_reopen(args: argparse.Namespace) -> int:
    from zjtx_desktop.core.rights import EditRefused

    app = _open(args)
    try:
        app.reopen(args.reason)
    except EditRefused as e:
        return _fail(str(e))
    print(f"{app.id} 已重新编辑")
    return 0


def _replay(args: argparse.Namespace, redo: bool) -> int:
    from zjtx_desktop.core.rights import EditRefused

    app = _open(args)
    try:
        label = app.redo_label() if redo else app.undo_label()
        result = app.redo() if redo else app.undo()
    except EditRefused as e:
        return _fail(str(e))
    if result is None:
        print("没有可重做的修改" if redo else "没有可撤销的修改", file=sys.stderr)
        return 0
    print(f"{'已重做' if redo else '已撤销'}：{label}")
    return 0


def cmd_drafts_undo(args: argparse.Namespace) -> int:
    return _replay(args, redo=False)


def cmd_drafts_redo(args: argparse.Namespace) -> int:
    return _replay(args, redo=True)


def register_drafts(d: Any) -> None:
    """Add the commands to the ``drafts`` group."""
    f = d.add_parser("finalise", help="定稿（须没有错误，每个警告都有说明）")
    f.add_argument("id")
    f.set_defaults(func=cmd_drafts_finalise)
    r = d.add_parser("reopen", help="重新编辑已定稿的申报（须写明原因）")
    r.add_argument("id")
    r.add_argument("--reason", required=True, help="重新编辑的原因（记录在案，不能为空）")
    r.set_defaults(func=cmd_drafts_reopen)
    for name, func, text in (
        ("undo", cmd_drafts_undo, "撤销最近一步修改（与窗口的“撤销”相同）"),
        ("redo", cmd_drafts_redo, "重做刚撤销的修改"),
    ):
        u = d.add_parser(name, help=text)
        u.add_argument("id")
        u.add_argument("--role", choices=["enterprise", "recommender"], default="enterprise")
        u.set_defaults(func=func)
