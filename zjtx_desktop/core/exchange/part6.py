"""Part 六 (初核推荐) in the exchange PDF (signing.md §1.2, §9 item 6): text fields on the
printed blanks of the 申请书's part 六, locked by the 推荐单位（公章） signature field.

The enterprise's certification signature allows form filling (DocMDP P=2), so the 推荐单位
can write its opinion into the same file; the ``RecommenderSeal`` field carries a FieldMDP
lock (``INCLUDE`` these fields): once the 推荐单位 signs, any later change of a part-六
value invalidates that signature, although the enterprise's signatures still say "form
filling" (pyhanko judges each signature alone; our verdict takes the newest, signing.md
§1.6).

The blanks are inline in the printed sentences (“中的 __ 项”, “推荐意见： __ 。”), so they
are found on the rendered page by PDFium's text positions, as the signing.md prototype did;
a booklet without part 六 (forms without a recommender part) gets no text fields.
"""

from __future__ import annotations

import io
import re
from dataclasses import dataclass
from typing import Any

Rect = tuple[float, float, float, float]

PREFIX = "part6_"
FONT_SIZE = 10.5  # the body text's size (pt), used when the page does not tell
TICK = "√"  # what the template asks to write in a box: 请在符合项□后面打“√”
BOX = "☐"  # the renderer's empty box (export.model.UNCHECKED)


@dataclass(frozen=True)
class Blank:
    """A part-六 blank: the form field it holds, its page (1-based), rect in points and the
    size of the printed text around it (the value is written at that size)."""

    field_id: str
    page: int
    rect: Rect
    size: float = FONT_SIZE

    @property
    def name(self) -> str:  # a PDF field name (no dots, signing.md §8)
        return PREFIX + self.field_id


# the options of the 申请书's part 六 (004, 79号 附件1), in the order their boxes are printed
# in the 初核指标 table: 分类指标 a b c, then the 6 必备指标
_TABLE_BOXES = (*(f"class_indicator_{v}" for v in "abc"),
                *(f"mandatory_indicators_{k}" for k in "123456"))  # fmt: skip
# the inline blanks: (field id, the printed text just before the blank, the text that ends it)
_INLINE = (
    ("review_mandatory_count", "6项必备指标”中的", "项"),
    ("review_opinion", "推荐意见：", "。"),
)
_DATE_LINE = "期："  # 日　期：　　　　年　　月　　日: the numbers go in the gaps
_PAGE_MARK = "推荐意见："  # the page of part 六's opinion block


def find_blanks(pdf: bytes) -> list[Blank]:
    """The part-六 blanks of the rendered booklet (none when it has no part 六): a tick field
    over each box of the 初核指标 table and of sentence 1 (a☐ b☐ c☐), a text field on the
    blanks of 项数 and 推荐意见 and in the three gaps of the date line."""
    import pypdfium2 as pdfium  # type: ignore[import-untyped]

    doc = pdfium.PdfDocument(pdf)
    try:
        for n, page in enumerate(doc, 1):
            tp = page.get_textpage()
            try:
                text = tp.get_text_range()
                if _PAGE_MARK not in text or "中的" not in text:
                    continue
                return _boxes_on(n, text, tp) + _blanks_on(n, text, tp)
            finally:
                tp.close()
                page.close()
        return []
    finally:
        doc.close()


def _size(tp: Any, i: int) -> float:
    import pypdfium2.raw as raw  # type: ignore[import-untyped]

    size = float(raw.FPDFText_GetFontSize(tp.raw, i))
    # pyhanko writes a whole-point size (``%d Tf``): the body's 10.5 pt is written at 11
    return float(int((size if size > 0 else FONT_SIZE) + 0.5))


def _tick_ink() -> tuple[float, float, float]:
    """The ink of ``√`` in the shipped font per point of size: (height, centre above the
    baseline, centre right of the pen, less half the advance)."""
    from fontTools.pens.boundsPen import BoundsPen  # type: ignore[import-untyped]
    from fontTools.ttLib import TTFont  # type: ignore[import-untyped]

    from zjtx_desktop.core.export.fonts import MAIN_FILE, font_path

    font = TTFont(str(font_path(MAIN_FILE)), lazy=True)
    try:
        glyphs = font.getGlyphSet()
        glyph = glyphs[font.getBestCmap()[ord(TICK)]]
        pen = BoundsPen(glyphs)
        glyph.draw(pen)
        x0, y0, x1, y1 = pen.bounds
        em = float(font["head"].unitsPerEm)
        return (y1 - y0) / em, (y0 + y1) / 2 / em, ((x0 + x1) / 2 - glyph.width / 2) / em
    finally:
        font.close()


