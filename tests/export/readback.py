"""Reading exports back (PDF text, Word, workbook) and what each must contain."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path
from typing import Any

from zjtx_desktop.core.datafile import read_data, session_for
from zjtx_desktop.core.engine.session import ApplicationSession
from zjtx_desktop.core.export.values import writes_word
from zjtx_desktop.core.forms.model import FieldDef, FormDef
from zjtx_desktop.core.paths import resources_dir

DEMO = resources_dir() / "demo"
_FOOTER = re.compile(
    r"第\s*\d+\s*页\s*共\s*\d+\s*页|申报编号\S*\s.*?校验码\s*[0-9A-F]{12}(-\d+/\d+)?"
)


def demo_ids() -> list[str]:
    return sorted(p.stem for p in DEMO.glob("*.json"))


def demo_session(form_id: str) -> tuple[FormDef, ApplicationSession, dict[str, Any]]:
    data = read_data(DEMO / f"{form_id}.json")
    return data.form, session_for(data), data.values


def norm(text: str) -> str:
    """Whitespace (line wraps, ideographic spaces) removed; the three box glyphs made one."""
    text = re.sub(r"\s+", "", text)
    return text.replace("☑", "□").replace("☐", "□").replace("（续）", "")


def pdf_pages(path: Path) -> list[str]:
    from pypdf import PdfReader

    return [p.extract_text() or "" for p in PdfReader(str(path)).pages]


def pdf_text(path: Path) -> str:
    """Page texts without footers, so a long text continued on the next page reads on."""
    return "".join(norm(_FOOTER.sub("", t)) for t in pdf_pages(path))


def docx_text(path: Path) -> str:
    from docx import Document

    doc = Document(str(path))
    parts = [p.text for p in doc.paragraphs]

    def cells(tables: Any) -> None:
        for t in tables:
            seen: set[Any] = set()  # merged cells repeat; the elements themselves stay alive
            for row in t.rows:
                for c in row.cells:
                    if c._tc in seen:
                        continue
                    seen.add(c._tc)
                    parts.append(c.text)
                    cells(c.tables)

    cells(doc.tables)
    return norm("".join(parts))


def xlsx_text(path: Path) -> str:
    from openpyxl import load_workbook

    wb = load_workbook(str(path))
    return norm(
        "".join(str(c.value) for ws in wb for row in ws.iter_rows() for c in row if c.value)
    )


def _hidden_attached(f: FieldDef) -> bool:
    """A count written after its box (“□省级　个”): the form prints no label for it."""
    src = f.relevant.source if f.relevant is not None else ""
    return not f.print_label and f.type == "integer" and bool(re.match(r"^'[^']+' in ", src))


def on_paper(form: FormDef, f: FieldDef) -> bool:
    """Whether the official form prints the field, read from the definition file itself (its
    ``helper: true`` rows and ``printed: false`` sections are tool-only, FORMAT.md) — not from
    the exporter's own ``printed()``, which would make a broken exporter its own expectation."""
    row = next(r for r in form.raw["fields"] if r["id"] == f.row)
    section = next(s for s in form.raw["sections"] if s["id"] == f.section)
    return not row.get("helper", False) and section.get("printed", True)


def official_texts(form: FormDef) -> list[str]:
    """Every printed label, title, note and prompt of the form, as the definition says."""
    out = [form.title, form.attachment_mark.rstrip("：:"), form.subtitle]
    for s in form.sections.values():
        if s.printed:
            out.append(s.title)
    for f in form.fields.values():
        if on_paper(form, f) and not _hidden_attached(f):
            out.append(f.print_label or f.label)
            if f.group:
                out.append(f.group)
            if f.print_layout and f.options:  # the options as printed, boxes after
                out += [re.sub(r"\{[^{}]+\}", "□", ln) for ln in f.print_layout.split("\n")]
            elif f.print_layout:  # a sentence with the values in it: the words between
                out += [p for ln in f.print_layout.split("\n") for p in re.split(r"\{[^{}]+\}", ln)]
            elif f.options and not writes_word(f):
                out += [o.label for o in f.options]
    for st in form.statics:
        if form.sections[st.section].printed:
            out.append(st.text)
    return [t for t in out if t]


def demo_values(form: FormDef, session: ApplicationSession, values: dict[str, Any]) -> list[str]:
    """Every printed value of the demo data as typed (relevant, printed, enterprise parts)."""
    st = session.state(form.id)
    out: list[str] = []
    for fid, v in values.items():
        f = form.fields[fid]
        if not on_paper(form, f) or not st.relevant.get(fid, True):
            continue
        if form.sections[f.section].filled_by != "enterprise":
            continue
        if f.print_layout:
            continue  # ticked boxes in the printed list, not the option's words
        out += [str(x) for x in v] if isinstance(v, list) else [str(v)]
    return out


def missing(needles: list[str], haystack: str) -> list[str]:
    """Needles not found; a needle is looked for token by token (split at whitespace), as a
    printed prompt such as “编码：　名称：” is filled in between."""
    out = []
    for n in needles:
        tokens = [norm(t) for t in n.split()]
        if not all(t in haystack for t in tokens if t):
            out.append(n)
    return out


def soffice() -> str | None:
    return shutil.which("soffice") or shutil.which("libreoffice")


def tool(name: str) -> str | None:
    return shutil.which(name)


def run(cmd: list[str], **kw: Any) -> subprocess.CompletedProcess[str]:
    return subprocess.run(cmd, capture_output=True, text=True, timeout=180, check=False, **kw)
