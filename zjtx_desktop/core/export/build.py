"""Build the print model of one form from its definition and an engine session.

Layouts follow the section's ``layout``: ``grid`` (label/value pairs; fields sharing a
``print_row`` share a printed row, and a field shown only under a condition on another field of
its row — “如是，请填写” — is printed inside that field's cell), ``year_table`` and
``target_table`` (one row per indicator, one value cell per column, the 一级指标 group merged down,
fixed cells such as 无需填写), ``text`` (label above a long text), ``review`` (as grid) and
``cover``. Statics with ``after`` print in the cell of that field; seals listed first in a
section form the header line (the Jilin tables' two stamp places), the others follow the part.
"""

from __future__ import annotations

from dataclasses import dataclass

from zjtx_desktop.core.engine.session import ApplicationSession, FormState
from zjtx_desktop.core.export.model import (
    Block,
    Cell,
    Cover,
    CoverLine,
    PageBreak,
    Place,
    Places,
    PrintForm,
    Proof,
    Row,
    Table,
    Text,
)
from zjtx_desktop.core.export.proof import form_sha256, printed, shows_values
from zjtx_desktop.core.export.values import Rendered, render_value, with_prompt
from zjtx_desktop.core.forms.model import Column, FieldDef, FormDef, Section, Static

GRID_UNITS = 12
LONG_CHARS = 60
PLACE_KINDS = {"seal": "seal", "signature": "signature", "date_line": "date"}


def _label(f: FieldDef) -> str:
    return f.print_label or f.label


def _colon(text: str) -> str:
    return text if text.endswith(("：", ":")) else text + "："


@dataclass
class _Ctx:
    form: FormDef
    state: FormState
    copy: str

    def rendered(self, f: FieldDef) -> Rendered:
        parsed = self.state.parsed.get(f.id)
        shown = self.state.relevant.get(f.id, True) and shows_values(self.form, f, self.copy)
        value = parsed.value if parsed is not None else None
        return render_value(f, self.state.raw(f.id), value, shown)

    def value_cell(self, f: FieldDef, colspan: int = 1) -> Cell:
        r = self.rendered(f)
        long = f.type == "longtext" or len(r.text) > LONG_CHARS
        return Cell(r.text, "value", colspan, 1, r.number, r.number_format, long, f.id)

    def after(self, key: str) -> list[Static]:
        return [s for s in self.form.statics if s.after == key]


def build_form(
    form: FormDef,
    session: ApplicationSession,
    *,
    app_id: str = "",
    copy: str = "enterprise",
    draft: bool = False,
) -> PrintForm:
    """The print model of ``form`` with the values of ``session`` (``copy``: ``enterprise``
    leaves the recommender's part empty; ``full`` prints every part)."""
    state = session.state(form.id)
    ctx = _Ctx(form, state, copy)
    blocks: list[Block] = []
    has_cover = any(s.layout == "cover" and s.printed for s in form.sections.values())
    if not has_cover:
        blocks += _form_heading(form)
    for section in form.sections.values():
        if section.printed:
            blocks += _section(ctx, section)
    while blocks and isinstance(blocks[-1], PageBreak):
        blocks.pop()
    proof = Proof(app_id, form.id, form.version, form_sha256(state, copy))
    return PrintForm(
        form.id,
        form.version,
        form.title,
        form.kind,
        blocks,
        proof,
        draft,
        form.short_title or form.title,
    )


def _form_heading(form: FormDef) -> list[Block]:
    out: list[Block] = []
    if form.attachment_mark:
        out.append(Text(_colon(form.attachment_mark), "mark"))
    out.append(Text(form.title, "title", "center"))
    if form.subtitle:
        out.append(Text(form.subtitle, "subtitle", "center"))
    return out


def _section(ctx: _Ctx, section: Section) -> list[Block]:
    form = ctx.form
    fields = [f for f in form.fields_in(section.id) if printed(form, f)]
    free = [s for s in form.statics if s.section == section.id and not s.after]
    leading: list[Static] = []
    for s in free:
        if s.kind not in ("seal", "signature"):
            break
        leading.append(s)
    trailing = free[len(leading) :]
    out: list[Block] = []
    if section.layout == "cover":
        return [_cover(ctx, section, fields, free), PageBreak()]
    if section.title and section.title != form.title:
        out.append(Text(section.title, "heading"))
    header_fields: list[FieldDef] = []
    if section.layout in ("year_table", "target_table"):
        while fields and not fields[0].column:
            header_fields.append(fields.pop(0))
    if leading or header_fields:
        out.append(_header_places(ctx, leading, header_fields))
    if section.layout in ("year_table", "target_table"):
        out.append(_column_table(ctx, section, fields))
    elif section.layout == "text":
        out.append(_text_table(ctx, fields))
    elif fields:
        out.append(_grid(ctx, fields))
    out += _trailing(trailing)
    return out


