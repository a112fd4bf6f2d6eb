"""What the enterprise declares where no form holds the fact (具有独立法人资格, 无严重失信记录 …).

A rule set's quantity with a ``declaration`` and no value from the forms can be answered by the
user: 是/否 for a statement, a number for a figure (the 2019 研发经费占比 a Beijing 目标表 lacks).
The answer is kept with the application in the drafts database under its own slot, never in a
form, so it is not printed on the official forms; evaluation reads it as the quantity's value,
with the basis “企业声明” in every explanation.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import Any

from zjtx_desktop.core.eligibility.model import Quantity

Slot = tuple[str, str]
PREFIX = "declared:"
YES, NO = "是", "否"


@dataclass(frozen=True)
class Statement:
    """A declaration a criterion waits for, or has received."""

    ruleset: str
    quantity: str
    text: str  # the statement, as the rule set words it
    kind: str  # "yesno" (a statement) or "number" (a figure, in ``unit``)
    unit: str = ""
    answer: str | None = None  # 是 / 否 / the figure as typed; None while undeclared
    label: str = ""  # the quantity's name ("研发经费占比 2019年"), to ask for a figure


def declared_slot(ruleset_id: str, quantity_id: str) -> Slot:
    """Where an answer is stored: an application-level slot no form field uses."""
    return ("", f"{PREFIX}{ruleset_id}:{quantity_id}")


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
        return Decimal(text.removesuffix("%").strip())
    except InvalidOperation:
        return None
