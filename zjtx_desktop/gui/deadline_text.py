"""How a 补正截止 reads on the enterprise's banner: “还有 3 天” / “今天截止” / “已逾期 2 天”.

The date is read by the workspace's own parser (``core.workspace.deadline``: 2021-05-10 or
2021-05-10 17:00), imported when a return is shown so the enterprise home starts without
the workspace modules. Only the calendar day counts here; the text is shown as typed
beside it, and a date the parser cannot read gets no count rather than a wrong one.
"""

from __future__ import annotations

from datetime import date


def deadline_day(text: str) -> date | None:
    from zjtx_desktop.core.workspace.deadline import parse_deadline
    from zjtx_desktop.core.workspace.workspace import WorkspaceError

    try:
        return parse_deadline(text)[0].date()
    except WorkspaceError:
        return None


def deadline_note(text: str, today: date) -> str:
    """“（还有 3 天）”, “（今天截止）”, “（已逾期 2 天）”, or "" when the date is unreadable."""
    day = deadline_day(text)
    if day is None:
        return ""
    n = (day - today).days
    if n > 0:
        return f"（还有 {n} 天）"
    if n == 0:
        return "（今天截止）"
    return f"（已逾期 {-n} 天）"