def _header_places(ctx: _Ctx, seals: list[Static], fields: list[FieldDef]) -> Places:
    places = [Place(s.text, PLACE_KINDS.get(s.kind, "seal")) for s in seals]  # type: ignore[arg-type]
    for f in fields:
        label = _label(f)
        text = ctx.rendered(f).text
        for p in places:
            if label.rstrip("：:") == p.label:
                p.value = text
                break
        else:
            places.append(Place(_colon(label), "line", text))
    return Places(places, "header")


def _trailing(statics: list[Static]) -> list[Block]:
    out: list[Block] = []
    pending: list[Place] = []
    for s in statics:
        if s.kind in PLACE_KINDS:
            pending.append(Place(s.text, PLACE_KINDS[s.kind]))  # type: ignore[arg-type]
            continue
        if pending:
            out.append(Places(pending))
            pending = []
        style = {"note": "note", "declaration": "declaration", "title": "heading"}.get(
            s.kind, "instruction"
        )
        out.append(Text(s.text, style, "center" if s.kind == "footer" else "left"))  # type: ignore[arg-type]
    if pending:
        out.append(Places(pending))
    return out


# --- grid -----------------------------------------------------------------------------


def _rows_by_print_row(fields: list[FieldDef]) -> list[list[FieldDef]]:
    rows: list[list[FieldDef]] = []
    index: dict[str, list[FieldDef]] = {}
    for f in fields:
        key = f.print_row or f.row
        if key in index:
            index[key].append(f)
        else:
            index[key] = [f]
            rows.append(index[key])
    return rows


def _is_sub(f: FieldDef, row: list[FieldDef]) -> bool:
    """Shown only under a condition on another field of its printed row (如是，请填写…)."""
    if f.relevant is None:
        return False
    others = {g.id for g in row if g is not f}
    return bool(f.relevant.fields & others)


def _cell_text(ctx: _Ctx, f: FieldDef, row: list[FieldDef]) -> str:
    text = ctx.rendered(f).text
    later_labels = {_label(g) for g in row[row.index(f) + 1 :]}
    extra: list[str] = []
    for s in ctx.after(f.id):
        if s.kind == "prompt":
            if s.text not in later_labels:
                text = with_prompt(s.text, text)
        elif s.kind not in PLACE_KINDS:
            extra.append(s.text)
    return "\n".join([t for t in [text, *extra] if t])


def _grid(ctx: _Ctx, fields: list[FieldDef]) -> Table:
    rows: list[Row] = []
    for group in _rows_by_print_row(fields):
        pairs: list[tuple[FieldDef, list[FieldDef]]] = []
        for f in group:
            if pairs and _is_sub(f, group):
                pairs[-1][1].append(f)
            else:
                pairs.append((f, []))
        for start in range(0, len(pairs), 3):
            rows.append(_grid_row(ctx, group, pairs[start : start + 3]))
    return Table(tuple(1 / GRID_UNITS for _ in range(GRID_UNITS)), rows)


def _grid_row(
    ctx: _Ctx, group: list[FieldDef], pairs: list[tuple[FieldDef, list[FieldDef]]]
) -> Row:
    spans = {1: (3, 9), 2: (2, 4), 3: (2, 2)}[len(pairs)]
    cells: list[Cell] = []
    for f, subs in pairs:
        main = ctx.value_cell(f, spans[1])
        parts = [_cell_text(ctx, f, group)]
        for s in subs:
            parts.append(_colon(_label(s)) + _cell_text(ctx, s, group))
            main.long = main.long or ctx.value_cell(s).long
        main.text = "\n".join(p for p in parts if p)
        if subs or "\n" in main.text:
            main.number = None  # a composite cell is text
        cells += [Cell(_label(f), "label", spans[0]), main]
    return Row(cells)


# --- tables with columns --------------------------------------------------------------


