"""What a rule set is once loaded, and what evaluating one over an application gives.

A rule set (one YAML file in ``forms/programmes/criteria/``) names the quantities its
criteria talk about — 研发经费占比 2019年, 资产负债率 2020年 … — each with the ways to obtain
it from the forms (computed from amounts first, the reported ratio as a fallback), and the
criteria as expressions over those quantities in the form expression language.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path
from typing import Any

from zjtx_desktop.core.expr import Expression

FieldRef = tuple[str, str]  # (form id, field id), as the engine names a field


class Status(StrEnum):
    MET = "met"
    NOT_MET = "not_met"
    UNKNOWN = "unknown"

    @staticmethod
    def of(value: Any) -> Status:
        """Three-valued truth (True / False / None) → status."""
        if value is None:
            return Status.UNKNOWN
        return Status.MET if value else Status.NOT_MET


# --- definitions ------------------------------------------------------------------------


@dataclass(frozen=True)
class Source:
    """One way to obtain a quantity; the first source giving a value wins.

    ``kind`` is ``expr`` (an expression over the fields of ``form``), ``calc`` (over other
    quantities of the rule set) or ``builtin`` (a named computation in ``builtins.py``).
    """

    kind: str
    basis: str  # how the value was obtained, shown in explanations ("填报值", "由…计算")
    form: str = ""
    expr: Expression | None = None
    builtin: str = ""
    args: dict[str, str] = field(default_factory=dict)
    detail: Expression | None = None  # shown after the value, e.g. the ticked certificates


@dataclass(frozen=True)
class Quantity:
    id: str
    label: str
    unit: str
    sources: tuple[Source, ...]
    declaration: str = ""  # what the user must state when no form holds it
    decimals: int = 2


@dataclass(frozen=True)
class Alternative:
    """Another reading of a criterion, reported when it would give a different verdict."""

    reading: str
    condition: Expression


@dataclass(frozen=True)
class Criterion:
    id: str
    title: str  # the official wording
    group: str
    document: str
    clause: str
    seed: str
    condition: Expression
    check: str = "auto"  # auto | semi | manual (criteria.md §1.4)
    judgements: tuple[str, ...] = ()  # qualitative parts only a reviewer can decide
    reading: str = ""  # the reading chosen where the documents leave one open, and why
    note: str = ""
    alternatives: tuple[Alternative, ...] = ()
    gate: bool = True  # False: shown, but not part of the rule set's verdict
    option: str = ""  # the advised field's option this criterion stands for (a/b/c)

    @property
    def source(self) -> str:
        return f"{self.document} {self.clause}（{self.seed}）"


@dataclass(frozen=True)
class Group:
    id: str
    title: str
    require: str  # all | any


@dataclass(frozen=True)
class Highlight:
    quantity: str
    label: str


@dataclass(frozen=True)
class AdviceItem:
    field: str  # field id in the advised form
    group: str
    show: str  # option | count


@dataclass(frozen=True)
class AdviceSpec:
    """What the verdicts suggest a reviewer tick (part 六): shown to ``role`` only."""

    form: str
    role: str
    items: tuple[AdviceItem, ...]


@dataclass
class RuleSet:
    id: str
    title: str
    short_title: str
    document: str
    document_title: str
    issuer: str
    date: str
    version: str
    programme: str
    forms: tuple[str, ...]  # the forms it applies to
    params: dict[str, Any]
    quantities: dict[str, Quantity]
    groups: dict[str, Group]
    criteria: list[Criterion]
    highlights: tuple[Highlight, ...]
    path: Path
    advice: AdviceSpec | None = None

    def summary(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "title": self.title,
            "document": self.document,
            "date": self.date,
            "version": self.version,
            "programme": self.programme,
            "forms": list(self.forms),
        }


# --- results ----------------------------------------------------------------------------


@dataclass(frozen=True)
class QuantityValue:
    """A quantity's value in one application, and how it was (or could not be) obtained."""

    quantity: Quantity
    value: Any
    basis: str = ""
    detail: str = ""
    missing: tuple[FieldRef, ...] = ()  # inputs still blank, from the preferred source
    alternatives: tuple[FieldRef, ...] = ()  # inputs of a fallback source that would also do
    absent_forms: tuple[str, ...] = ()  # forms that would hold it but are not in the application
    parts: tuple[QuantityValue, ...] = ()  # component quantities of a calc source
    fields: tuple[FieldRef, ...] = ()  # every field it may read, in forms of the application


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


@dataclass(frozen=True)
class CriterionResult:
    criterion: Criterion
    status: Status
    explanation: str
    fields: tuple[FieldRef, ...]  # every field the criterion reads (for "jump to")
    missing: tuple[FieldRef, ...]  # blank fields that keep it unknown
    declarations: tuple[str, ...]  # statements the user still has to make
    judgements: tuple[str, ...]  # qualitative parts a reviewer has to decide
    statements: tuple[Statement, ...] = ()  # declarations to make, or made (answerable)

    @property
    def id(self) -> str:
        return self.criterion.id

    @property
    def title(self) -> str:
        return self.criterion.title

    def as_json(self, labels: dict[FieldRef, str] | None = None) -> dict[str, Any]:
        labels = labels or {}
        return {
            "id": self.criterion.id,
            "title": self.criterion.title,
            "group": self.criterion.group,
            "source": self.criterion.source,
            "check": self.criterion.check,
            "status": self.status.value,
            "explanation": self.explanation,
            "fields": _field_ids(self.fields),
            "missing": [
                {"form": f, "field": fid, "label": labels.get((f, fid), fid)}
                for f, fid in self.missing
            ],
            "declarations": list(self.declarations),
            "statements": [
                {
                    "ruleset": s.ruleset,
                    "quantity": s.quantity,
                    "text": s.text,
                    "kind": s.kind,
                    "unit": s.unit,
                    "answer": s.answer,
                }
                for s in self.statements
            ],
            "judgements": list(self.judgements),
            "gate": self.criterion.gate,
        }


@dataclass(frozen=True)
class GroupResult:
    group: Group
    status: Status
    met: int
    not_met: int
    unknown: int
    gate: bool = True  # False: no criterion of the group counts towards the verdict

    def as_json(self) -> dict[str, Any]:
        return {
            "id": self.group.id,
            "title": self.group.title,
            "require": self.group.require,
            "status": self.status.value,
            "met": self.met,
            "not_met": self.not_met,
            "unknown": self.unknown,
            "gate": self.gate,
        }


@dataclass(frozen=True)
class RuleSetResult:
    ruleset: RuleSet
    status: Status
    groups: tuple[GroupResult, ...]
    criteria: tuple[CriterionResult, ...]
    highlights: tuple[tuple[str, QuantityValue], ...]

    def criterion(self, criterion_id: str) -> CriterionResult:
        for c in self.criteria:
            if c.criterion.id == criterion_id:
                return c
        raise KeyError(criterion_id)

    def group(self, group_id: str) -> GroupResult:
        for g in self.groups:
            if g.group.id == group_id:
                return g
        raise KeyError(group_id)


def _field_ids(refs: tuple[FieldRef, ...]) -> list[str]:
    out: list[str] = []
    for _form, fid in refs:
        if fid not in out:
            out.append(fid)
    return out
