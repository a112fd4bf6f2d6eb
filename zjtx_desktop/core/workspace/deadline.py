"""报送截止 of the submission profile as the official reads it: days left, today, overdue.

The notices give a date (`5月8日前`, Hebei 004 L10668-10672) or a time to the minute
(`3月9日17：00前`, Liaoning L13534-13543); Jilin's officials had 3 days (002 L242-252, notice
dated 7/23). A date alone means the end of that day. Times are the laptop's local time, as
the notices' are. Days are counted by calendar date, so "还有 3 天" on 7/23 for 7/26.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, time, timedelta

from zjtx_desktop.core.workspace.workspace import WorkspaceError

FORMATS = ("%Y-%m-%d %H:%M", "%Y-%m-%dT%H:%M", "%Y-%m-%dT%H:%M:%S", "%Y-%m-%d %H:%M:%S")


@dataclass(frozen=True)
class DeadlineStatus:
    deadline: datetime
    has_time: bool
    days_left: int  # calendar days from today to the deadline's date; negative when past
    overdue: bool
    remaining: timedelta  # negative when overdue

    @property
    def shown(self) -> str:
        d = self.deadline
        when = f"{d.year}年{d.month}月{d.day}日"
        return f"{when} {d:%H:%M}" if self.has_time else when

    @property
    def text(self) -> str:
        if self.overdue:
            late = -self.days_left
            return (f"已逾期 {late} 天（报送截止 {self.shown}）" if late > 0
                    else f"已过报送截止时间（今天 {self.deadline:%H:%M}）")  # fmt: skip
        if self.days_left == 0:
            hours = int(self.remaining.total_seconds() // 3600)
            return (f"今天截止（{self.deadline:%H:%M}，还有约 {hours} 小时）" if self.has_time
                    else f"今天截止（{self.shown}）")  # fmt: skip
        return f"距报送截止还有 {self.days_left} 天（{self.shown}）"


def parse_deadline(text: str, what: str = "报送截止") -> tuple[datetime, bool]:
    """(moment, whether a time was given); raises WorkspaceError with the accepted forms."""
    s = str(text).strip().replace("：", ":")
    for fmt in FORMATS:
        try:
            return datetime.strptime(s, fmt), True
        except ValueError:
            pass
    try:
        day = datetime.strptime(s, "%Y-%m-%d")
    except ValueError:
        raise WorkspaceError(
            f"{what}“{text}”无法识别：请写成 2021-05-08 或 2021-05-08 17:00"
        ) from None
    return datetime.combine(day.date(), time.max), False


CORRECTION = "补正截止日期"


class PastDeadline(WorkspaceError):
    """A 补正截止 already past: the enterprise could not answer in time. The window asks
    whether it is meant, the CLI wants --allow-past."""


def check_correction_deadline(text: str, now: datetime, allow_past: bool = False) -> None:
    """The 补正截止 of a return must be a date (with a time, if given) not yet past — unless
    the official says it is meant (``allow_past``: the laptop's clock may be wrong)."""
    moment, _has_time = parse_deadline(text, CORRECTION)
    if moment < now and not allow_past:
        raise PastDeadline(
            f"{CORRECTION} {str(text).strip()} 已经过去（今天是 {now:%Y-%m-%d}）："
            "企业来不及补正，请填写以后的日期"
        )


def deadline_status(text: str, now: datetime) -> DeadlineStatus:
    moment, has_time = parse_deadline(text)
    remaining = moment - now
    return DeadlineStatus(
        moment,
        has_time,
        (moment.date() - now.date()).days,
        remaining.total_seconds() < 0,
        remaining,
    )
