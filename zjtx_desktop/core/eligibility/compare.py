"""Two rule versions side by side: “按2022标准 ✓ / 按2026标准 ✗：研发费用两年合计 … < 1200万元”.

For each version: its verdict, the document and grade it rests on, the points total where it
has a table, then every criterion that fails it with the figures that decided, and the ones
still open. Readings and notes are left out here; ``zjtx check`` without ``--compare`` has them.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from zjtx_desktop.core.eligibility import text as T
from zjtx_desktop.core.eligibility.model import RuleSetResult, Status
from zjtx_desktop.core.eligibility.report import _fmt

if TYPE_CHECKING:
    from zjtx_desktop.core.engine.session import ApplicationSession


def _decisive(explanation: str) -> str:
    """The figures of an explanation, without its readings and notes."""
    cut = len(explanation)
    for marker in (T.JOIN + T.READING.split("{")[0], T.JOIN + "按“"):
        i = explanation.find(marker)
        if i >= 0:
            cut = min(cut, i)
    return explanation[:cut]


def compare_lines(results: list[RuleSetResult], session: ApplicationSession) -> list[str]:
    names = [f"按{r.ruleset.short_title}" for r in results]
    head = " / ".join(
        f"{n} {T.STATUS_MARK[r.status.value]}" for n, r in zip(names, results, strict=True)
    )
    lines = [T.COMPARE_HEAD.format(verdicts=head)]
    for name, r in zip(names, results, strict=True):
        rs = r.ruleset
        grade = f"，{T.GRADE.format(grade=rs.grade)}" if rs.grade else ""
        note = f"，{rs.grade_note}" if rs.grade_note else ""
        lines.append(f"{name}（{rs.document}{grade}{note}）：{T.STATUS_TEXT[r.status.value]}")
        if r.context:
            lines.append(f"  {r.context}")
        if r.score is not None:
            sr = r.score
            state = "" if sr.complete else T.SCORE_INCOMPLETE.format(pending=_fmt(sr.pending()))
            parts = "，".join(
                f"{g.title}{_fmt(sr.part(g.id))}/{_fmt(g.max)}" for g in sr.table.groups
            )
            lines.append(
                f"  {sr.table.title} {_fmt(sr.total)}/{_fmt(sr.table.max)}分{state}（{parts}）"
            )
        for c in r.criteria:
            if c.criterion.gate and c.status == Status.NOT_MET:
                lines.append(f"  ✗ [{c.id}] {c.title}")
                lines.append(f"      {_decisive(c.explanation)}")
        open_ = [c.id for c in r.criteria if c.criterion.gate and c.status == Status.UNKNOWN]
        if open_:
            lines.append("  " + T.COMPARE_OPEN.format(ids="、".join(open_)))
    return lines
