"""Raw WordprocessingML that python-docx has no API for: East Asian fonts, fields, repeated
header rows, rows that never split, row heights, borders, and the 草稿 watermark."""

from __future__ import annotations

from typing import Any

from docx.oxml import OxmlElement, parse_xml
from docx.oxml.ns import qn

LATIN = "Times New Roman"
SYMBOL_FONT = "Segoe UI Symbol"  # has ☑ ☐ on every Windows; LibreOffice falls back to DejaVu


def set_fonts(rpr_parent: Any, east_asia: str, latin: str = LATIN) -> None:
    """Name ``east_asia`` as the font for Han characters (w:eastAsia) and ``latin`` for the
    rest, on a run or a style (python-docx's ``font.name`` sets only ascii/hAnsi)."""
    rpr = rpr_parent.get_or_add_rPr()
    rfonts = rpr.get_or_add_rFonts()
    for attr in ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme"):
        rfonts.attrib.pop(qn(attr), None)
    rfonts.set(qn("w:ascii"), latin)
    rfonts.set(qn("w:hAnsi"), latin)
    rfonts.set(qn("w:cs"), latin)
    rfonts.set(qn("w:eastAsia"), east_asia)
    rfonts.set(qn("w:hint"), "eastAsia")


def fix_cjk_defaults(doc: Any, east_asia: str) -> None:
    """python-docx's template defaults East Asian text to a Japanese theme font: make the
    document Chinese (fonts, w:lang, themeFontLang)."""
    styles = doc.styles.element
    rpr = styles.find(qn("w:docDefaults")).find(qn("w:rPrDefault")).find(qn("w:rPr"))
    rf = rpr.find(qn("w:rFonts"))
    for attr in ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme"):
        rf.attrib.pop(qn(attr), None)
    for attr, v in (
        ("w:ascii", LATIN),
        ("w:hAnsi", LATIN),
        ("w:eastAsia", east_asia),
        ("w:cs", LATIN),
    ):
        rf.set(qn(attr), v)
    lang = rpr.find(qn("w:lang"))
    if lang is not None:
        lang.set(qn("w:eastAsia"), "zh-CN")
    theme_lang = doc.settings.element.find(qn("w:themeFontLang"))
    if theme_lang is not None:
        theme_lang.set(qn("w:eastAsia"), "zh-CN")


def add_field(paragraph: Any, instr: str, font: str) -> None:
    """A field such as PAGE or NUMPAGES (updated by Word and LibreOffice when shown)."""
    for kind, text in (
        ("begin", None),
        (None, instr),
        ("separate", None),
        (None, "1"),
        ("end", None),
    ):
        run = paragraph.add_run()
        set_fonts(run._r, font)
        if kind:
            fld = OxmlElement("w:fldChar")
            fld.set(qn("w:fldCharType"), kind)
            run._r.append(fld)
        elif text == "1":
            run.text = "1"
        else:
            it = OxmlElement("w:instrText")
            it.set(qn("xml:space"), "preserve")
            it.text = f" {instr} "
            run._r.append(it)


def repeat_header(row: Any) -> None:
    row._tr.get_or_add_trPr().append(OxmlElement("w:tblHeader"))


def cant_split(row: Any) -> None:
    row._tr.get_or_add_trPr().append(OxmlElement("w:cantSplit"))


def row_height(row: Any, twips: int) -> None:
    h = OxmlElement("w:trHeight")
    h.set(qn("w:val"), str(twips))
    h.set(qn("w:hRule"), "atLeast")
    row._tr.get_or_add_trPr().append(h)


def no_borders(table: Any) -> None:
    tbl_pr = table._tbl.tblPr
    borders = OxmlElement("w:tblBorders")
    for side in ("top", "left", "bottom", "right", "insideH", "insideV"):
        el = OxmlElement(f"w:{side}")
        el.set(qn("w:val"), "nil")
        borders.append(el)
    tbl_pr.append(borders)


def bottom_border(cell: Any) -> None:
    tc_pr = cell._tc.get_or_add_tcPr()
    borders = OxmlElement("w:tcBorders")
    el = OxmlElement("w:bottom")
    el.set(qn("w:val"), "single")
    el.set(qn("w:sz"), "6")
    borders.append(el)
    tc_pr.append(borders)


def vmerge(tc: Any, value: str) -> None:
    """Start (``restart``) or continue a vertical merge in this cell."""
    v = OxmlElement("w:vMerge")
    if value == "restart":
        v.set(qn("w:val"), "restart")
    tc.get_or_add_tcPr().append(v)


def cell_valign(cell: Any, value: str) -> None:
    v = OxmlElement("w:vAlign")
    v.set(qn("w:val"), value)
    cell._tc.get_or_add_tcPr().append(v)


_WATERMARK = (
    '<w:r xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" '
    'xmlns:v="urn:schemas-microsoft-com:vml" xmlns:o="urn:schemas-microsoft-com:office:office">'
    '<w:pict><v:shapetype id="_x0000_t136" coordsize="21600,21600" o:spt="136" '
    'adj="10800" path="m@7,l@8,m@5,21600l@6,21600e"><v:path textpathok="t" o:connecttype="custom"/>'
    '<v:textpath on="t" fitshape="t"/><o:lock v:ext="edit" text="t" shapetype="t"/></v:shapetype>'
    '<v:shape id="PowerPlusWaterMarkObject" o:spid="_x0000_s2049" type="#_x0000_t136" '
    'style="position:absolute;margin-left:0;margin-top:0;width:360pt;height:180pt;'
    "rotation:315;z-index:-251654144;mso-position-horizontal:center;"
    "mso-position-horizontal-relative:margin;mso-position-vertical:center;"
    'mso-position-vertical-relative:margin" fillcolor="#c0c0c0" stroked="f">'
    '<v:fill opacity=".45"/><v:textpath style="font-family:&quot;{font}&quot;;font-size:1pt" '
    'string="{text}"/></v:shape></w:pict></w:r>'
)


def add_watermark(paragraph: Any, text: str, font: str) -> None:
    """Word's own text watermark (a VML text path in the header), on every page."""
    paragraph._p.append(parse_xml(_WATERMARK.replace("{font}", font).replace("{text}", text)))


def bookmark(paragraph: Any, n: int, name: str) -> None:
    """An empty bookmark ``name`` in ``paragraph`` (the target of a PAGEREF field)."""
    start = OxmlElement("w:bookmarkStart")
    start.set(qn("w:id"), str(n))
    start.set(qn("w:name"), name)
    end = OxmlElement("w:bookmarkEnd")
    end.set(qn("w:id"), str(n))
    paragraph._p.append(start)
    paragraph._p.append(end)
