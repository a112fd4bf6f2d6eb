"""Review states of an application in a workspace and the transitions between them (§3.5).

Every transition has a name (what the official or the app did) and writes exactly one audit
row; any pair not listed here is refused with the reason. Guards that need the application
(part 六 complete, open comments) live in ``Workspace.set_state``; this module holds the
vocabulary and the table.
"""

from __future__ import annotations

import re
from enum import StrEnum


class State(StrEnum):
    RECEIVED = "已接收"
    IN_REVIEW = "初核中"
    RETURNED = "已退回"
    RESUBMITTED = "已重新提交"
    RECOMMENDED = "拟推荐"
    NOT_RECOMMENDED = "不予推荐"
    VOID = "已作废"
    REPORTED = "已上报"


S = State
# (from, to) -> whether a reason is required. "any → 已作废" is added below.
TRANSITIONS: dict[tuple[State, State], bool] = {
    (S.RECEIVED, S.IN_REVIEW): False,  # the first edit (part 六, a comment, a check)
    (S.RESUBMITTED, S.IN_REVIEW): False,  # opened again after a re-submission
    (S.IN_REVIEW, S.RETURNED): False,  # with ≥1 open comment and a return package written
    (S.RETURNED, S.RESUBMITTED): False,  # a newer revision arrived
    (S.IN_REVIEW, S.RECOMMENDED): False,  # part 六 complete and consistent, nothing open
    (S.IN_REVIEW, S.NOT_RECOMMENDED): True,  # 不同意, with a reason
    (S.RECOMMENDED, S.IN_REVIEW): True,  # 撤销意见
    (S.NOT_RECOMMENDED, S.IN_REVIEW): True,  # 撤销意见
    (S.RECOMMENDED, S.REPORTED): False,  # 定稿 of a 汇总表, or a forward package
    (S.REPORTED, S.RECOMMENDED): True,  # 撤销上报 (the 汇总表 version is marked superseded)
}
for _s in State:
    if _s != S.VOID:
        TRANSITIONS[(_s, S.VOID)] = True
# Transitions only the app makes, as the consequence of an action (not by `review state`).
AUTOMATIC = {
    (S.IN_REVIEW, S.RETURNED),
    (S.RETURNED, S.RESUBMITTED),
    (S.RECOMMENDED, S.REPORTED),
}
# A newer revision arriving: an opinion on the older one no longer holds (R5: never left
# in 已退回). 已接收 stays untouched; 已作废 and 已上报 keep their state and get a flag.
ON_NEW_REVISION: dict[State, State] = {
    S.RETURNED: S.RESUBMITTED,
    S.IN_REVIEW: S.RESUBMITTED,
    S.RECOMMENDED: S.RESUBMITTED,
    S.NOT_RECOMMENDED: S.RESUBMITTED,
    S.RESUBMITTED: S.RESUBMITTED,
}
TRANSITIONS[(S.IN_REVIEW, S.RESUBMITTED)] = False
TRANSITIONS[(S.RECOMMENDED, S.RESUBMITTED)] = False
TRANSITIONS[(S.NOT_RECOMMENDED, S.RESUBMITTED)] = False
AUTOMATIC |= {
    (S.IN_REVIEW, S.RESUBMITTED),
    (S.RECOMMENDED, S.RESUBMITTED),
    (S.NOT_RECOMMENDED, S.RESUBMITTED),
}

MIN_REASON = 6
# “核实无误” says nothing about why (一套表 practice, §3.14), however it is dressed up
EMPTY_REASONS = {"核实无误", "经核实无误", "经初审核实无误", "经审核核实无误"}


def _bare(text: str) -> str:
    return re.sub(r"[\s\W_]", "", text)


class TransitionRefused(Exception):
    """The transition is not allowed now; the message names the first reason, in Chinese."""


def parse_state(text: str) -> State:
    try:
        return State(text.strip())
    except ValueError:
        names = "、".join(s.value for s in State)
        raise TransitionRefused(f"没有“{text}”这个状态（可用：{names}）") from None


def _the_way(old: State, new: State) -> str:
    """How the official gets from ``old`` to ``new`` by their own transitions (the shortest
    way), as a hint: “：先改为“初核中”，再改为“拟推荐””; '' when there is none."""
    paths: dict[State, list[State]] = {old: []}
    frontier = [old]
    while frontier and new not in paths:
        nxt = []
        for s in frontier:
            for a, b in TRANSITIONS:
                if a == s and b not in paths and (a, b) not in AUTOMATIC:
                    paths[b] = [*paths[s], b]
                    nxt.append(b)
        frontier = nxt
    way = paths.get(new)
    if not way:
        if old == S.RETURNED:
            return "：已退回的申报在企业重新提交（导入新版交换包）后才能继续初核"
        return "（已作废的申报不能再改变状态）" if old == S.VOID else ""
    steps = [f"“{s}”" + ("（须写明原因）" if TRANSITIONS[(a, s)] else "")
             for a, s in zip([old, *way], way, strict=False)]  # fmt: skip
    return "：先改为" + "，再改为".join(steps)


def check_listed(old: State, new: State, reason: str, by_app: bool = False) -> None:
    """Refuse an unlisted transition, one the app alone makes, or a missing reason."""
    needs_reason = TRANSITIONS.get((old, new))
    if needs_reason is None:
        raise TransitionRefused(f"不能从“{old}”改为“{new}”{_the_way(old, new)}")
    if (old, new) in AUTOMATIC and not by_app:
        raise TransitionRefused(f"“{old}”→“{new}”由程序在相应操作时完成，不能直接修改")
    if needs_reason:
        r = reason.strip()
        if not r:
            raise TransitionRefused(f"“{old}”→“{new}”须写明原因")
        if new == S.NOT_RECOMMENDED and (len(r) < MIN_REASON or _bare(r) in EMPTY_REASONS):
            raise TransitionRefused(
                f"不予推荐的原因须具体说明（至少{MIN_REASON}个字，“核实无误”不是原因）"
            )
