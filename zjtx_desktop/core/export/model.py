"""The neutral print model: what a form looks like on paper, with no library in sight.

``build.py`` makes a :class:`PrintForm` from a form definition and an engine session; ``pdf.py``,
``word.py`` and ``excel.py`` each turn the same model into one file format. Tables sit on a grid
of columns with relative widths; a cell may span columns and rows. Choices are already rendered
as text with ☑/☐, so every renderer prints exactly the same characters.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Literal

CHECKED = "☑"
UNCHECKED = "☐"
BOXES = CHECKED + UNCHECKED

CellKind = Literal["label", "value", "header", "fixed", "group", "note"]
TextStyle = Literal[
    "mark", "title", "subtitle", "heading", "note", "instruction", "declaration", "body", "small"
]
PlaceKind = Literal["seal", "signature", "date", "line"]


@dataclass
class Cell:
    text: str = ""
    kind: CellKind = "value"
    colspan: int = 1
    rowspan: int = 1
    number: Decimal | int | date | None = None  # the value as a number or date, for spreadsheets
    number_format: str = ""  # Excel number format for ``number`` ("#,##0.00")
    long: bool = False  # long text: left-aligned, may continue over pages
    field: str = ""  # field id whose value this cell prints ("" for labels)
    center: bool = False  # centred (values in the columns of a year or target table)
    write_lines: int = 0  # blank form: lines of room to write the text by hand
    whole: bool = False  # a limited text (另附页无效): one cell on one page, never a （续） row

    @property
    def is_value(self) -> bool:
        return self.kind in ("value", "fixed")


@dataclass
class Row:
    cells: list[Cell]
    header: bool = False  # repeated at the top of each new page


@dataclass
class Table:
    widths: tuple[float, ...]  # relative column widths, summing to 1
    rows: list[Row]

    @property
    def header_rows(self) -> int:
        n = 0
        for r in self.rows:
            if not r.header:
                break
            n += 1
        return n


@dataclass
class Text:
    text: str
    style: TextStyle = "body"
    align: Literal["left", "center", "right"] = "left"


@dataclass
class Place:
    """A place for a stamp, a signature, a date or a labelled line, kept clear of text."""

    label: str
    kind: PlaceKind = "seal"
    value: str = ""  # typed beside the label (the enterprise name after 企业名称（盖章）：)

    @property
    def text(self) -> str:
        """The label as the template prints it, and what is typed after it (a colon goes
        between only when the label has none: “企业名称（盖章）：吉林…”)."""
        if not self.value:
            return self.label
        sep = "" if self.label.endswith(("：", ":")) else "："
        return f"{self.label}{sep}{self.value}"


@dataclass
class Places:
    places: list[Place]
    position: Literal["header", "footer", "cover"] = "footer"
    between: str = ""  # text printed between the first two places (the subtitle)


@dataclass
class CoverLine:
    label: str
    value: str = ""
    seal: bool = False


@dataclass
class Cover:
    mark: str
    title_lines: list[str]
    lines: list[CoverLine]
    footer: str = ""


@dataclass
class PageBreak:
    pass


Block = Table | Text | Places | Cover | PageBreak


@dataclass(frozen=True)
class Proof:
    """What makes the paper verifiable: ids and the SHA-256 of the canonical data."""

    app_id: str
    form_id: str
    version: str
    sha256: str
    signer: str = ""  # SHA-256 fingerprint of the enterprise's signing certificate, if any

    @property
    def short(self) -> str:
        from zjtx_desktop.core.export.proof import short_digest

        return short_digest(self.sha256)

    @property
    def qr_text(self) -> str:
        from zjtx_desktop.core.export.proof import qr_payload

        return qr_payload(self)


def footer_code(proof: Proof) -> str:
    """The 校验码 every footer prints (``proof.footer_text`` adds the page's place on PDF
    pages): the one a user reads off the paper and the export dialog shows."""
    return proof.short


@dataclass
class PrintForm:
    form_id: str
    version: str
    title: str
    kind: str
    blocks: list[Block]
    proof: Proof
    draft: bool = False  # printed with the 草稿 watermark
    short_title: str = ""

    def texts(self) -> list[str]:
        """Every printed string, in order (tests and previews read this)."""
        out: list[str] = []
        for b in self.blocks:
            out.extend(block_texts(b))
        return out


def block_texts(b: Block) -> list[str]:
    if isinstance(b, Table):
        return [c.text for r in b.rows for c in r.cells if c.text]
    if isinstance(b, Text):
        return [b.text]
    if isinstance(b, Places):
        out = [p.text for p in b.places]
        return [b.between, *out] if b.between else out
    if isinstance(b, Cover):
        return [b.mark, *b.title_lines, *(ln.label + ln.value for ln in b.lines), b.footer]
    return []


@dataclass
class ExportOptions:
    """What the user chooses in the export dialog."""

    app_id: str = ""  # printed in every footer and the QR code
    copy: str = "enterprise"  # "enterprise": part 六 empty; "full": every part as filled
    signature_name: str = ""  # typed beside 法定代表人（签名）
    signature_image: Path | None = None  # a PNG of the signature, drawn in its place
    seam_strip: bool = False  # 骑缝章 guide strip on the outer edge of every page (booklet)
    seal_guides: bool = False  # faint dashed 42 mm circles where the seals go
    duplex: bool = False  # 双面: mirrored margins, strip and QR on the outer edge of each side
    # the enterprise's signing certificate (SHA-256 hex): printed on the 目录 and signature
    # pages and carried in the QR codes, so the stamped paper vouches for the key
    signer_fingerprint: str = ""
    # filled by the PDF renderer when given: where it drew each signature and seal box
    record_places: list[SignPlace] | None = field(default=None, compare=False, repr=False)


@dataclass(frozen=True)
class EvidenceLine:
    """One 佐证材料 on the booklet's 佐证材料目录 page."""

    title: str
    item: str  # the item of the official list it answers ("" when none fits)
    pages: int
    sha256: str


