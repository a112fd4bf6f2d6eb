"""Part 六 as it reads on paper, from the rendered page alone (no code of ours): the printed
boxes ☐ by PDFium's character boxes of the page's own text, the filled values and ticks by
poppler's ``pdftotext -bbox`` (which draws the fields' appearances as a viewer prints them).
Coordinates are PDF points, origin bottom left."""

from __future__ import annotations

import re
import subprocess
from dataclasses import dataclass
from pathlib import Path

Box = tuple[float, float, float, float]  # left, bottom, right, top


@dataclass(frozen=True)
class Word:
    text: str
    box: Box

    @property
    def centre(self) -> tuple[float, float]:
        return (self.box[0] + self.box[2]) / 2, (self.box[1] + self.box[3]) / 2


def part6_page(pdf: Path) -> int:
    """The page (1-based) with part 六's opinion."""
    pages = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True,
                           check=True).stdout.split("\f")  # fmt: skip
    return next(n for n, p in enumerate(pages, 1) if "推荐意见：" in p and "中的" in p)


def words(pdf: Path, page: int) -> list[Word]:
    out = subprocess.run(["pdftotext", "-bbox", "-f", str(page), "-l", str(page), str(pdf), "-"],
                         capture_output=True, text=True, check=True).stdout  # fmt: skip
    height = float(re.search(r'<page width="[\d.]+" height="([\d.]+)"', out).group(1))  # type: ignore[union-attr]
    found = []
    for m in re.finditer(
        r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)</word>', out
    ):
        x0, y0, x1, y1 = (float(v) for v in m.groups()[:4])
        found.append(Word(m.group(5), (x0, height - y1, x1, height - y0)))
    return found


def printed_boxes(pdf: Path, page: int) -> list[tuple[str, Box]]:
    """Each printed ☐ of the page with the six characters printed before it (line breaks
    left out), from the page's own text: field appearances are not part of it."""
    import pypdfium2 as pdfium

    doc = pdfium.PdfDocument(str(pdf))
    try:
        tp = doc[page - 1].get_textpage()
        text = tp.get_text_range()
        out = []
        for i, ch in enumerate(text):
            if ch == "☐":
                before = re.sub(r"\s", "", text[max(0, i - 12) : i])[-6:]
                out.append((before, tuple(float(v) for v in tp.get_charbox(i))))
        return out  # type: ignore[return-value]
    finally:
        doc.close()


def inside(point: tuple[float, float], box: Box) -> bool:
    return box[0] <= point[0] <= box[2] and box[1] <= point[1] <= box[3]


def ticked(pdf: Path) -> tuple[list[str], list[Word]]:
    """(the printed boxes with a √ drawn inside them, by the text before each box; the √
    drawn outside every box)."""
    page = part6_page(pdf)
    boxes = printed_boxes(pdf, page)
    ticks = [w for w in words(pdf, page) if w.text == "√"]
    hit = [before for before, box in boxes if any(inside(t.centre, box) for t in ticks)]
    stray = [t for t in ticks if not any(inside(t.centre, box) for _b, box in boxes)]
    return hit, stray


def written_between(pdf: Path, left: str, right: str, after: str = "") -> str:
    """The text drawn on a line between the printed word ending with ``left`` and the next
    printed word starting with ``right`` (the first such pair after a word ending with
    ``after``, when given), '' when nothing is."""
    ws = words(pdf, part6_page(pdf))
    start = next((i for i, w in enumerate(ws) if w.text.endswith(after)), 0) if after else 0
    a = next(w for w in ws[start:] if w.text.endswith(left))
    same_line = [w for w in ws if w.box[1] < a.centre[1] < w.box[3] and w is not a]
    b = min((w for w in same_line if w.text.startswith(right) and w.box[0] >= a.box[2]),
            key=lambda w: w.box[0])  # fmt: skip
    gap = sorted((w for w in same_line if a.box[2] - 1 <= w.centre[0] <= b.box[0] + 1
                  and w.box[0] >= a.box[2] - 1 and w.box[2] <= b.box[0] + 1),
                 key=lambda w: w.box[0])  # fmt: skip
    return "".join(w.text for w in gap)
