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
from dataclasses import dataclass
from typing import Any

Rect = tuple[float, float, float, float]

PREFIX = "part6_"
FONT_SIZE = 9


@dataclass(frozen=True)
class Blank:
    """A part-六 blank: the form field it holds, its page (1-based) and rect in points."""

    field_id: str
    page: int
    rect: Rect

    @property
    def name(self) -> str:  # a PDF field name (no dots, signing.md §8)
        return PREFIX + self.field_id


# (field id, the printed text just before the blank, the text just after it or "",
#  the width when nothing follows on the line); the 申请书's part 六 (004, 79号 附件1)
_ANCHORS: tuple[tuple[str, str, str, float], ...] = (
    ("review_class", "（三选一）。", "", 60.0),
    ("review_mandatory_count", "6项必备指标”中的", "项", 0.0),
    ("review_opinion", "推荐意见：", "", 40.0),
    ("review_date", "期：", "", 70.0),  # raised a line: 年 月 日 are printed there
)
_PAGE_MARK = "推荐意见："  # the page of part 六's opinion block


def find_blanks(pdf: bytes) -> list[Blank]:
    """The part-六 blanks of the rendered booklet (none when it has no part 六)."""
    import pypdfium2 as pdfium  # type: ignore[import-untyped]

    doc = pdfium.PdfDocument(pdf)
    try:
        for n, page in enumerate(doc, 1):
            tp = page.get_textpage()
            try:
                text = tp.get_text_range()
                if _PAGE_MARK not in text or "中的" not in text:
                    continue
                return _blanks_on(n, text, tp)
            finally:
                tp.close()
                page.close()
        return []
    finally:
        doc.close()


def _blanks_on(page: int, text: str, tp: Any) -> list[Blank]:
    out = []
    for field_id, before, after, width in _ANCHORS:
        i = text.find(before)
        if i < 0:
            continue
        last = tp.get_charbox(i + len(before) - 1)  # (left, bottom, right, top)
        x0 = last[2] + 1.0
        x1 = x0 + width
        if after:
            j = text.find(after, i + len(before))
            if j >= 0:
                x1 = tp.get_charbox(j)[0] - 1.0
        line_bottom, line_top = last[1], last[1] + 10.0
        if field_id == "review_date":
            x0, x1 = x0 - 4.0, x0 - 4.0 + width
            line_bottom, line_top = line_bottom + 15.0, line_top + 15.0
        out.append(Blank(field_id, page, (x0, line_bottom - 3.0, x1, line_top + 4.0)))
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
        form[n("/DA")] = generic.TextStringObject(f"/Helv {FONT_SIZE} Tf 0 g")
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
                n("/DA"): generic.TextStringObject(f"/Helv {FONT_SIZE} Tf 0 g"),
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


def fill_fields(w: Any, values: dict[str, str]) -> None:
    """Write part-六 values (field id → text) with their appearances into the writer's
    pending revision; an unknown field raises KeyError."""
    stamp = _module("pyhanko.stamp")
    generic = _module("pyhanko.pdf_utils.generic")
    layout = _module("pyhanko.pdf_utils.layout")
    text = _module("pyhanko.pdf_utils.text")
    have = _text_fields(w.root)
    style = stamp.TextStampStyle(
        stamp_text="%(v)s",
        text_box_style=text.TextBoxStyle(
            font=_shared_font(),
            font_size=FONT_SIZE,
            box_layout_rule=layout.SimpleBoxLayoutRule(
                x_align=layout.AxisAlignment.ALIGN_MIN,
                y_align=layout.AxisAlignment.ALIGN_MID,
                margins=layout.Margins.uniform(0),
            ),
        ),
        border_width=0,
        background=None,
        inner_content_layout=layout.SimpleBoxLayoutRule(
            x_align=layout.AxisAlignment.ALIGN_MIN,
            y_align=layout.AxisAlignment.ALIGN_MID,
            margins=layout.Margins.uniform(0),
            inner_content_scaling=layout.InnerScaling.NO_SCALING,
        ),
    )
    for field_id, value in values.items():
        _ref, fld = have[PREFIX + field_id]
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
                    font_size=FONT_SIZE,
                    obj_stream=obj_stream,
                )
            return self.engine

    return _Once()
