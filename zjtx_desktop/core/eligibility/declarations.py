"""What the enterprise declares where no form holds the fact (具有独立法人资格, 无严重失信记录 …).

A rule set's quantity with a ``declaration`` and no value from the forms can be answered by the
user: 是/否 for a statement, a number for a figure (the 2019 研发经费占比 a Beijing 目标表 lacks).
The answer is kept with the application in the drafts database under its own slot, never in a
form, so it is not printed on the official forms; evaluation reads it as the quantity's value,
with the basis “企业声明” in every explanation.
"""

from __future__ import annotations

from decimal import Decimal, InvalidOperation
from typing import Any

from zjtx_desktop.core.eligibility.model import Quantity, Statement
from zjtx_desktop.core.numbers import out_of_bounds

__all__ = ["Statement", "answer_problem", "declared_slot", "declared_value", "kind_of"]

from zjtx_desktop.core.refs import Slot, slot

PREFIX = "declared:"
YES, NO = "是", "否"


def declared_slot(ruleset_id: str, quantity_id: str) -> Slot:
    """Where an answer is stored: an application-level slot no form field uses."""
    return slot("", f"{PREFIX}{ruleset_id}:{quantity_id}")


def kind_of(q: Quantity) -> str:
    return "number" if q.unit else "yesno"


def declared_value(q: Quantity, raw: Any) -> Any:
    """The quantity's value from a stored answer (None when blank or not understood)."""
    if raw is None:
        return None
    text = str(raw).strip()
    if kind_of(q) == "yesno":
        return {YES: True, NO: False}.get(text)
    try:
        v = Decimal(text.removesuffix("%").strip())
    except InvalidOperation:
        return None
    return None if out_of_bounds(v) else v  # NaN, Infinity, 27 digits: not understood


def answer_problem(q: Quantity, answer: str) -> str:
    """Why ``answer`` cannot be kept for ``q`` ("" when it can): every view asks this."""
    if declared_value(q, answer) is not None:
        return ""
    if kind_of(q) == "yesno":
        return f"“{answer}”不是有效的回答：{q.label} 应填 {YES} 或 {NO}"
    return f"“{answer}”不是数字：{q.label} 请只填数字（单位 {q.unit}），如 4.5"
