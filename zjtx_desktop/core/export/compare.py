"""Side-by-side proof for reviewers: each page of our PDF beside the seed template's text.

``write_compare`` renders every page of an exported PDF (pypdfium2, already used by the
preview) on the left half of an A4 landscape page and prints on the right the lines of the seed
text dump (``/work/shared/seeds``, the form's ``source.seed`` range, e.g. ``004 L1032-1479``)
that belong to that page: a seed line belongs to the page whose text contains it, and lines in
between follow the last one found. A seed line found on no page is printed in red with ✗ —
that is what a reviewer looks at first. The dump's extraction spaces (“近 2年”) are ignored when
matching (forms-catalog §0.2).
"""

from __future__ import annotations

import io
import os
import re
from dataclasses import dataclass
from pathlib import Path

from zjtx_desktop.core.export import fonts
from zjtx_desktop.core.forms.model import FormDef

SEEDS_ENV = "ZJTX_SEEDS"
DEFAULT_SEEDS = Path("/work/shared/seeds")
_RANGE = re.compile(r"^(?P<file>\d{3})\s+L(?P<a>\d+)-(?P<b>\d+)")


class CompareError(Exception):
    """The proof cannot be made (no seed text for the form)."""


@dataclass
class SeedLine:
    number: int
    text: str
    found: bool = False


def _norm(text: str) -> str:
    return re.sub(r"\s+", "", text).replace("☑", "□").replace("☐", "□")


def seed_lines(form: FormDef, seeds: Path | None = None) -> tuple[str, list[SeedLine]]:
    """The seed reference (``004 L1032-1479``) and its non-empty lines."""
    ref = form.source.get("seed", "")
    m = _RANGE.match(ref)
    if not m:
        raise CompareError(f"表单 {form.id} 没有模板原文出处（source.seed）")
    root = seeds or Path(os.environ.get(SEEDS_ENV, DEFAULT_SEEDS))
    files = sorted(root.glob(f"{m['file']}_*.txt"))
    if not files:
        raise CompareError(
            f"找不到模板原文 {m['file']}_*.txt（目录 {root}，可用 {SEEDS_ENV} 指定）"
        )
    all_lines = files[0].read_text(encoding="utf-8").splitlines()
    a, b = int(m["a"]), int(m["b"])
    out = [SeedLine(n, all_lines[n - 1].strip()) for n in range(a, min(b, len(all_lines)) + 1)]
    return f"{m['file']} L{a}-{b}", [ln for ln in out if ln.text]


def assign(pages: list[str], lines: list[SeedLine]) -> list[list[SeedLine]]:
    """Seed lines per page of ours: each to the page that holds it, unfound ones to the page
    of the line before them."""
    texts = [_norm(p) for p in pages]
    out: list[list[SeedLine]] = [[] for _ in pages]
    page = 0

    def holds(k: int, tokens: list[str]) -> bool:
        return bool(tokens) and all(t in texts[k] for t in tokens)

    for ln in lines:
        # a dump line may join several cells (“企业名称 法定代表人”): each must be on the page
        tokens = [_norm(t) for t in ln.text.split()]
        hit = next((k for k in range(page, len(texts)) if holds(k, tokens)), None)
        if hit is None:
            hit = next((k for k in range(len(texts)) if holds(k, tokens)), None)
        if hit is not None:
            ln.found = True
            page = max(page, hit) if hit >= page else page
        out[hit if hit is not None else page].append(ln)
    return out


def write_compare(pdf: Path, form: FormDef, out: Path, seeds: Path | None = None) -> int:
    """Write the side-by-side proof of ``pdf`` (an export of ``form``) to ``out``; returns the
    number of seed lines found on no page."""
    import pypdfium2 as pdfium  # type: ignore[import-untyped]
    from reportlab.lib.pagesizes import A4, landscape
    from reportlab.lib.utils import ImageReader
    from reportlab.pdfgen.canvas import Canvas

    ref, lines = seed_lines(form, seeds)
    doc = pdfium.PdfDocument(str(pdf))
    try:
        pages = [doc[i].get_textpage().get_text_range() for i in range(len(doc))]
        per_page = assign(pages, lines)
        fonts.register()
        w, h = landscape(A4)
        c = Canvas(str(out), pagesize=(w, h), initialFontName=fonts.MAIN)  # type: ignore[arg-type]
        c.setTitle(f"对照：{form.title}")
        for i in range(len(doc)):
            png = io.BytesIO()
            doc[i].render(scale=150 / 72).to_pil().save(png, "PNG")
            img_h = h - 50
            img_w = img_h * A4[0] / A4[1]
            c.drawImage(ImageReader(io.BytesIO(png.getvalue())), 20, 25, img_w, img_h)
            c.setStrokeGray(0.6)
            c.rect(20, 25, img_w, img_h)
            x = 20 + img_w + 20
            c.setFont(fonts.MAIN, 10)
            c.drawString(20, h - 18, f"本软件导出 第 {i + 1} 页 / 共 {len(doc)} 页")
            _draw(c, x, h - 18, f"模板原文 {ref}（seeds），与左页对应的行；红色 ✗：导出中没有", 10)
            _seed_column(c, per_page[i], x, h - 34, w - x - 20)
            c.showPage()
        c.save()
    finally:
        doc.close()
    return sum(1 for ln in lines if not ln.found)


def _seed_column(c: object, lines: list[SeedLine], x: float, top: float, width: float) -> None:
    from reportlab.pdfgen.canvas import Canvas

    assert isinstance(c, Canvas)
    size, lead = 7.5, 9.5
    y = top
    for ln in lines:
        text = f"L{ln.number} " + ("" if ln.found else "✗ ") + ln.text
        c.setFillColorRGB(*((0, 0, 0) if ln.found else (0.8, 0, 0)))
        for run in _wrap(text, width, size):
            if y < 20:
                c.setFillGray(0.4)
                c.drawString(x, y, "……（本页对应的原文较长，余下略）")
                c.setFillGray(0)
                return
            _draw(c, x, y, run, size)
            y -= lead
    c.setFillGray(0)


def _wrap(text: str, width: float, size: float) -> list[str]:
    from zjtx_desktop.core.export.linebreak import break_lines
    from zjtx_desktop.core.export.pdf_blocks import measure

    return break_lines(text, width, measure(size))


def _draw(c: object, x: float, y: float, text: str, size: float) -> None:
    from reportlab.pdfbase.pdfmetrics import stringWidth
    from reportlab.pdfgen.canvas import Canvas

    assert isinstance(c, Canvas)
    for font, run in fonts.split_runs(text):
        c.setFont(font, size)
        c.drawString(x, y, run)
        x += stringWidth(run, font, size)
