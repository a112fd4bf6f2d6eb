"""One policy for putting several DATA.json files of one enterprise together.

Each form may come once; a fact shared by the forms (企业名称, 从业人数, 营业收入@2020 …) is one
value, so where two files give it the values must agree — the same text, or the same figure
written differently ("26800" and 26800.0). Where they disagree, nothing is chosen: ``merge``
refuses with the fact and the files named (``zjtx check`` and ``zjtx export`` stop there), and
the importer keeps such files as separate applications (``conflicts`` tells it why).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from zjtx_desktop.core.datafile import DataFile, DataFileError
from zjtx_desktop.core.engine.session import ApplicationSession, Slot, slot_of
from zjtx_desktop.core.fieldtypes import parse
from zjtx_desktop.core.forms.model import FieldDef

Source = tuple[str, DataFile]  # (where it came from, e.g. the file name; the data)


@dataclass(frozen=True)
class Conflict:
    """A shared fact two files give differently."""

    slot: Slot
    label: str
    first: tuple[str, Any]  # (source, value)
    second: tuple[str, Any]

    def message(self) -> str:
        (a, va), (b, vb) = self.first, self.second
        return f"“{self.label}”不一致：{a} 为“{va}”，{b} 为“{vb}”"


class MergeRefused(DataFileError):
    """Files that cannot be one application; the message names every disagreement."""

    def __init__(self, lines: list[str], conflicts: Sequence[Conflict] = ()) -> None:
        self.conflicts = list(conflicts)
        super().__init__(
            "这些文件不能合为一份申报（不会替您选择其中一个值）：\n  " + "\n  ".join(lines)
        )


def same_value(a: Any, b: Any, f: FieldDef) -> bool:
    """The same text, or the same parsed value (a figure written differently)."""
    if a == b:
        return True
    pa, pb = parse(a, f), parse(b, f)
    return pa.value is not None and pa.value == pb.value


def conflicts(sources: Sequence[Source]) -> list[Conflict]:
    """Every shared fact given differently by two of the files (in file order)."""
    seen: dict[Slot, tuple[str, Any, FieldDef]] = {}
    out: list[Conflict] = []
    for where, data in sources:
        for fid, value in data.values.items():
            f = data.form.fields[fid]
            slot = slot_of(data.form, f)
            if slot not in seen:
                seen[slot] = (where, value, f)
                continue
            first_where, first_value, _f = seen[slot]
            if not same_value(first_value, value, f):
                out.append(
                    Conflict(slot, f.display_label, (first_where, first_value), (where, value))
                )
    return out


def duplicate_forms(sources: Sequence[Source]) -> list[str]:
    """One line per form given by more than one file."""
    firsts: dict[str, str] = {}
    out = []
    for where, data in sources:
        if data.form.id in firsts:
            out.append(f"{firsts[data.form.id]} 和 {where} 都是表单“{data.form.id}”的数据")
        firsts.setdefault(data.form.id, where)
    return out


def merge(sources: Sequence[Source]) -> dict[Slot, Any]:
    """The values of one application from its files; MergeRefused where they disagree."""
    found = conflicts(sources)
    lines = duplicate_forms(sources) + [c.message() for c in found]
    if lines:
        raise MergeRefused(lines, found)
    raw: dict[Slot, Any] = {}
    for _where, data in sources:
        for fid, value in data.values.items():
            raw.setdefault(slot_of(data.form, data.form.fields[fid]), value)
    return raw


def merged_session(sources: Sequence[Source]) -> ApplicationSession:
    """An engine session over the merged files (forms in file order)."""
    raw = merge(sources)
    return ApplicationSession([data.form for _w, data in sources], raw)
