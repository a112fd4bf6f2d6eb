"""The loaded, expanded form definition: what the engine, views and exporters read.

A definition file may describe one printed row with several columns (2019年/2020年, or
实施期初始值/满一年/满两年) or numbered blanks; the loader expands those into concrete fields
with ids ``<row>.<column>`` so everything downstream deals with plain fields.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Any

from zjtx_desktop.core.expr import Expression

# ``{name}`` in a print_layout: an option's □ (a choice) or a field's printed value (a sentence).
LAYOUT_MARK = re.compile(r"\{([^{}]+)\}")


def layout_marks(layout: str) -> list[str]:
    """The names a ``print_layout`` places, in order (the loader checks each one exists)."""
    return LAYOUT_MARK.findall(layout)


@dataclass(frozen=True)
class Option:
    value: str
    label: str
    exclusive: bool = False  # in a multi-choice, ticking it clears the others (e.g. 无)
    print_label: str = ""  # as printed when it differs ("是，" runs on into its prompt)

    @property
    def printed(self) -> str:
        return self.print_label or self.label


@dataclass(frozen=True)
class Column:
    id: str
    label: str
    year: int | None = None
    note: str = ""


@dataclass(frozen=True)
class Section:
    id: str
    title: str
    filled_by: str = "enterprise"
    layout: str = "grid"
    header: tuple[str, ...] = ()
    printed: bool = True
    help: str = ""


@dataclass(frozen=True)
class FieldDef:
    id: str
    label: str
    section: str
    type: str
    row: str  # the definition entry it was expanded from
    unit: str = ""
    required: bool = False
    required_code: str = ""  # a more specific message than REQUIRED ("已勾选“其他”：请说明")
    qualifier: str = ""  # tells apart fields printed with the same label (电话 of whom)
    options: tuple[Option, ...] = ()
    max_choices: int | None = None
    max_chars: int | None = None
    min_chars: int | None = None
    attachment: str = ""
    min: Decimal | None = None
    max: Decimal | None = None
    decimals: int | None = None
    help: str = ""
    example: str = ""
    column: str = ""  # column id ("" when the row has no columns)
    column_label: str = ""
    relevant: Expression | None = None
    fact: str = ""
    helper: bool = False
    star: bool = False
    group: str = ""
    print_label: str = ""
    print_unit: bool = True  # False: the template prints no unit after the value
    print_layout: str = ""  # a choice as printed, "{value}" where that option's box stands
    print_row: str = ""
    comment: str = ""
    filled_by: str = ""  # who fills it where not the section's filler ("" = the section's)

    @property
    def display_label(self) -> str:
        """Label with its column, as a person would name the cell ("营业收入（2020年）")."""
        label = f"{self.label}（{self.qualifier}）" if self.qualifier else self.label
        return f"{label}（{self.column_label}）" if self.column_label else label

    def option_values(self) -> list[str]:
        return [o.value for o in self.options]


@dataclass(frozen=True)
class Rule:
    id: str
    code: str
    severity: str
    at: str
    check: Expression
    when: Expression | None = None
    params: dict[str, Expression] = field(default_factory=dict)
    column_label: str = ""
    source: str = ""

    @property
    def fields(self) -> frozenset[str]:
        out = set(self.check.fields)
        if self.when is not None:
            out |= self.when.fields
        for p in self.params.values():
            out |= p.fields
        return frozenset(out)


@dataclass(frozen=True)
class Calculation:
    id: str
    target: str
    expr: Expression
    formula: str
    decimals: int = 2
    tolerance: Decimal = Decimal("0.1")
    source: str = ""


@dataclass(frozen=True)
class Static:
    id: str
    section: str
    kind: str
    text: str
    after: str = ""


@dataclass(frozen=True)
class FixedCell:
    row: str
    column: str
    text: str


@dataclass
class FormDef:
    id: str
    title: str
    kind: str
    region: str
    version: str
    source: dict[str, str]
    params: dict[str, Any]
    columns: dict[str, tuple[Column, ...]]
    sections: dict[str, Section]
    fields: dict[str, FieldDef]
    rules: list[Rule]
    calculations: list[Calculation]
    statics: list[Static]
    fixed_cells: list[FixedCell]
    path: Path
    short_title: str = ""
    batch: str = ""
    attachment_mark: str = ""
    subtitle: str = ""
    subtitle_between_seals: bool = False  # printed between the header's two seal places
    fill_zero: bool = False
    raw: dict[str, Any] = field(default_factory=dict, repr=False)

    def summary(self) -> dict[str, str]:
        return {
            "id": self.id,
            "title": self.title,
            "kind": self.kind,
            "region": self.region,
            "version": self.version,
        }

    def filler(self, f: FieldDef) -> str:
        """Who fills the field: its own ``filled_by``, else its section's."""
        return f.filled_by or self.sections[f.section].filled_by

    def fields_in(self, section: str) -> list[FieldDef]:
        return [f for f in self.fields.values() if f.section == section]
