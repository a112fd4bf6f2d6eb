"""The enterprise's side of a 退回 (§3.6): the opened return and the answers to its comments.

Kept in the enterprise's drafts database as events of the application (append-only, like
the comments themselves): ``return_opened`` holds the return as opened (unit, 补正截止,
contact, the comments), ``comment_reply`` one answer. A later answer to the same comment
replaces the earlier one in what is sent; both stay in the history. The next package
(r+1) carries the answers of the latest return as ``meta/replies.json``
(``[{comment_id, text, answered_at}]``), which the official's import attaches to the
comments. Only the store is imported here: the package writer reads the replies without
an import cycle.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any

from zjtx_desktop.core.store.database import now

OPENED = "return_opened"
REPLY = "comment_reply"
MAX_REPLY = 2000  # 字: an answer is a few sentences; a longer one belongs in 佐证材料


class ReplyRefused(Exception):
    """The answer cannot be recorded; the message says why, in Chinese."""


@dataclass(frozen=True)
class Reply:
    comment_id: int
    text: str
    answered_at: str

    def as_json(self) -> dict[str, Any]:
        return {"comment_id": self.comment_id, "text": self.text, "answered_at": self.answered_at}


@dataclass
class ReturnState:
    """The latest return opened for an application, with the answers given so far."""

    application_id: str
    package_id: str
    unit: str
    deadline: str
    contact: str
    comments: list[dict[str, Any]]
    opened_at: str
    replies: dict[int, Reply] = field(default_factory=dict)

    @property
    def banner(self) -> str:
        return f"推荐单位退回：{len(self.comments)} 条意见，请于 {self.deadline} 前重新提交"

    @property
    def unanswered(self) -> list[dict[str, Any]]:
        return [c for c in self.comments if int(c["id"]) not in self.replies]

    def markers(self) -> list[tuple[str, str, str, dict[str, Any]]]:
        """(form id or "evidence"/"general", field id, slot, comment) for each comment, in
        the return's order: where the window puts its markers and what its list focuses."""
        out = []
        for c in self.comments:
            fid, slot = str(c.get("field_id") or ""), str(c.get("slot") or "")
            target = fid if c.get("form_id") != "evidence" else str(c.get("file") or "")
            out.append((str(c.get("form_id") or "general"), target, slot, c))
        return out


def record_return(store: Any, app_id: str, package_id: str, opened: Any) -> bool:
    """Remember an opened return (``return_package.OpenedReturn``) for ``app_id``; False
    when this very package was opened before (nothing recorded twice)."""
    if any(r["package_id"] == package_id for r in _opened(store, app_id)):
        return False
    detail = {
        "package_id": package_id,
        "unit": opened.unit,
        "deadline": opened.deadline,
        "contact": opened.contact,
        "comments": opened.comments,
    }
    store.log(app_id, OPENED, json.dumps(detail, ensure_ascii=False))
    return True


def current_return(store: Any, app_id: str) -> ReturnState | None:
    """The latest return opened for ``app_id`` with its answers, or None."""
    state: ReturnState | None = None
    for kind, at, detail in store.events(app_id):
        if kind == OPENED:
            d = json.loads(detail)
            state = ReturnState(app_id, d["package_id"], d["unit"], d["deadline"], d["contact"],
                                list(d["comments"]), at)  # fmt: skip
        elif kind == REPLY and state is not None:
            d = json.loads(detail)
            if d.get("package_id") == state.package_id:
                cid = int(d["comment_id"])
                state.replies[cid] = Reply(cid, str(d["text"]), str(d["answered_at"]))
    return state


def answer(store: Any, app_id: str, comment_id: int, text: str) -> Reply:
    """Answer one comment of the latest return; raises ReplyRefused with the reason."""
    state = current_return(store, app_id)
    if state is None:
        raise ReplyRefused("这份申报没有打开过退回意见，没有可答复的意见")
    ids = [int(c["id"]) for c in state.comments]
    if comment_id not in ids:
        listed = "、".join(f"#{i}" for i in ids)
        raise ReplyRefused(f"退回意见中没有 #{comment_id}（本次退回的意见：{listed}）")
    body = text.strip()
    if not body:
        raise ReplyRefused(f"答复 #{comment_id} 是空的：请写明如何修改或说明")
    if len(body) > MAX_REPLY:
        raise ReplyRefused(
            f"答复 #{comment_id} 已输入{len(body)}字，限{MAX_REPLY}字：更多内容请作为佐证材料附上"
        )
    reply = Reply(comment_id, body, now())
    detail = {"package_id": state.package_id, **reply.as_json()}
    store.log(app_id, REPLY, json.dumps(detail, ensure_ascii=False))
    return reply


def replies_for_package(store: Any, app_id: str) -> list[dict[str, Any]]:
    """What the next package carries as ``meta/replies.json`` ([] when nothing answered)."""
    state = current_return(store, app_id)
    if state is None:
        return []
    return [state.replies[i].as_json() for i in sorted(state.replies)]


def _opened(store: Any, app_id: str) -> list[dict[str, Any]]:
    return [json.loads(d) for kind, _at, d in store.events(app_id) if kind == OPENED]
