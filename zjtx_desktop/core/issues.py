"""Issues: what the engine says about a value. Text comes from the message catalog by code."""

from __future__ import annotations

from dataclasses import dataclass
from dataclasses import field as dc_field
from enum import StrEnum
from typing import Any


class Severity(StrEnum):
    ERROR = "error"  # blocks finalising (定稿)
    WARNING = "warning"  # may stand when the user writes a 说明
    HINT = "hint"  # never blocks


# the param marking "not filled in yet" (a required field left blank), as opposed to a wrong value
MISSING = "missing"

SEVERITY_ORDER = {Severity.ERROR: 0, Severity.WARNING: 1, Severity.HINT: 2}


@dataclass(frozen=True)
class Issue:
    code: str
    field: str
    severity: Severity
    params: dict[str, Any] = dc_field(default_factory=dict, compare=False, hash=False)
    rule: str = ""  # id of the cross-field rule that raised it ("" for per-field checks)

    @property
    def key(self) -> tuple[str, str, str]:
        """Identity used to attach a 说明 (explanation) to a warning across sessions."""
        return (self.field, self.code, self.rule)

    @property
    def missing(self) -> bool:
        """A required answer not given yet: 未填, which the views count apart from 错误."""
        return bool(self.params.get(MISSING))

    def message(self) -> str:
        from zjtx_desktop.core.messages import render

        return render(self.code, self.params)

    def as_json(self) -> dict[str, Any]:
        return {
            "field": self.field,
            "code": self.code,
            "severity": str(self.severity),
            "message": self.message(),
        }


@dataclass(frozen=True)
class IssueCounts:
    """What is left to do: 未填 (required answers not given), 错误 (wrong values), 警告."""

    missing: int
    errors: int
    warnings: int


def count_issues(issues: list[Issue]) -> IssueCounts:
    return IssueCounts(
        sum(1 for i in issues if i.missing),
        sum(1 for i in issues if i.severity == Severity.ERROR and not i.missing),
        sum(1 for i in issues if i.severity == Severity.WARNING),
    )
