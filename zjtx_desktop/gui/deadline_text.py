"""How a deadline reads on a banner: “还有 3 天” / “今天截止” / “已逾期 2 天”.

Deadlines are typed by officials as a date, sometimes with a time (Liaoning gives
`3月9日17：00前`): “2021-05-10”, “2021-05-10 17:00”, “2021年5月10日”. Only the day counts
here; the text itself is always shown as typed beside it.
"""

from __future__ import annotations

import re
from datetime import date

_DATE = re.compile(r"(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})")


def deadline_day(text: str) -> date | None:
    """The day of a typed deadline, or None when no date can be read from it."""
    m = _DATE.search(text or "")
    if m is None:
        return None
    try:
        return date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
    except ValueError:  # 2021-02-30: shown as typed, no count
        return None


def days_left(text: str, today: date) -> int | None:
    day = deadline_day(text)
    return None if day is None else (day - today).days


def deadline_note(text: str, today: date) -> str:
    """“（还有 3 天）”, “（今天截止）”, “（已逾期 2 天）”, or "" when the date is unreadable."""
    n = days_left(text, today)
    if n is None:
        return ""
    if n > 0:
        return f"（还有 {n} 天）"
    if n == 0:
        return "（今天截止）"
    return f"（已逾期 {-n} 天）"
