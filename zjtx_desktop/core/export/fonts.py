"""Fonts for the PDF: the shipped CJK TrueType font, and DejaVu Sans for what it lacks (☑ ☐).

reportlab has no per-character font fallback and silently draws a blank or a box for a missing
glyph, so ``markup`` wraps every character the main font lacks in the symbol font, and reports
characters neither font has. Registration happens once per process, on first use.
"""

from __future__ import annotations

import unicodedata
from functools import cache
from pathlib import Path
from xml.sax.saxutils import escape

from zjtx_desktop.core.paths import resources_dir

MAIN = "ZJTXSerif"
SYMBOL = "ZJTXSymbol"
MAIN_FILE = "ZJTXSerifSC-Regular.ttf"
SYMBOL_FILE = "DejaVuSans.ttf"


def font_path(name: str) -> Path:
    return resources_dir() / "fonts" / name


@cache
def register() -> tuple[frozenset[int], frozenset[int]]:
    """Register both fonts with reportlab; returns the code points each covers."""
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    main = TTFont(MAIN, str(font_path(MAIN_FILE)))
    sym = TTFont(SYMBOL, str(font_path(SYMBOL_FILE)))
    pdfmetrics.registerFont(main)
    pdfmetrics.registerFont(sym)
    return frozenset(main.face.charToGlyph), frozenset(sym.face.charToGlyph)


def split_runs(text: str) -> list[tuple[str, str]]:
    """``text`` cut into (font name, run) so each run's font has its glyphs."""
    main, sym = register()
    runs: list[tuple[str, str]] = []
    for ch in text:
        cp = ord(ch)
        font = MAIN if cp in main or ch in "\n\t" or cp not in sym else SYMBOL
        if runs and runs[-1][0] == font:
            runs[-1] = (font, runs[-1][1] + ch)
        else:
            runs.append((font, ch))
    return runs


def missing_glyphs(text: str) -> list[str]:
    """Characters neither font can draw (they would print blank)."""
    main, sym = register()
    # control characters are not printed at all (fieldtypes.clean_text takes them out);
    # the two sets are looked up in turn (their union cost 2 ms a call to build)
    return sorted(
        {
            ch
            for ch in text
            if ord(ch) not in main and ord(ch) not in sym and unicodedata.category(ch) != "Cc"
        }
    )


def markup(text: str) -> str:
    """Paragraph markup of plain ``text``: escaped, line breaks kept, symbols in DejaVu."""
    out: list[str] = []
    for font, run in split_runs(text):
        body = escape(run).replace("\n", "<br/>")
        out.append(body if font == MAIN else f'<font name="{SYMBOL}">{body}</font>')
    return "".join(out)
