"""reportlab flowables for the blocks of the print model (used by ``pdf.py``).

Tables keep every row whole: a long text cell that would not fit on a page is cut into pieces,
each in its own row (the label cell then reads “（续）”). Places for seals keep a clear square of
44 mm (a 42 mm round seal); nothing is drawn in it unless seal guides are asked for.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_LEFT, TA_RIGHT
from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Flowable, Image, KeepTogether, Paragraph, Spacer, TableStyle
from reportlab.platypus import PageBreak as RLBreak
from reportlab.platypus import Table as RLTable

from zjtx_desktop.core.export import fonts
from zjtx_desktop.core.export.fingerprint import signature_line
from zjtx_desktop.core.export.linebreak import break_lines
from zjtx_desktop.core.export.model import (
    Block,
    Cell,
    Cover,
    ExportOptions,
    PageBreak,
    PlaceKind,
    Places,
    SignPlace,
    Table,
    Text,
    place_cells,
)

MM = 72 / 25.4
SEAL = 44 * MM  # room for a 42 mm round seal
FONT_SIZE = {
    "mark": 14,
    "title": 18,
    "subtitle": 12,
    "heading": 13,
    "note": 9,
    "instruction": 10,
    "declaration": 12,
    "body": 11,
    "small": 9,
}


def _styles() -> dict[str, Any]:
    fonts.register()
    base = ParagraphStyle("base", fontName=fonts.MAIN, fontSize=10.5, leading=14, wordWrap="CJK")
    out = {
        name: ParagraphStyle(name, parent=base, fontSize=size, leading=size * 1.45)
        for name, size in FONT_SIZE.items()
    }
    out["cell"] = ParagraphStyle("cell", parent=base)
    out["cell_c"] = ParagraphStyle("cell_c", parent=base, alignment=TA_CENTER)
    out["cell_small"] = ParagraphStyle("cell_small", parent=base, fontSize=9, leading=12)
    for name in ("title", "subtitle"):
        out[name].alignment = TA_CENTER
    out["right"] = ParagraphStyle("right", parent=base, alignment=TA_RIGHT)
    out["cover_title"] = ParagraphStyle(
        "cover_title", parent=base, fontSize=26, leading=40, alignment=TA_CENTER
    )
    out["cover_footer"] = ParagraphStyle(
        "cover_footer", parent=base, fontSize=16, leading=24, alignment=TA_CENTER
    )
    out["cover_label"] = ParagraphStyle(
        "cover_label", parent=base, fontSize=15, leading=20, alignment=TA_RIGHT
    )
    out["cover_value"] = ParagraphStyle("cover_value", parent=base, fontSize=15, leading=20)
    out["left"] = ParagraphStyle("left", parent=base, alignment=TA_LEFT)
    out["title"].spaceAfter = 4
    out["heading"].spaceBefore = 8
    out["heading"].spaceAfter = 4
    out["heading"].keepWithNext = 1
    out["mark"].keepWithNext = 1
    out["title"].keepWithNext = 1
    out["declaration"].firstLineIndent = 24
    return out


_STYLES: dict[str, Any] = {}


def styles() -> dict[str, Any]:
    if not _STYLES:
        _STYLES.update(_styles())
    return _STYLES


class FastParagraph(Paragraph):
    """A Paragraph that remembers its line breaks per width: reportlab's Table wraps every
    cell three or four times while it measures rows, and CJK line breaking is the most
    expensive step of the whole export."""

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        cache: dict[float, tuple[Any, Any, float]] = self.__dict__.setdefault("_wraps", {})
        hit = cache.get(availWidth)
        if hit is None:
            super().wrap(availWidth, availHeight)
            cache[availWidth] = (self._wrapWidths, self.blPara, self.height)  # type: ignore[has-type]
        else:
            self.width = availWidth
            self._wrapWidths, self.blPara, self.height = hit
        return self.width, self.height


class BoldParagraph(FastParagraph):
    """A Paragraph drawn with fill+stroke text (faux bold: the shipped font has one weight)."""

    def drawOn(self, canv: Any, x: float, y: float, _sW: float = 0) -> None:
        canv.saveState()
        canv.setLineWidth(0.45)
        canv.addLiteral("2 Tr")
        super().drawOn(canv, x, y, _sW)  # type: ignore[call-arg]
        canv.restoreState()


_WIDTHS: dict[tuple[str, float], float] = {}


def measure(size: float) -> Callable[[str], float]:
    """Width of one character at ``size`` in the font that draws it (main or symbol)."""
    main, sym = fonts.register()

    def width(ch: str) -> float:
        w = _WIDTHS.get((ch, size))
        if w is None:
            cp = ord(ch)
            font = fonts.MAIN if cp in main or cp not in sym else fonts.SYMBOL
            w = _WIDTHS[(ch, size)] = stringWidth(ch, font, size)
        return w

    return width


def broken(text: str, style: str, width: float) -> list[str]:
    """The lines of ``text`` in ``style`` within ``width`` (Chinese line-breaking rules)."""
    st = styles()[style]
    avail = width - st.leftIndent - st.rightIndent - 0.5  # 0.5: reportlab's rounding fuzz
    return break_lines(text, avail, measure(st.fontSize), st.firstLineIndent)


def para(text: str, style: str = "cell", bold: bool = False, width: float = 0) -> Paragraph:
    """A paragraph of plain ``text``; with ``width``, broken into lines here (``broken``)
    so reportlab only draws them."""
    cls = BoldParagraph if bold else FastParagraph
    if width > 0 and text:
        text = "\n".join(broken(text, style, width))
    return cls(fonts.markup(text), styles()[style])


def flowables(blocks: list[Block], width: float, max_row: float, opts: ExportOptions) -> list[Any]:
    out: list[Any] = []
    keep = 0  # how many of the last flowables belong with the next signature places
    heads = 0  # headings just emitted (they go with the table that follows)
    for b in blocks:
        if isinstance(b, Table):
            out.append(table(b, width, max_row))
            out.append(Spacer(1, 4))
            # the table (its spacer, the headings just above it) stays with the places or the
            # declaration after it: no heading alone at a page foot, no seal line alone
            keep = 2 + heads
            heads = 0
        elif isinstance(b, Text):
            style: str = b.style
            if b.align == "center" and style not in ("title", "subtitle"):
                style = "cell_c"
            out.append(para(b.text, style, b.style in ("title", "heading", "mark"), width))
            # the 真实性声明 and its signature stay with the part they attest (004 L1376-1382):
            # never a page of their own
            keep = keep + 1 if b.style in ("declaration", "heading") else 0
            heads = heads + 1 if b.style in ("heading", "mark", "title", "subtitle") else 0
        elif isinstance(b, Places):
            p = places(b, width, opts)
            if keep and b.position != "header":  # with the declaration / table before
                p = KeepTogether([*out[-keep:], p])
                del out[-keep:]
            out.append(p)
            keep = heads = 0
        elif isinstance(b, Cover):
            out += cover(b, width, opts)
            keep = 0
        elif isinstance(b, PageBreak):
            out.append(RLBreak())
            keep = 0
    return out


def _plain(c: Cell, width: float) -> str | None:
    """The text itself when it fits on one line in the main font: the Table then draws it
    with one drawString, without building and breaking a Paragraph (most labels and numbers)."""
    if c.kind == "header" or c.long or not c.text or "\n" in c.text or len(c.text) > 40:
        return None
    main, _ = fonts.register()
    if not all(ord(ch) in main for ch in c.text):
        return None
    if stringWidth(c.text, fonts.MAIN, 10.5) > width - 9:
        return None
    return c.text


PAD = 4  # cell padding left and right


def _cell_style(c: Cell) -> str:
    return "cell_c" if c.kind in ("label", "header", "group", "fixed") or c.center else "cell"


def _cell_flowable(c: Cell, width: float) -> Any:
    return para(c.text, _cell_style(c), c.kind == "header", width - 2 * PAD)


ROW_SHARE = 0.45  # a long cell is cut into rows of at most this share of the page's height


def _split_long(t: Table, widths: list[float], max_row: float) -> list[list[tuple[int, Cell, Any]]]:
    """Rows of (column, cell, flowable); long cells taller than ``max_row`` continue in new rows."""
    rows: list[list[tuple[int, Cell, Any]]] = []
    for placed in place_cells(t):
        row: list[tuple[int, Cell, Any]] = []
        for col, c in placed:
            w = sum(widths[col : col + c.colspan])
            plain = _plain(c, w)
            row.append((col, c, plain if plain is not None else _cell_flowable(c, w)))
        tall = [
            (i, col, c, f)
            for i, (col, c, f) in enumerate(row)
            if c.long and c.rowspan == 1 and all(x.rowspan == 1 for _, x, _ in row)
        ]
        if not tall:
            rows.append(row)
            continue
        i, col, c, f = tall[0]
        # whole lines per row piece (reportlab's own split joined the pieces with spaces)
        style = _cell_style(c)
        lines = broken(c.text, style, sum(widths[col : col + c.colspan]) - 2 * PAD)
        room = max_row / ROW_SHARE - 60 if c.whole else max_row  # a page less a header row
        per = max(1, int((room - 7) // styles()[style].leading))
        pieces = [f] if len(lines) <= per else []
        for k in range(0, len(lines) if not pieces else 0, per):
            pieces.append(para("\n".join(lines[k : k + per]), style))
        rows.append(
            [
                (cc, x, piece if j == i else ff)
                for j, (cc, x, ff) in enumerate(row)
                for piece in [pieces[0]]
            ]
        )
        for piece in pieces[1:]:
            cont = []
            for j, (cc, x, _) in enumerate(row):
                if j == i:
                    cont.append((cc, x, piece))
                else:
                    text = "（续）" if x.kind == "label" else ""
                    cont.append((cc, x, para(text, "cell_c")))
            rows.append(cont)
    return rows


def table(t: Table, width: float, max_row: float) -> Any:
    widths = [w * width for w in t.widths]
    ncols = len(widths)
    rows = _split_long(t, widths, max_row)
    data: list[list[Any]] = [["" for _ in range(ncols)] for _ in rows]
    cmds: list[tuple[Any, ...]] = [
        ("GRID", (0, 0), (-1, -1), 0.6, colors.black),
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("FONT", (0, 0), (-1, -1), fonts.MAIN, 10.5, 14),
        ("LEFTPADDING", (0, 0), (-1, -1), 4),
        ("RIGHTPADDING", (0, 0), (-1, -1), 4),
        ("TOPPADDING", (0, 0), (-1, -1), 3),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 4),
    ]
    for r, row in enumerate(rows):
        for col, c, f in row:
            data[r][col] = f
            if c.colspan > 1 or c.rowspan > 1:
                cmds.append(("SPAN", (col, r), (col + c.colspan - 1, r + c.rowspan - 1)))
            if c.long:
                cmds.append(("VALIGN", (col, r), (col, r), "TOP"))
            if isinstance(f, str) and (c.kind != "value" or c.center):
                cmds.append(("ALIGN", (col, r), (col, r), "CENTER"))
    heights: list[float | None] = [None] * len(rows)
    for r, row in enumerate(rows):
        lines = max((c.write_lines for _, c, _ in row), default=0)
        if lines:  # a blank form: room to write by hand
            heights[r] = lines * 14 + 7
    return RLTable(
        data,
        colWidths=widths,
        rowHeights=heights if any(heights) else None,
        repeatRows=t.header_rows,
        style=TableStyle(cmds),
        hAlign="CENTER",
    )


class _Places:
    """Builds the table of seal, signature and date places."""

    def __init__(self, opts: ExportOptions) -> None:
        self.opts = opts

    def cell(self, p: Any, w: float) -> list[Any]:
        if p.kind == "seal":  # labels verbatim: the template's colons, none added
            room = _SealRoom(w, self.opts.seal_guides, p.label, self.opts.record_places)
            return [para(p.text, "left"), room]
        if p.kind == "signature":
            out: list[Any] = [para(p.label, "left")]
            if self.opts.signature_image is not None:
                out.append(
                    Image(
                        str(self.opts.signature_image),
                        width=36 * MM,
                        height=14 * MM,
                        kind="proportional",
                        hAlign="LEFT",
                    )
                )
            else:
                out.append(Spacer(1, 10 * MM))
            out.append(para(self.opts.signature_name or "", "left"))
            out.append(_Line(w * 0.8, p.label, self.opts.record_places))
            if self.opts.signer_fingerprint:
                out.append(para(signature_line(self.opts.signer_fingerprint), "left"))
            return out
        if p.kind == "date":
            text = p.label if "年" in p.label else f"{p.label}　　　　年　　月　　日"
            return [Spacer(1, 6 * MM), _date_line(text, w)]
        return [para(p.text, "left")]


def place_widths(items: list[Any], weights: list[int], width: float) -> list[float]:
    """Widths by text length, but a seal place never narrower than the seal (a long
    enterprise name wraps instead of squeezing the 42 mm circle, 002 L676)."""
    ws = [width * k / sum(weights) for k in weights]
    need = SEAL + 6
    seals = [i for i, it in enumerate(items) if getattr(it, "kind", "") == "seal"]
    short = [i for i in seals if ws[i] < need]
    if short and len(seals) * need < width:
        others = [i for i in range(len(items)) if i not in short]
        spare = width - need * len(short)
        total = sum(ws[i] for i in others) or 1.0
        ws = [need if i in short else ws[i] * spare / total for i in range(len(items))]
    return ws


def places(b: Places, width: float, opts: ExportOptions) -> Any:
    builder = _Places(opts)
    items: list[Any] = list(b.places)
    if b.between and len(items) >= 2:
        items.insert(1, b.between)
    # each place as wide as its text needs (a long enterprise name beside 企业名称（盖章）)
    weights = [max(12, len(it if isinstance(it, str) else it.text)) for it in items]
    ws = place_widths(items, weights, width)
    row = [
        para(it, "cell_c") if isinstance(it, str) else builder.cell(it, w - 8)
        for it, w in zip(items, ws, strict=True)
    ]
    t = RLTable([row], colWidths=ws, hAlign="CENTER")
    t.setStyle(
        [
            ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ("LEFTPADDING", (0, 0), (-1, -1), 2),
            ("FONT", (0, 0), (-1, -1), fonts.MAIN),  # else reportlab names Helvetica per cell
        ]
    )
    return KeepTogether([t])


def cover(c: Cover, width: float, opts: ExportOptions) -> list[Any]:
    out: list[Any] = []
    if c.mark:
        out.append(para(c.mark, "mark", bold=True))
    out.append(Spacer(1, 50 * MM))
    for line in c.title_lines:
        out.append(para(line, "cover_title", bold=True))
    out.append(Spacer(1, 40 * MM))
    rows = []
    for ln in c.lines:
        # the label as the template prints it (004 L1038-1042: no colon), its line beside it
        rows.append([para(ln.label, "cover_label"), para(ln.value, "cover_value")])
    if rows:
        t = RLTable(
            rows,
            colWidths=[width * 0.36, width * 0.56],
            hAlign="CENTER",
            rowHeights=[16 * MM if ln.seal else 12 * MM for ln in c.lines],
        )
        t.setStyle(
            [
                ("LINEBELOW", (1, 0), (1, -1), 0.6, "black"),
                ("VALIGN", (0, 0), (-1, -1), "BOTTOM"),
                ("FONT", (0, 0), (-1, -1), fonts.MAIN),  # else an unused Helvetica is listed
            ]
        )
        out.append(t)
    if c.footer:
        out.append(Spacer(1, 40 * MM))
        out.append(para(c.footer, "cover_footer", bold=True))
    return out


def _record(
    f: Flowable, kind: PlaceKind, label: str, places: list[SignPlace] | None, height: float
) -> None:
    """Note where ``f`` is drawn (page, rect in points) for the exchange PDF's fields."""
    if places is None:
        return
    x, y = f.canv.absolutePosition(0, 0)
    page = f.canv.getPageNumber()
    places.append(SignPlace(kind, label, page, (x, y, x + f.width, y + height)))


