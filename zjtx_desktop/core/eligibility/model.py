"""What a rule set is once loaded, and what evaluating one over an application gives.

A rule set (one YAML file in ``forms/programmes/criteria/``) names the quantities its
criteria talk about — 研发经费占比 2019年, 资产负债率 2020年 … — each with the ways to obtain
it from the forms (computed from amounts first, the reported ratio as a fallback), and the
criteria as expressions over those quantities in the form expression language.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from enum import StrEnum
from pathlib import Path
from typing import Any

from zjtx_desktop.core.expr import Expression
from zjtx_desktop.core.refs import FieldRef as FieldRef


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
    pending: str = ""  # said while unknown instead of a guess ("依平台评价结果")


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
    grade: str = ""  # confidence of the rule's text (post2021.md §0.3: A verbatim … D hypothesis)

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


@dataclass(frozen=True)
class Band:
    """One option of a points indicator: the first band whose test holds gives the points.

    ``min``: value >= min (“X以上” owns its boundary, post2021.md §2.1); ``below``: value < below
    (“X以下” when a band “X以上” sits above it); ``equals``: a choice; none: everything else.
    """

    option: str  # the printed letter (A, B, …)
    label: str  # the printed band text
    points: Decimal
    quantity: str  # the quantity it reads (the branch's, unless the band names another)
    min: Decimal | None = None
    below: Decimal | None = None
    equals: str | None = None


@dataclass(frozen=True)
class Branch:
    """One way of scoring an indicator; an "or" indicator has several and takes the better."""

    reading: str
    quantity: str
    bands: tuple[Band, ...]


@dataclass(frozen=True)
class Indicator:
    id: str
    title: str
    group: str
    max: Decimal
    clause: str
    branches: tuple[Branch, ...]
    alternatives: tuple[Branch, ...] = ()  # other readings, reported when they score otherwise
    grade: str = ""
    note: str = ""
    entered: str = ""  # a quantity whose value is the points (the provincial 特色化 score)


@dataclass(frozen=True)
class ScoreGroup:
    id: str
    title: str
    max: Decimal


@dataclass(frozen=True)
class PointsTable:
    title: str
    groups: tuple[ScoreGroup, ...]
    indicators: tuple[Indicator, ...]

    @property
    def max(self) -> Decimal:
        return sum((g.max for g in self.groups), Decimal(0))


@dataclass(frozen=True)
class Window:
    """When a rule set applies: an application type over a date range (both ends included)."""

    types: tuple[str, ...]  # 新申请 / 复核
    start: str  # YYYY-MM-DD
    end: str = ""  # "" = open
    note: str = ""

    def covers(self, date: str, app_type: str) -> bool:
        return app_type in self.types and self.start <= date and (not self.end or date <= self.end)


@dataclass(frozen=True)
class Waiver:
    """An overlay's waiver: the base criterion stays shown but no longer counts."""

    criterion: str
    reading: str
    types: tuple[str, ...] = ("新申请", "复核")


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
    grade: str = ""  # the rule set's confidence grade (post2021.md §0.3)
    grade_note: str = ""  # e.g. 依第三方整理，待核对官方文本
    tier: str = ""  # the title it awards: cx | zjtx | xjr (chosen by date and type)
    applies: tuple[Window, ...] = ()
    overlay_on: tuple[str, ...] = ()  # an annual overlay: the base rule sets it adds to
    waivers: tuple[Waiver, ...] = ()
    points: PointsTable | None = None
    origin: str = "shipped"  # shipped | the installed pack's id@version

    @property
    def is_overlay(self) -> bool:
        return bool(self.overlay_on)

    def applies_to(self, date: str, app_type: str) -> bool:
        return any(w.covers(date, app_type) for w in self.applies)

    def summary(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "title": self.title,
            "document": self.document,
            "date": self.date,
            "version": self.version,
            "programme": self.programme,
            "forms": list(self.forms),
            "grade": self.grade,
            "grade_note": self.grade_note,
            "tier": self.tier,
            "applies": [
                {"types": list(w.types), "from": w.start, "until": w.end or None, "note": w.note}
                for w in self.applies
            ],
            "overlay_on": list(self.overlay_on),
            "origin": self.origin,
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
                {"form": ref[0], "field": ref[1], "label": labels.get(ref, ref[1])}
                for ref in self.missing
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
            "grade": self.criterion.grade or None,
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
class IndicatorScore:
    """One indicator of a points table over one application, with its working."""

    indicator: Indicator
    points: Decimal | None  # None: a figure it needs is still missing
    band: Band | None
    branch: str  # the reading of the branch that gave the points ("" for a single branch)
    figure: str  # the figure that decided it, as shown ("研发费用总额 2025年 620万元")
    warnings: tuple[str, ...] = ()  # value on a band boundary, …
    others: tuple[str, ...] = ()  # the other branches / readings and what they give
    missing: tuple[FieldRef, ...] = ()


@dataclass(frozen=True)
class ScoreResult:
    table: PointsTable
    indicators: tuple[IndicatorScore, ...]

    @property
    def complete(self) -> bool:
        return all(i.points is not None for i in self.indicators)

    def part(self, group: str) -> Decimal:
        """Points of a group so far (unscored indicators count 0)."""
        return sum(
            (i.points or Decimal(0) for i in self.indicators if i.indicator.group == group),
            Decimal(0),
        )

    def pending(self, group: str | None = None) -> Decimal:
        """The most the still unscored indicators of a group (or all) could add."""
        return sum(
            (
                i.indicator.max
                for i in self.indicators
                if i.points is None and (group is None or i.indicator.group == group)
            ),
            Decimal(0),
        )

    @property
    def total(self) -> Decimal:
        return sum((self.part(g.id) for g in self.table.groups), Decimal(0))


@dataclass(frozen=True)
class RuleSetResult:
    ruleset: RuleSet
    status: Status
    groups: tuple[GroupResult, ...]
    criteria: tuple[CriterionResult, ...]
    highlights: tuple[tuple[str, QuantityValue], ...]
    score: ScoreResult | None = None
    context: str = ""  # why this rule set was chosen (date, type), shown above the verdicts
    overlays: tuple[RuleSet, ...] = ()  # the annual overlays added to it
    assessment: Any = None  # choose.Assessment: the date and type it was evaluated for

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
