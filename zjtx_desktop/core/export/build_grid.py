"""Grid layout of a part: label/value rows, rows with a cell per year, group headings.

A printed row is the fields sharing a ``print_row`` (or one definition row: the numbered
blanks 1. 2. 3. of a ``repeat`` field stay together). A field shown only under a condition on
a field printed just before it, and carrying its own printed prompt (“如是，请填写金额：”,
“（请说明）”), goes inside that field's cell; a count asked per ticked level (“□省级　个”) is
written after its box. Rows with year columns get the part's header row before the first of
them. Consecutive rows of one ``group`` share a merged group cell. A field whose printed label
is a sentence with boxes or a blank (“1.该企业符合……a□ b□ c□类要求”, “2.……中的　项。”) prints
as that sentence, filled.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field

from zjtx_desktop.core.export.context import BuildContext, colon, label_of
from zjtx_desktop.core.export.model import Cell, Row, Table
from zjtx_desktop.core.export.values import (
    choice_with,
    fill_sentence,
    layout_fields,
    layout_values,
)
from zjtx_desktop.core.forms.model import Column, FieldDef, Section

UNITS = 12
PLACE_KINDS = ("seal", "signature", "date_line")
_IN_OPTION = re.compile(r"^'(?P<opt>[^']+)' in (?P<f>[\w.]+)$")
_EQ_OPTION = re.compile(r"^(?P<f>[\w.]+) == '(?P<opt>[^']+)'$")


@dataclass
class Pair:
    main: FieldDef
    subs: list[FieldDef] = field(default_factory=list)


@dataclass
class Item:
    """One printed row before layout."""

    fields: list[FieldDef]
    pairs: list[Pair] = field(default_factory=list)
    lead: list[str] = field(default_factory=list)  # full-width lines printed before it
    extra: list[FieldDef] = field(default_factory=list)  # a line of its own under the row

    @property
    def columned(self) -> bool:
        return any(f.column and not f.column.isdigit() for f in self.fields)

    @property
    def group(self) -> str:
        return self.fields[0].group


def _option_of(sub: FieldDef, main: FieldDef) -> str | None:
    if sub.relevant is None or main.type not in ("choice", "multichoice"):
        return None
    src = sub.relevant.source.strip()
    m = _IN_OPTION.match(src) or _EQ_OPTION.match(src)
    if not m or m["f"] != main.id:
        return None
    opt = next((o for o in main.options if o.value == m["opt"]), None)
    if opt is None:
        return None
    numeric = sub.type in ("integer", "amount", "percent")
    prompt = sub.print_label.strip("：: ")
    inside = bool(prompt) and prompt in opt.label  # “其他（请说明）” + （请说明）
    bare_count = numeric and not sub.print_label  # “□省级　个”: no prompt of its own
    return opt.value if bare_count or "：　" in opt.label or inside else None


def _refers(f: FieldDef, others: list[FieldDef]) -> bool:
    return f.relevant is not None and bool(f.relevant.fields & {g.id for g in others})


def items_of(fields: list[FieldDef]) -> list[Item]:
    groups: list[list[FieldDef]] = []
    index: dict[str, list[FieldDef]] = {}
    for f in fields:
        key = f.print_row or f.row
        if key in index:
            index[key].append(f)
        else:
            index[key] = [f]
            groups.append(index[key])
    items: list[Item] = []
    for g in groups:
        prev = items[-1] if items else None
        follows = (
            prev is not None
            and not prev.columned
            and all(not f.print_row and not (f.column and not f.column.isdigit()) for f in g)
            and all(f.group == prev.fields[0].group for f in g)
            and all(_refers(f, prev.fields) for f in g)
            and all(f.print_label or _option_of(f, prev.pairs[-1].main) for f in g)
        )
        if prev is not None and follows:
            prev.fields += g
            prev.pairs[-1].subs += g
            continue
        item = Item(list(g))
        if all(f.column.isdigit() for f in g if f.column) and any(f.column for f in g):
            item.pairs = [Pair(g[0], g[1:])]  # numbered blanks 1. 2. 3.
        else:
            for f in g:
                before = g[: g.index(f)]
                if item.pairs and _refers(f, before):
                    if len(item.pairs) > 1 and _refers(f, before[:-1]):
                        item.extra.append(f)  # depends on several cells of the row
                    else:
                        item.pairs[-1].subs.append(f)
                else:
                    item.pairs.append(Pair(f))
        items.append(item)
    return items


def _value_text(ctx: BuildContext, pair: Pair, row_fields: list[FieldDef]) -> str:
    main = pair.main
    attached: dict[str, str] = {}
    rest: list[FieldDef] = []
    for s in pair.subs:
        opt = _option_of(s, main)
        text = ctx.rendered(s).text
        if opt is not None:
            if text and s.type in ("integer", "amount", "percent"):
                attached[opt] = text + (f" {s.unit}" if s.unit and s.unit not in text else "")
            elif text:
                attached[opt] = "：" + text
        else:
            rest.append(s)
    if attached or (main.options and main.type in ("choice", "multichoice") and pair.subs):
        text = _choice_text(ctx, main, attached)
    else:
        text = ctx.cell_text(main, row_fields)
    if main.column.isdigit():  # numbered blanks
        lines = [f"{main.column}.{text}"]
        lines += [f"{s.column}.{ctx.rendered(s).text}" for s in rest]
        return "\n".join(lines)
    lines = [text] if text else []
    last_label = ""
    for s in rest:
        label = colon(label_of(s))
        value = ctx.cell_text(s, row_fields)
        if s.column.isdigit():
            value = f"{s.column}.{value}"
        if not label.endswith(("：", ":")) and value:
            value = "\n" + value  # after a prompt ending in its instruction (“…可另附页”)
        if label == last_label:
            lines[-1] += "　" + value
        elif lines and lines[-1].endswith("，"):  # “□是，具体领域和环节：” runs on
            lines[-1] += label + value
        else:
            lines.append(label + value)
        last_label = label
    return "\n".join(lines)


def _choice_text(ctx: BuildContext, f: FieldDef, attached: dict[str, str]) -> str:
    if not ctx.shown(f):
        return choice_with(f, None, {})
    parsed = ctx.state.parsed.get(f.id)
    return choice_with(f, parsed.value if parsed else None, attached)


def _sentence(f: FieldDef) -> bool:
    label = f.print_label
    return bool(label) and ("□" in label or "　" in label.rstrip("　")) and not f.column


WIDE_LABEL = 5  # units of a label carrying a long printed instruction (about 18 characters)


def _instructed(label: str) -> bool:
    """A label with a long instruction printed under it (“主导产品类别\n（对照《统计用产品分类
    目录》……）”): the templates give such a label a wide column (004 L622-641, 002 L598-610:
    17 to 27 characters a line), where a quarter of the width would make it ten lines tall."""
    instruction = label.partition("\n")[2]
    return len(instruction) > 24


def _pair_spans(labels: list[str], values: list[str], units: int) -> list[tuple[int, int]]:
    """Grid units of each (label, value) pair: a label gets what its length needs (about
    two and a half characters a unit, at most 3 units); the values share the rest by the
    length of what they print (an 18-character 信用代码 beside a three-character name)."""
    n = len(labels)
    wide = [_instructed(t) for t in labels]
    if n == 1:
        return [(WIDE_LABEL, units - WIDE_LABEL)] if wide[0] else [(3, units - 3)]
    lab = [min(3, max(1, math.ceil(len(t) / 2.6))) for t in labels]
    if any(wide):  # as the template: the instructed label wide, the labels beside it narrow
        lab = [WIDE_LABEL if w else min(2, k) for w, k in zip(wide, lab, strict=True)]
    rest = units - sum(lab)
    need = [max(6, min(30, len(v))) for v in values]
    vals = [max(1, math.floor(rest * k / sum(need))) for k in need]
    while sum(vals) < rest:  # hand out what rounding left, to the most cramped value
        i = max(range(n), key=lambda j: need[j] / vals[j])
        vals[i] += 1
    while sum(vals) > rest:
        i = max(range(n), key=lambda j: vals[j])
        vals[i] -= 1
    return list(zip(lab, vals, strict=True))


def _columns_of(ctx: BuildContext, items: list[Item]) -> list[Column]:
    wanted = {f.column for it in items if it.columned for f in it.fields}
    best: tuple[Column, ...] = ()
    for cols in ctx.form.columns.values():
        if wanted <= {c.id for c in cols} and (not best or len(cols) < len(best)):
            best = cols
    return list(best)


def _merge_sentences(items: list[Item]) -> list[Item]:
    """A row printed as one sentence (``print_layout`` on a field that is not a choice) takes
    in the later rows whose fields it names: the window keeps them on rows of their own."""
    out: list[Item] = []
    absorbed: set[str] = set()
    for it in items:
        if all(f.id in absorbed for f in it.fields):
            continue
        head = it.fields[0]
        if head.print_layout and not head.options:
            named = set(layout_values(head.print_layout))
            absorbed |= named
            later = [f for other in items for f in other.fields if f.id in named]
            it.fields += [f for f in later if f not in it.fields]
        out.append(it)
    return out


def grid_table(
    ctx: BuildContext, section: Section, fields: list[FieldDef], leads: dict[str, list[str]]
) -> Table:
    items = _merge_sentences(items_of(fields))
    for it in items:
        it.lead = [t for f in it.fields for t in leads.get(f.id, [])]
    cols = _columns_of(ctx, items)
    col_span = UNITS // (len(cols) + 1) if cols else 0
    label_span = UNITS - col_span * len(cols) if cols else 3
    rows: list[Row] = []
    header_done = False
    i = 0
    while i < len(items):
        j = i + 1
        group = items[i].group
        while group and j < len(items) and items[j].group == group:
            j += 1
        block = items[i:j]
        grouped = bool(group) and len(block) > 1
        width = UNITS - 2 if grouped else UNITS
        block_rows: list[Row] = []
        for it in block:
            if it.columned and not header_done:
                header = list(section.header)
                if len(header) != len(cols) + 1:
                    header = ["指标", *(c.label for c in cols)]
                cells = [Cell(header[0], "header", label_span)]
                cells += [Cell(h, "header", col_span) for h in header[1:]]
                rows.append(Row(cells, header=not rows))
                header_done = True
            for text in it.lead:
                block_rows.append(Row([Cell(text, "value", width)]))
            block_rows += _item_rows(ctx, it, width, cols, label_span, col_span, grouped)
        if grouped:
            block_rows[0].cells.insert(0, Cell(group, "group", 2, len(block_rows)))
        rows += block_rows
        i = j
    return Table(tuple(1 / UNITS for _ in range(UNITS)), rows)


def _item_rows(
    ctx: BuildContext,
    it: Item,
    width: int,
    cols: list[Column],
    label_span: int,
    col_span: int,
    grouped: bool,
) -> list[Row]:
    if it.columned:
        label = (
            it.group if it.group and not grouped and len(it.pairs) > 1 else label_of(it.fields[0])
        )
        lab = label_span - (UNITS - width)
        cells = [Cell(label, "label", lab)]
        for c in cols:
            in_col = [f for f in it.fields if f.column == c.id]
            if len(in_col) == 1:
                cell = ctx.value_cell(in_col[0], col_span)
                cell.center = True
            else:
                text = "\n".join(colon(label_of(f)) + ctx.rendered(f).text for f in in_col)
                cell = Cell(text, "value", col_span, field=in_col[0].id if in_col else "")
            cells.append(cell)
        return [Row(cells)]
    head = it.fields[0]
    if head.print_layout and not head.options:  # one printed sentence for the whole row
        values = {f.id: ctx.rendered(f).text.replace(" ", "") for f in it.fields}
        text = layout_fields(head.print_layout, values)
        if grouped or not head.group:
            return [Row([Cell(text, "value", width, field=head.id)])]
        ls = 3  # the row's group is its printed label (拥有专利情况)
        return [
            Row([Cell(head.group, "label", ls), Cell(text, "value", width - ls, field=head.id)])
        ]
    if len(it.pairs) == 1 and _sentence(it.pairs[0].main) and not it.pairs[0].subs:
        f = it.pairs[0].main
        parsed = ctx.state.parsed.get(f.id)
        value = parsed.value if parsed is not None and ctx.shown(f) else None
        text = fill_sentence(f.print_label, f, value, ctx.rendered(f).text if value else "")
        return [Row([Cell(text, "value", width, field=f.id)])]
    row_fields = it.fields
    out: list[Cell] = []
    texts = [_value_text(ctx, p, row_fields) for p in it.pairs]
    spans = _pair_spans([label_of(p.main) for p in it.pairs], texts, width)
    if cols and not grouped and len(it.pairs) == 1:
        spans = [(label_span, UNITS - label_span)]  # line up with the year columns
    for pair, text, (ls, vs) in zip(it.pairs, texts, spans, strict=True):
        cell = ctx.value_cell(pair.main, vs)
        cell.text = text
        if pair.subs or "\n" in cell.text:
            cell.number = None
            cell.long = cell.long or len(cell.text) > 60
        out += [Cell(label_of(pair.main), "label", ls), cell]
    rows = [Row(out)]
    for f in it.extra:
        ls = spans[0][0]
        text = ctx.cell_text(f, row_fields)
        rows.append(
            Row([Cell(label_of(f), "label", ls), Cell(text, "value", width - ls, field=f.id)])
        )
    return rows


def prompt_is_heading(text: str, fields: list[FieldDef]) -> bool:
    return any(f.group == text for f in fields)