class _SealRoom(Flowable):
    """Clear room for a round seal, with an optional faint dashed guide circle."""

    def __init__(
        self,
        width: float,
        guide: bool,
        label: str = "",
        places: list[SignPlace] | None = None,
    ) -> None:
        super().__init__()
        self.width = min(width, SEAL)
        self.height = SEAL
        self.guide = guide
        self.label = label
        self.places = places

    def draw(self) -> None:
        _record(self, "seal", self.label, self.places, self.height)
        if self.guide:
            c = self.canv
            c.saveState()
            c.setStrokeGray(0.75)
            c.setDash(2, 3)
            c.circle(self.width / 2, self.height / 2, 21 * MM)
            c.restoreState()


def _date_line(text: str, width: float) -> Flowable:
    """The date line right-aligned, its blanks (“　　年　　月　　日”) as wide as printed:
    a Paragraph folds a run of “　” into one space, leaving no room to write the date."""
    st = styles()["right"]
    if stringWidth(text, st.fontName, st.fontSize) > width:
        return para(text, "right", width=width)
    return _RightText(text, width, st)


class _RightText(Flowable):
    """One line of text drawn as it is (every “　” keeps its em), flush right."""

    def __init__(self, text: str, width: float, style: ParagraphStyle) -> None:
        super().__init__()
        self.text, self.width, self.style = text, width, style
        self.height = style.leading

    def draw(self) -> None:
        st = self.style
        self.canv.setFont(st.fontName, st.fontSize)
        # the baseline where a Paragraph of the same style puts it
        self.canv.drawRightString(self.width - st.rightIndent, st.leading - st.fontSize, self.text)


class _Line(Flowable):
    """The signature line; as a place, the room for the handwriting above it (14 mm)."""

    def __init__(
        self, width: float, label: str = "", places: list[SignPlace] | None = None
    ) -> None:
        super().__init__()
        self.width = width
        self.height = 2
        self.label = label
        self.places = places

    def draw(self) -> None:
        _record(self, "signature", self.label, self.places, 14 * MM)
        self.canv.setLineWidth(0.6)
        self.canv.line(0, 1, self.width, 1)