@dataclass
class SignPlace:
    """Where the renderer drew a signature or seal box: page (1-based) and rect in PDF points
    (x0, y0, x1, y1, origin bottom-left), so signature fields can be laid exactly over it."""

    kind: PlaceKind
    label: str
    page: int
    rect: tuple[float, float, float, float]


@dataclass
class PrintJob:
    """Everything one export file holds: forms in order, then closing pages."""

    forms: list[PrintForm]
    proof: Proof  # of the whole application (appendix pages, booklet QR)
    title: str = ""
    closing: list[Block] = field(default_factory=list)  # unresolved issues, 填报说明
    draft: bool = False  # 草稿 watermark on every page
    booklet: bool = False  # 目录 page first
    closing_title: str = "附：未解决的问题与填报说明"  # the closing pages' line in the 目录
    signer_fingerprint: str = ""  # printed on the 目录 page (see ExportOptions)

    def part_proof(self, part: int) -> Proof:
        """The proof printed on the pages of part ``part``: a form's own, else (目录, closing
        pages) the application's."""
        return self.forms[part].proof if 0 <= part < len(self.forms) else self.proof

    def printed_codes(self) -> list[tuple[str, str]]:
        """(what, 校验码) for every code the footers carry, in page order."""
        out = [
            (f.short_title or f.title, footer_code(self.part_proof(i)))
            for i, f in enumerate(self.forms)
        ]
        extra = [t for t, on in (("目录", self.booklet), ("附页", bool(self.closing))) if on]
        if extra:
            out.append(("、".join(extra), footer_code(self.proof)))
        return out


def place_cells(table: Table) -> list[list[tuple[int, Cell]]]:
    """Each row's cells with their starting grid column, skipping positions that a row span
    from above covers (renderers share this so they agree on where every cell goes)."""
    ncols = len(table.widths)
    covered: dict[tuple[int, int], bool] = {}
    out: list[list[tuple[int, Cell]]] = []
    for r, row in enumerate(table.rows):
        col = 0
        placed: list[tuple[int, Cell]] = []
        for cell in row.cells:
            while covered.get((r, col)):
                col += 1
            placed.append((col, cell))
            for dr in range(cell.rowspan):
                for dc in range(cell.colspan):
                    covered[(r + dr, col + dc)] = True
            col += cell.colspan
        if col > ncols:
            raise ValueError(f"row {r} has {col} columns, the table {ncols}")
        out.append(placed)
    return out