def _tick_blank(field_id: str, page: int, box: Rect, ink: tuple[float, float, float]) -> Blank:
    """A tick field whose ``√``, centred by pyhanko in the field (its advance across, one
    size tall from the baseline), lands with its ink in the middle of the printed box and as
    tall as nine tenths of it."""
    left, bottom, right, top = box
    height, above, aside = ink
    size = max(4, int((top - bottom) * 0.9 / height))
    cx = (left + right) / 2 - aside * size
    baseline = (bottom + top) / 2 - above * size
    cy = baseline + size / 2
    half = (right - left) / 2 + 1.5
    return Blank(field_id, page, (cx - half, cy - half, cx + half, cy + half), float(size))


def _boxes_on(page: int, text: str, tp: Any) -> list[Blank]:
    """Tick fields over the printed boxes: a☐ b☐ c☐ of sentence 1 by their letter, the table's
    nine by their place on the page (top to bottom); none when the table is not as printed."""
    sentence: list[tuple[str, Rect]] = []
    table: list[tuple[float, float, Rect]] = []
    for i, ch in enumerate(text):
        if ch != BOX:
            continue
        box = tuple(float(v) for v in tp.get_charbox(i))  # the ink: (left, bottom, right, top)
        letter = text[i - 1] if i else ""
        if letter in ("a", "b", "c"):
            sentence.append((f"review_class_{letter}", box))  # type: ignore[arg-type]
        else:
            table.append((-box[3], box[0], box))  # type: ignore[arg-type]
    if len(table) != len(_TABLE_BOXES):
        table = []
    if not (sentence or table):
        return []
    ink = _tick_ink()
    return [
        _tick_blank(fid, page, box, ink)
        for fid, (_t, _l, box) in zip(_TABLE_BOXES, sorted(table), strict=False)
    ] + [_tick_blank(fid, page, box, ink) for fid, box in sorted(sentence)]


def _gap(tp: Any, before: int, after: int) -> tuple[float, float]:
    """The x range between two printed characters (by PDFium's boxes)."""
    return tp.get_charbox(before)[2] + 0.5, tp.get_charbox(after)[0] - 0.5


def _baseline(tp: Any, i: int) -> float:
    import ctypes

    import pypdfium2.raw as raw

    x, y = ctypes.c_double(), ctypes.c_double()
    raw.FPDFText_GetCharOrigin(tp.raw, i, ctypes.byref(x), ctypes.byref(y))
    return float(y.value)


def _blank(field_id: str, page: int, tp: Any, x: tuple[float, float], line: int) -> Blank:
    """A text field from x[0] to x[1] on the line of character ``line``: pyhanko puts the
    baseline half the size below the field's middle, so the middle is set half the size
    above the printed baseline and the value sits on the line like the printed words."""
    size = _size(tp, line)
    middle = _baseline(tp, line) + size / 2
    half = size / 2 + 3.0
    return Blank(field_id, page, (x[0], middle - half, x[1], middle + half), size)


def _blanks_on(page: int, text: str, tp: Any) -> list[Blank]:
    out = []
    for field_id, before, after in _INLINE:
        i = text.find(before)
        j = text.find(after, i + len(before)) if i >= 0 else -1
        if j < 0:
            continue
        end = i + len(before) - 1
        out.append(_blank(field_id, page, tp, _gap(tp, end, j), j if after == "项" else end - 1))
    i = text.find(_DATE_LINE)
    if i >= 0:
        y = text.find("年", i)
        m = text.find("月", y)
        d = text.find("日", m)
        if 0 <= y < m < d:
            colon = i + len(_DATE_LINE) - 1
            for part, (a, b) in (("year", (colon, y)), ("month", (y, m)), ("day", (m, d))):
                out.append(_blank(f"review_date_{part}", page, tp, _gap(tp, a, b), y))
    return out