def _columns(ctx: _Ctx, fields: list[FieldDef]) -> list[Column]:
    used = [f.column for f in fields if f.column]
    used += [fc.column for fc in ctx.form.fixed_cells]
    wanted = set(used)
    best: tuple[Column, ...] = ()
    for cols in ctx.form.columns.values():
        ids = {c.id for c in cols}
        if wanted <= ids and (not best or len(cols) < len(best)):
            best = cols
    if best:
        return list(best)
    seen: dict[str, Column] = {}
    for f in fields:
        if f.column and f.column not in seen:
            seen[f.column] = Column(f.column, f.column_label)
    return list(seen.values())


def _column_table(ctx: _Ctx, section: Section, fields: list[FieldDef]) -> Table:
    cols = _columns(ctx, fields)
    grouped = any(f.group for f in fields)
    n_fixed = 2 if grouped else 1
    label_w = 0.40 if grouped else 0.46
    group_w = 0.12 if grouped else 0.0
    col_w = (1 - label_w - group_w) / max(1, len(cols))
    widths = ((group_w,) if grouped else ()) + (label_w,) + tuple(col_w for _ in cols)
    header = list(section.header)
    if len(header) != n_fixed + len(cols):
        header = (["一级指标", "二级指标"] if grouped else ["指标"]) + [c.label for c in cols]
    rows = [Row([Cell(h, "header") for h in header], header=True)]
    fixed = {(fc.row, fc.column): fc.text for fc in ctx.form.fixed_cells}
    by_row: dict[str, dict[str, FieldDef]] = {}
    order: list[str] = []
    for f in fields:
        if f.row not in by_row:
            by_row[f.row] = {}
            order.append(f.row)
        by_row[f.row][f.column] = f
    group_rows: list[tuple[str, list[Row]]] = []
    for key in order:
        cells_by_col = by_row[key]
        first = next(iter(cells_by_col.values()))
        cells = [Cell(_label(first), "label")]
        if "" in cells_by_col:  # a row without columns spans them all
            cells.append(Cell(_cell_text(ctx, first, [first]), "value", len(cols), field=first.id))
            if cells[-1].text == ctx.rendered(first).text:
                r = ctx.rendered(first)
                cells[-1].number, cells[-1].number_format = r.number, r.number_format
        else:
            for c in cols:
                if (key, c.id) in fixed:
                    cells.append(Cell(fixed[(key, c.id)], "fixed"))
                elif c.id in cells_by_col:
                    cell = ctx.value_cell(cells_by_col[c.id])
                    cell.center = not cell.long
                    cells.append(cell)
                else:
                    cells.append(Cell(""))
        row = Row(cells)
        for s in ctx.after(key):
            if s.kind not in PLACE_KINDS:
                cells[0].text += "\n" + s.text
        if group_rows and group_rows[-1][0] == first.group:
            group_rows[-1][1].append(row)
        else:
            group_rows.append((first.group, [row]))
    for group, members in group_rows:
        if grouped:
            members[0].cells.insert(0, Cell(group, "group", rowspan=len(members)))
        rows += members
    return Table(widths, rows)


# --- text and cover -------------------------------------------------------------------


def _text_table(ctx: _Ctx, fields: list[FieldDef]) -> Table:
    rows: list[Row] = []
    for f in fields:
        label = _label(f)
        prompts = [s.text for s in ctx.after(f.id) if s.kind not in PLACE_KINDS]
        rows.append(Row([Cell("\n".join([label, *prompts]), "label")]))
        cell = ctx.value_cell(f)
        cell.long = True
        rows.append(Row([cell]))
    return Table((1.0,), rows)


def _cover(ctx: _Ctx, section: Section, fields: list[FieldDef], free: list[Static]) -> Cover:
    form = ctx.form
    titles = [s.text for s in free if s.kind == "title"] or [form.title]
    footer = "\n".join(s.text for s in free if s.kind == "footer")
    lines = []
    for f in fields:
        label = _label(f)
        lines.append(CoverLine(label, ctx.rendered(f).text, "盖章" in label or "公章" in label))
    for s in free:
        if s.kind in ("seal", "signature", "date_line"):
            lines.append(CoverLine(s.text, "", s.kind == "seal"))
    mark = _colon(form.attachment_mark) if form.attachment_mark else ""
    return Cover(mark, titles, lines, footer)
