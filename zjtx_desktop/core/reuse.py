"""Reusing an application: a copy, next year's from last year's, a draft moved to a new
version of its forms — each with a report of what was carried, shifted, left and dropped.

Nothing is lost: a copy carries every value and 说明; a year shift carries each figure to the
column of the same year (2020年 stays 2020年, now the first column) and the stable facts
(名称, 代码, 地址 …), and leaves the new year's figures empty, listed as such; a migration keeps
the values of fields the new version no longer has in the database and lists them.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from zjtx_desktop.core.engine.session import ApplicationSession, slot_of
from zjtx_desktop.core.fieldtypes import NUMERIC_TYPES, is_blank
from zjtx_desktop.core.forms.model import FieldDef, FormDef
from zjtx_desktop.core.refs import FieldRef, Slot, field_ref
from zjtx_desktop.core.store.drafts import DraftStore


@dataclass
class ReuseReport:
    """What happened to each value, for the user to read before working on."""

    carried: list[FieldRef] = field(default_factory=list)  # same place, same value
    shifted: list[tuple[FieldRef, FieldRef]] = field(default_factory=list)  # (from, to) by year
    to_fill: list[FieldRef] = field(default_factory=list)  # the new year's figures: empty
    dropped: list[tuple[FieldRef, Any]] = field(default_factory=list)  # not carried (value kept)
    new: list[FieldRef] = field(default_factory=list)  # fields the old version did not have
    moved: list[tuple[FieldRef, str, str]] = field(default_factory=list)  # (field, from, to part)
    labels: dict[FieldRef, str] = field(default_factory=dict)

    def label(self, ref: FieldRef) -> str:
        return self.labels.get(ref, ref[1])

    def lines(self) -> list[str]:
        """The report in Chinese, one line per heading and per value."""
        out: list[str] = []

        def section(title: str, items: list[str]) -> None:
            if items:
                out.append(f"{title}（{len(items)}项）：")
                out.extend(f"  • {i}" for i in items)

        section(
            "按年份移到新的栏目",
            [f"{self.label(a)} → {self.label(b)}" for a, b in self.shifted],
        )
        section("新年度的数字，需要填写（已留空）", [self.label(r) for r in self.to_fill])
        section(
            "位置有变化",
            [f"{self.label(r)}：{a} → {b}" for r, a, b in self.moved],
        )
        section("新增的栏目", [self.label(r) for r in self.new])
        section(
            "没有带入（原值保留在原申报/数据库中）",
            [f"{self.label(r)}：{_show(v)}" for r, v in self.dropped],
        )
        out.insert(0, f"原样带入 {len(self.carried)} 项。")
        return out


def _show(v: Any) -> str:
    return "、".join(map(str, v)) if isinstance(v, list) else str(v)


def _column_year(form: FormDef, f: FieldDef) -> int | None:
    for cols in form.columns.values():
        for c in cols:
            if c.id == f.column:
                return c.year
    return None


# --- copy --------------------------------------------------------------------------------


def duplicate(store: DraftStore, app_id: str, name: str = "") -> str:
    """A new draft with every value, declaration and 说明 of ``app_id``, in one transaction:
    a refused write (locked, read-only, full disk) leaves no half copy; the original is only
    read."""
    from zjtx_desktop.core.forms.registry import get_form

    rec = store.get(app_id)
    forms = [get_form(fid) for fid, _v in rec.forms]
    return store.create(
        forms,
        name=name or f"{rec.name}（副本）",
        programme=rec.programme,
        values=store.values(app_id),
        explanations=store.explanations(app_id),
        event=("copied", f"复制自 {app_id}"),
    )


# --- next year ---------------------------------------------------------------------------


# answers that stay true from one year to the next (名称, 代码, 地址, 行业, 产品 …); figures
# without a year column (从业人数, 专利数) describe "now" and are asked again
def _stable(f: FieldDef) -> bool:
    return f.type not in NUMERIC_TYPES


def carry_forward(
    source: ApplicationSession, targets: list[FormDef]
) -> tuple[dict[Slot, Any], ReuseReport]:
    """Raw values for ``targets`` from last year's ``source``: figures by their year, stable
    facts as they were, the new year's figures empty. Only what the enterprise fills."""
    report = ReuseReport()
    raw: dict[Slot, Any] = {}
    used: set[Slot] = set()  # source slots carried somewhere
    by_kind = {st.form.kind: st.form for st in source.states.values()}
    for form in targets:
        old = source.states[form.id].form if form.id in source.states else by_kind.get(form.kind)
        for f in form.fields.values():
            ref = field_ref(form.id, f.id)
            report.labels[ref] = f"{form.short_title or form.title} {f.display_label}"
            if form.filler(f) != "enterprise" or f.helper:
                continue
            slot = slot_of(form, f)
            if slot in raw:
                continue  # a shared fact already carried for another form
            year = _column_year(form, f)
            if old is None:
                continue
            if year is not None:
                match = next(
                    (
                        g
                        for g in old.fields.values()
                        if g.row == f.row and _column_year(old, g) == year
                    ),
                    None,
                )
                if match is None:
                    report.to_fill.append(ref)
                    continue
                value = source.raw.get(slot_of(old, match))
                if is_blank(value):
                    continue
                raw[slot] = value
                used.add(slot_of(old, match))
                src = field_ref(old.id, match.id)
                report.labels.setdefault(
                    src, f"{old.short_title or old.title} {match.display_label}"
                )
                if match.column != f.column or old.id != form.id:
                    report.shifted.append((src, ref))
                else:
                    report.carried.append(ref)
                continue
            g = old.fields.get(f.id)
            if g is None or not _stable(f):
                if g is not None and not is_blank(source.raw.get(slot_of(old, g))):
                    report.to_fill.append(ref)
                continue
            value = source.raw.get(slot_of(old, g))
            if not is_blank(value):
                raw[slot] = value
                used.add(slot_of(old, g))
                report.carried.append(ref)
    for st in source.states.values():
        for g in st.form.fields.values():
            slot = slot_of(st.form, g)
            value = source.raw.get(slot)
            if slot in used or is_blank(value) or st.form.filler(g) != "enterprise":
                continue
            ref = field_ref(st.form.id, g.id)
            if any(r == ref for r in report.to_fill):
                continue
            report.labels.setdefault(
                ref, f"{st.form.short_title or st.form.title} {g.display_label}"
            )
            if not any(r == ref for r, _ in report.dropped) and _column_year(st.form, g):
                report.dropped.append((ref, value))
    return raw, report


