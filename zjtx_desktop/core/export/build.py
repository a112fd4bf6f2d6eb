"""Build the print model of one form from its definition and an engine session.

Layouts follow the section's ``layout``: ``grid``, ``review`` and ``year_table`` (label/value
rows and rows with a cell per year, see ``build_grid``), ``target_table`` (one row per
indicator, the 一级指标 merged down, fixed cells such as 无需填写, and a 注释 column when the
header has one), ``text`` (label above a long text) and ``cover``. Statics with ``after`` print
in the cell of that field; seals listed first in a part form the header line (the Jilin tables'
two stamp places); the others follow the part. Hidden fields and the other party's part print
blank; helper fields and helper sections do not print.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from zjtx_desktop.core.engine.session import ApplicationSession
from zjtx_desktop.core.export.build_grid import grid_table, prompt_is_heading
from zjtx_desktop.core.export.context import PLACE_KINDS, BuildContext, colon, label_of
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
from zjtx_desktop.core.export.proof import form_sha256, printed
from zjtx_desktop.core.export.values import fill_sentence
from zjtx_desktop.core.forms.model import Column, FieldDef, FormDef, Section, Static

if TYPE_CHECKING:
    from zjtx_desktop.core.export.verdict import Verdict


def build_form(
    form: FormDef,
    session: ApplicationSession,
    *,
    app_id: str = "",
    copy: str = "enterprise",
    draft: bool = False,
    blank: bool = False,
    verdict: Verdict | None = None,
) -> PrintForm:
    """The print model of ``form`` with the values of ``session`` (``copy``: ``enterprise``
    leaves the recommender's part empty; ``full`` prints every part; ``verdict``: a
    re-rendering's rule versions for a 自评表's 自评结果)."""
    state = session.state(form.id)
    ctx = BuildContext(form, state, copy, blank=blank)
    blocks: list[Block] = []
    if not any(s.layout == "cover" and s.printed for s in form.sections.values()):
        blocks += _form_heading(form)
    for section in form.sections.values():
        if section.printed:
            blocks += _section(ctx, section)
    if form.kind == "self_assessment" and not blank:
        from zjtx_desktop.core.export.verdict import verdict_blocks

        # its check, with the rules applied (issue 14)
        blocks += verdict_blocks(form, session, verdict)
    while blocks and isinstance(blocks[-1], PageBreak):
        blocks.pop()
    proof = Proof(app_id, form.id, form.version, form_sha256(state, copy))
    title = form.short_title or form.title
    return PrintForm(form.id, form.version, form.title, form.kind, blocks, proof, draft, title)


def _form_heading(form: FormDef) -> list[Block]:
    out: list[Block] = []
    if form.attachment_mark:
        out.append(Text(form.attachment_mark, "mark"))  # verbatim: “模板附3”, “附件1：”
    out.append(Text(form.title, "title", "center"))
    if form.subtitle and not form.subtitle_between_seals:
        out.append(Text(form.subtitle, "subtitle", "center"))
    return out


def _section(ctx: BuildContext, section: Section) -> list[Block]:
    form = ctx.form
    fields = [f for f in form.fields_in(section.id) if printed(form, f)]
    free = [s for s in form.statics if s.section == section.id and not s.after]
    if section.layout == "cover":
        return _cover(ctx, section, fields, free)
    leading: list[Static] = []
    for s in free:
        if s.kind not in ("seal", "signature"):
            break
        leading.append(s)
    # a date field printed as the part's date line (“日　期：　年　月　日”) stands where the
    # template has it, among the seal places (推荐单位（公章） first), not in the table
    date_lines = {s.text for s in free if s.kind == "date_line"}
    dated = {label_of(f): f for f in fields if label_of(f) in date_lines}
    fields = [f for f in fields if label_of(f) not in dated]
    trailing = [
        s
        for s in free[len(leading) :]
        if not (s.kind == "prompt" and prompt_is_heading(s.text, fields))
    ]
    out: list[Block] = []
    if section.filled_by == "recommender":
        out.append(PageBreak())  # the recommender's part starts a page of its own
    if section.title and section.title != form.title:
        out.append(Text(section.title, "heading"))
    header_fields: list[FieldDef] = []
    if section.layout == "target_table":
        while fields and not fields[0].column:
            header_fields.append(fields.pop(0))
    if leading or header_fields:
        out.append(_header_places(ctx, leading, header_fields))
    if section.layout == "target_table":
        out.append(_column_table(ctx, section, fields))
    elif section.layout == "text":
        out.append(_text_table(ctx, fields))
    elif fields:
        out.append(grid_table(ctx, section, fields, _leads(ctx, fields)))
    out += _trailing(ctx, trailing, dated)
    return out


def _leads(ctx: BuildContext, fields: list[FieldDef]) -> dict[str, list[str]]:
    """Prompts printed after a field that introduce the next group (“经初审核实：”) move to
    the start of that group; one equal to the group's heading is printed by the group cell."""
    out: dict[str, list[str]] = {}
    for i, f in enumerate(fields[:-1]):
        prompts = [s for s in ctx.after(f.id) if s.kind == "prompt"]
        if not any(prompt_is_heading(s.text, fields[i + 1 :]) for s in prompts):
            continue
        ctx.skip |= {s.id for s in prompts}
        texts = [s.text for s in prompts if not prompt_is_heading(s.text, fields[i + 1 :])]
        out.setdefault(fields[i + 1].id, []).extend(texts)
    return out