def widget_values(values: dict[str, str], names: set[str]) -> dict[str, str]:
    """The text of each part-六 field (field id → text) for the official's review: ``√`` in
    the box of the chosen 分类 (``review_class``: ``a`` or ``a类``), of ``class_indicator``
    and of each of ``mandatory_indicators`` (``1、3、4``); the date ``2021年5月6日`` as its
    three numbers; 项数 and 推荐意见 as they are. ``names``: the field ids the booklet has (a
    booklet prepared before the boxes had fields gets ``a类`` and the whole date)."""
    out: dict[str, str] = {}
    for fid, value in values.items():
        if fid == "review_class" and f"{fid}_{value[:1]}" in names:
            out[f"{fid}_{value[:1]}"] = TICK
        elif fid == "review_class" and fid in names:
            out[fid] = value if value.endswith("类") else f"{value}类"
        elif fid in ("class_indicator", "mandatory_indicators"):
            if not any(n.startswith(fid + "_") for n in names):
                continue  # a booklet without the table's fields: its boxes stay for the pen
            for v in re.split(r"[、,，\s]+", value.strip()):
                if v:
                    out[f"{fid}_{v}"] = TICK
        elif fid == "review_date" and "review_date_year" in names:
            m = re.fullmatch(r"(\d{4})年(\d{1,2})月(\d{1,2})日", value)
            if m is None:
                raise ValueError(f"日期应写作 2021年5月6日：{value}")
            out.update(zip(("review_date_year", "review_date_month", "review_date_day"),
                           m.groups(), strict=True))  # fmt: skip
        else:
            out[fid] = value
    unknown = sorted(set(out) - names)
    if unknown:
        raise KeyError(", ".join(unknown))
    return out


def add_text_fields(w: Any, blanks: list[Blank]) -> list[str]:
    """Empty text fields over the blanks (in the writer's pending revision); their names."""
    generic = _module("pyhanko.pdf_utils.generic")
    n = generic.NameObject
    root = w.root
    if "/AcroForm" not in root:
        form = generic.DictionaryObject({n("/Fields"): generic.ArrayObject()})
        root[n("/AcroForm")] = w.add_object(form)
        w.update_root()
    form = root["/AcroForm"]
    fields = form["/Fields"]
    # the default font for viewers that draw the value themselves
    if "/DA" not in form:
        form[n("/DA")] = generic.TextStringObject(f"/Helv {FONT_SIZE:g} Tf 0 g")
    names = []
    for b in blanks:
        page_ref, _res = w.find_page_for_modification(b.page - 1)
        widget = generic.DictionaryObject(
            {
                n("/Type"): n("/Annot"),
                n("/Subtype"): n("/Widget"),
                n("/FT"): n("/Tx"),
                n("/T"): generic.TextStringObject(b.name),
                n("/Rect"): generic.ArrayObject(generic.FloatObject(round(v, 2)) for v in b.rect),
                n("/F"): generic.NumberObject(4),  # printed
                n("/P"): page_ref,
                # the printed text's size, read again when the value is written
                n("/DA"): generic.TextStringObject(f"/Helv {b.size:g} Tf 0 g"),
            }
        )
        ref = w.add_object(widget)
        fields.append(ref)
        w.register_annotation(page_ref, ref)
        names.append(b.name)
    w.update_container(fields)
    w.update_container(form)
    return names


def _text_fields(root: Any) -> dict[str, Any]:
    """name → (dereferenced) text field of the file's AcroForm."""
    out: dict[str, Any] = {}
    if "/AcroForm" not in root:
        return out
    form = root["/AcroForm"]  # pyhanko dereferences on item access
    for ref in form.get("/Fields", []) if "/Fields" in form else []:
        fld = ref.get_object()
        if fld.get("/FT") == "/Tx":
            out[str(fld["/T"])] = (ref, fld)
    return out


def part6_values(pdf: bytes) -> dict[str, str]:
    """field id → the value written into the file's part-六 fields (filled ones only)."""
    from pyhanko.pdf_utils.reader import PdfFileReader

    r = PdfFileReader(io.BytesIO(pdf), strict=False)
    return {
        name[len(PREFIX) :]: str(fld["/V"])
        for name, (_ref, fld) in _text_fields(r.root).items()
        if name.startswith(PREFIX) and "/V" in fld
    }