def start_next_year(
    store: DraftStore, app_id: str, programme: str = "", name: str = ""
) -> tuple[str, ReuseReport]:
    """A new draft of ``programme`` (default: the same) from last year's ``app_id``."""
    from zjtx_desktop.core.forms.registry import get_form, programmes

    rec = store.get(app_id)
    source = ApplicationSession([get_form(fid) for fid, _v in rec.forms], store.values(app_id))
    prog_id = programme or rec.programme
    prog = programmes().get(prog_id)
    forms = [get_form(f) for f in prog.forms] if prog else source.forms
    raw, report = carry_forward(source, forms)
    new_id = store.create(  # one transaction: a refused write leaves no half-made application
        forms,
        name=name or rec.name,
        programme=prog_id,
        values=raw,
        event=("carried", f"以上年申报 {app_id} 为基础"),
    )
    return new_id, report


# --- new form version --------------------------------------------------------------------


def migrate_values(
    old: FormDef, new: FormDef, values: dict[str, Any]
) -> tuple[dict[str, Any], ReuseReport]:
    """A form's values (field id → raw) under a new version of the form."""
    report = ReuseReport()
    out: dict[str, Any] = {}
    for fid, value in values.items():
        ref = field_ref(new.id, fid)
        g = new.fields.get(fid)
        if g is None:
            f = old.fields.get(fid)
            report.labels[ref] = f.display_label if f else fid
            report.dropped.append((ref, value))
            continue
        report.labels[ref] = g.display_label
        out[fid] = value
        f = old.fields.get(fid)
        if f is not None and f.section != g.section:
            before = old.sections[f.section].title if f.section in old.sections else f.section
            report.moved.append((ref, before, new.sections[g.section].title))
        else:
            report.carried.append(ref)
    for fid, g in new.fields.items():
        if fid not in old.fields:
            report.labels[field_ref(new.id, fid)] = g.display_label
            report.new.append(field_ref(new.id, fid))
    return out, report


def migrate_draft(
    store: DraftStore,
    app_id: str,
    old_forms: dict[str, FormDef],
    new_forms: dict[str, FormDef] | None = None,
    apply: bool = False,
) -> ReuseReport:
    """Move ``app_id`` to the current version of its forms (``new_forms``, default the shipped
    ones). ``old_forms`` are the definitions it was filled against. Values of fields the new
    version lacks stay in the database (and in the report); with ``apply`` the draft records
    the new versions."""
    from zjtx_desktop.core.forms.registry import get_form

    rec = store.get(app_id)
    stored = store.values(app_id)
    total = ReuseReport()
    versions: dict[str, str] = {}
    for fid, version in rec.forms:
        new = (new_forms or {}).get(fid) or get_form(fid)
        old = old_forms.get(fid)
        if old is None or (version == new.version and old.version == new.version):
            continue
        values = {g: v for (scope, g), v in stored.items() if scope == fid}
        _, report = migrate_values(old, new, values)
        for name in ("carried", "dropped", "new", "moved"):
            getattr(total, name).extend(getattr(report, name))
        total.labels.update(report.labels)
        versions[fid] = new.version
    if apply:  # one transaction: a refused write leaves the draft on its old versions
        store.migrate(app_id, versions, "；".join(total.lines()))
    return total