def _header_places(ctx: BuildContext, seals: list[Static], fields: list[FieldDef]) -> Places:
    places = [Place(s.text, "signature" if s.kind == "signature" else "seal") for s in seals]
    for p in places:  # 企业名称（盖章） prints the 企业名称 typed in the form
        name = p.label.replace("（盖章）", "").replace("（公章）", "").rstrip("：:")
        source = next((f for f in ctx.form.fields.values() if f.label == name), None)
        if source is not None and name != p.label.rstrip("：:") and source not in fields:
            p.value = ctx.rendered(source).text
    for f in fields:
        label = label_of(f)
        text = ctx.rendered(f).text
        for p in places:
            if label.rstrip("：:") == p.label.rstrip("：:"):
                p.value = text
                break
        else:
            places.append(Place(colon(label), "line", text))
    between = ctx.form.subtitle if ctx.form.subtitle_between_seals and len(seals) >= 2 else ""
    return Places(places, "header", between)


def _texts(s: Static) -> list[Block]:
    """A static as printed; a short first line (“真实性声明”, “填报说明”) is its heading."""
    style = {"note": "note", "declaration": "declaration", "title": "heading"}.get(
        s.kind, "instruction"
    )
    lines = s.text.split("\n")
    if len(lines) > 1 and len(lines[0]) <= 8 and s.kind in ("declaration", "instruction"):
        body = "\n".join(lines[1:])
        return [Text(lines[0], "heading", "center"), Text(body, style)]  # type: ignore[arg-type]
    return [Text(s.text, style, "center" if s.kind == "footer" else "left")]  # type: ignore[arg-type]


def _trailing(ctx: BuildContext, statics: list[Static], dated: dict[str, FieldDef]) -> list[Block]:
    out: list[Block] = []
    pending: list[Place] = []
    for s in statics:
        if s.kind in PLACE_KINDS:
            text = s.text
            if s.kind == "date_line" and s.text in dated:
                f = dated[s.text]
                parsed = ctx.state.parsed.get(f.id)
                value = parsed.value if parsed is not None and ctx.shown(f) else None
                text = fill_sentence(s.text, f, value, ctx.rendered(f).text if value else "")
            pending.append(Place(text, PLACE_KINDS[s.kind]))  # type: ignore[arg-type]
            continue
        if pending:
            out.append(Places(pending))
            pending = []
        out += _texts(s)
    if pending:
        out.append(Places(pending))
    return out


# --- target tables --------------------------------------------------------------------


def _columns(ctx: BuildContext, fields: list[FieldDef]) -> list[Column]:
    wanted = {f.column for f in fields if f.column} | {fc.column for fc in ctx.form.fixed_cells}
    best: tuple[Column, ...] = ()
    for cols in ctx.form.columns.values():
        if wanted <= {c.id for c in cols} and (not best or len(cols) < len(best)):
            best = cols
    return list(best)


