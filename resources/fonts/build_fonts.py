"""Rebuild the PDF fonts shipped in this folder (run once, offline; not needed at run time).

reportlab embeds TrueType (glyf) fonts only, and every free Song-style CJK font Debian ships with
full Unicode coverage is CFF (Noto Serif CJK). So: take Noto Serif CJK SC from Debian's
fonts-noto-cjk, keep the characters a Chinese form can contain (CJK Unified Ideographs incl.
Extension A for rare name characters such as 赟喆珺堃昇犇淼, CJK punctuation, full-width forms,
Latin, number forms), convert the cubic CFF outlines to quadratic TrueType outlines (fontTools
cu2qu) and rename the family (Noto is a trademark; the OFL allows modified versions under another
name). ☑ ☐ ✓ are in no CJK font: the exporters fall back to DejaVu Sans for them.

    python3 -m venv /tmp/fontenv && /tmp/fontenv/bin/pip install fonttools
    /tmp/fontenv/bin/python resources/fonts/build_fonts.py   # ~1-3 min, ~1 GB RAM
"""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

from fontTools import subset
from fontTools.pens.cu2quPen import Cu2QuPen
from fontTools.pens.ttGlyphPen import TTGlyphPen
from fontTools.ttLib import TTFont, newTable

HERE = Path(__file__).resolve().parent
NOTO = Path("/usr/share/fonts/opentype/noto/NotoSerifCJK-Regular.ttc")
NOTO_SC_INDEX = 2  # faces: JP, KR, SC, TC, HK
DEJAVU = Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf")
FAMILY = "ZJTX Serif SC"
PS_NAME = "ZJTXSerifSC-Regular"
UNICODES = (
    "U+0020-007E,U+00A0-00FF,U+2000-206F,U+2100-21FF,U+2200-22FF,U+2460-24FF,U+2500-25FF,"
    "U+2600-27BF,U+3000-303F,U+3200-33FF,U+3400-4DBF,U+4E00-9FFF,U+F900-FAFF,U+FE30-FE4F,"
    "U+FF00-FFEF"
)


def _subset(font: TTFont) -> None:
    options = subset.Options()
    options.layout_features = ["vert", "vrt2"]  # none needed horizontally; keeps it small
    options.hinting = False
    options.name_IDs = ["*"]
    options.name_languages = ["*"]
    options.notdef_outline = True
    sub = subset.Subsetter(options)
    sub.populate(unicodes=subset.parse_unicodes(UNICODES))
    sub.subset(font)


def _to_truetype(font: TTFont) -> None:
    glyph_set = font.getGlyphSet()
    order = font.getGlyphOrder()
    quad = {}
    for name in order:
        pen = TTGlyphPen(glyph_set)
        glyph_set[name].draw(Cu2QuPen(pen, 1.0, reverse_direction=True))
        quad[name] = pen.glyph()
    font["loca"] = newTable("loca")
    glyf = font["glyf"] = newTable("glyf")
    glyf.glyphOrder = order
    glyf.glyphs = quad
    del font["CFF "]
    if "VORG" in font:
        del font["VORG"]
    glyf.compile(font)
    maxp = font["maxp"] = newTable("maxp")
    maxp.tableVersion = 0x00010000
    for attr in [
        "maxZones",
        "maxTwilightPoints",
        "maxStorage",
        "maxFunctionDefs",
        "maxInstructionDefs",
        "maxStackElements",
        "maxSizeOfInstructions",
        "maxComponentElements",
    ]:
        setattr(maxp, attr, 1 if attr == "maxZones" else 0)
    maxp.compile(font)
    post = font["post"]
    post.formatType = 3.0  # format 2 overflows with this many glyph names
    post.extraNames = []
    post.mapping = {}
    font.sfntVersion = "\x00\x01\x00\x00"


def _rename(font: TTFont) -> None:
    names = font["name"]
    for rec in list(names.names):
        if rec.nameID in (1, 3, 4, 6, 16, 17, 18):
            names.removeNames(nameID=rec.nameID)
    for nid, text in (
        (1, FAMILY),
        (2, "Regular"),
        (3, f"{PS_NAME};derived from Noto Serif CJK SC"),
        (4, FAMILY),
        (6, PS_NAME),
    ):
        names.setName(text, nid, 3, 1, 0x409)
        names.setName(text, nid, 1, 0, 0)
    names.setName(
        "Subset of Noto Serif CJK SC converted to TrueType outlines for ZJTX Desktop's PDF "
        "export (resources/fonts/build_fonts.py).",
        10,
        3,
        1,
        0x409,
    )


def main() -> int:
    font = TTFont(str(NOTO), fontNumber=NOTO_SC_INDEX, lazy=False)
    _subset(font)
    _to_truetype(font)
    _rename(font)
    out = HERE / "ZJTXSerifSC-Regular.ttf"
    font.save(str(out))
    shutil.copyfile(DEJAVU, HERE / "DejaVuSans.ttf")
    print(f"{out.name}: {out.stat().st_size / 1e6:.1f} MB, {len(font.getGlyphOrder())} glyphs")
    return 0


if __name__ == "__main__":
    sys.exit(main())