def field_ids(pdf_root: Any) -> set[str]:
    """The part-六 field ids (names without ``part6_``) of a file's AcroForm."""
    return {n[len(PREFIX) :] for n in _text_fields(pdf_root) if n.startswith(PREFIX)}


def fill_review(w: Any, values: dict[str, str]) -> dict[str, str]:
    """The official's review (see ``widget_values``) written into the booklet's part-六 fields
    in the writer's pending revision; the field texts written."""
    texts = widget_values(values, field_ids(w.root))
    fill_fields(w, texts)
    return texts


def _size_of(fld: Any) -> int:
    """The font size in a field's /DA (``/Helv 10.5 Tf 0 g``)."""
    m = re.search(r"([\d.]+)\s+Tf", str(fld.get("/DA", "")))
    return int(float(m.group(1)) + 0.5) if m else int(FONT_SIZE + 0.5)


def fill_fields(w: Any, values: dict[str, str]) -> None:
    """Write part-六 field texts (field id → text) with their appearances into the writer's
    pending revision, each centred on its blank at the printed text's size; an unknown field
    raises KeyError."""
    stamp = _module("pyhanko.stamp")
    generic = _module("pyhanko.pdf_utils.generic")
    layout = _module("pyhanko.pdf_utils.layout")
    text = _module("pyhanko.pdf_utils.text")
    have = _text_fields(w.root)
    centred = layout.SimpleBoxLayoutRule(
        x_align=layout.AxisAlignment.ALIGN_MID,
        y_align=layout.AxisAlignment.ALIGN_MID,
        margins=layout.Margins.uniform(0),
    )
    font = _shared_font()
    for field_id, value in values.items():
        _ref, fld = have[PREFIX + field_id]
        style = stamp.TextStampStyle(
            stamp_text="%(v)s",
            text_box_style=text.TextBoxStyle(
                font=font, font_size=_size_of(fld), box_layout_rule=centred
            ),
            border_width=0,
            background=None,
            inner_content_layout=layout.SimpleBoxLayoutRule(
                x_align=layout.AxisAlignment.ALIGN_MID,
                y_align=layout.AxisAlignment.ALIGN_MID,
                margins=layout.Margins.uniform(0),
                inner_content_scaling=layout.InnerScaling.NO_SCALING,
            ),
        )
        x0, y0, x1, y1 = (float(v) for v in fld["/Rect"])
        box = layout.BoxConstraints(width=x1 - x0, height=y1 - y0)
        ap = stamp.TextStamp(w, style, text_params={"v": value}, box=box).register()
        fld[generic.NameObject("/V")] = generic.TextStringObject(value)
        fld[generic.NameObject("/AP")] = generic.DictionaryObject({generic.NameObject("/N"): ap})
        w.update_container(fld)


def _module(name: str) -> Any:
    """A pyhanko module, imported late (pyhanko is slow to import) and untyped here."""
    import importlib

    return importlib.import_module(name)


def _shared_font() -> Any:
    """A font engine factory that reads the CJK TTF (13 MB) once and gives every value of
    one revision the same subset (pyhanko's own factory opens the file per value and never
    closes it)."""
    from pyhanko.pdf_utils.font.api import FontEngineFactory
    from pyhanko.pdf_utils.font.opentype import GlyphAccumulator

    from zjtx_desktop.core.export.fonts import MAIN_FILE, font_path

    class _Once(FontEngineFactory):
        def __init__(self) -> None:
            self.engine: Any = None

        def create_font_engine(self, writer: Any, obj_stream: Any = None) -> Any:
            if self.engine is None:
                data = font_path(MAIN_FILE).read_bytes()
                if obj_stream is None and writer.stream_xrefs:
                    obj_stream = writer.prepare_object_stream()
                self.engine = GlyphAccumulator(
                    writer=writer,
                    font_handle=io.BytesIO(data),
                    font_size=int(FONT_SIZE + 0.5),
                    obj_stream=obj_stream,
                )
            return self.engine

    return _Once()