def _column_table(ctx: BuildContext, section: Section, fields: list[FieldDef]) -> Table:
    cols = _columns(ctx, fields)
    grouped = any(f.group for f in fields)
    n_fixed = 2 if grouped else 1
    header = list(section.header)
    notes = len(header) == n_fixed + len(cols) + 1  # a 注释 column (Beijing)
    if len(header) not in (n_fixed + len(cols), n_fixed + len(cols) + 1):
        header = (["一级指标", "二级指标"] if grouped else ["指标"]) + [c.label for c in cols]
    note_w = 0.2 if notes else 0.0
    label_w = (0.33 if notes else 0.38) if grouped else 0.46
    group_w = (0.1 if notes else 0.12) if grouped else 0.0
    col_w = (1 - label_w - group_w - note_w) / max(1, len(cols))
    widths = (
        ((group_w,) if grouped else ())
        + (label_w,)
        + tuple(col_w for _ in cols)
        + ((note_w,) if notes else ())
    )
    rows = [Row([Cell(h, "header") for h in header], header=True)]
    fixed = {(fc.row, fc.column): fc.text for fc in ctx.form.fixed_cells}
    by_row: dict[str, dict[str, FieldDef]] = {}
    for f in fields:
        by_row.setdefault(f.row, {})[f.column] = f
    blocks: list[tuple[str, list[Row]]] = []
    for key, cells_by_col in by_row.items():
        first = next(iter(cells_by_col.values()))
        cells = [Cell(label_of(first), "label")]
        if "" in cells_by_col:  # a row without columns spans them all
            cell = ctx.value_cell(first, len(cols))
            cell.text = ctx.cell_text(first, [first])
            cells.append(cell)
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
        notes_here = [s.text for s in ctx.after(key) if s.kind not in PLACE_KINDS]
        if notes:
            cells.append(Cell("\n".join(notes_here), "note"))
        elif notes_here:
            cells[0].text += "\n" + "\n".join(notes_here)
        if blocks and blocks[-1][0] == first.group:
            blocks[-1][1].append(Row(cells))
        else:
            blocks.append((first.group, [Row(cells)]))
    for group, members in blocks:
        if grouped:
            members[0].cells.insert(0, Cell(group, "group", rowspan=len(members)))
        rows += members
    return Table(widths, rows)


# --- text and cover -------------------------------------------------------------------


def _text_table(ctx: BuildContext, fields: list[FieldDef]) -> Table:
    rows: list[Row] = []
    for f in fields:
        prompts = [s.text for s in ctx.after(f.id) if s.kind not in PLACE_KINDS]
        rows.append(Row([Cell("\n".join([label_of(f), *prompts]), "label")]))
        cell = ctx.value_cell(f)
        cell.long = True
        rows.append(Row([cell]))
    return Table((1.0,), rows)


def _cover(
    ctx: BuildContext, section: Section, fields: list[FieldDef], free: list[Static]
) -> list[Block]:
    form = ctx.form
    titles = [ln for s in free if s.kind == "title" for ln in s.text.split("\n")] or [form.title]
    footer = "\n".join(s.text for s in free if s.kind == "footer")
    lines = []
    for s in free:
        if s.kind in PLACE_KINDS:
            name = s.text.replace("（盖章）", "").replace("（公章）", "").rstrip("：:")
            source = next((f for f in form.fields.values() if f.label == name), None)
            value = ctx.rendered(source).text if source is not None else ""
            lines.append(CoverLine(s.text, value, s.kind == "seal"))
    for f in fields:
        label = label_of(f)
        lines.append(CoverLine(label, ctx.rendered(f).text, "盖章" in label or "公章" in label))
    mark = form.attachment_mark
    out: list[Block] = [Cover(mark, titles, lines, footer), PageBreak()]
    for s in free:
        if s.kind in ("instruction", "note", "declaration"):
            out += _texts(s)
    if len(out) > 2:
        out.append(PageBreak())
    return out
