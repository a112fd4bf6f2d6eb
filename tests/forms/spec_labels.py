"""Read the official labels out of the spec's tables (../shared/spec/forms-catalog.md §2a–2c)."""

from __future__ import annotations

import re
from pathlib import Path

SPEC = Path(__file__).resolve().parents[3] / "shared" / "spec" / "forms-catalog.md"

# spec subsection → the form files whose definitions must carry its labels
SUBSECTIONS = {
    "2a.0": ["nat-xjr-application-2021"],
    "2a.2": ["nat-xjr-application-2021"],
    "2a.3": ["nat-xjr-application-2021"],
    "2a.4": ["nat-xjr-application-2021"],
    "2a.5": ["nat-xjr-application-2021"],
    "2a.6": ["nat-xjr-application-2021"],
    "2a.7": ["nat-xjr-application-2021"],
    "2b.1": ["nat-zd-basic-2021", "bj-zd-basic-2021b1"],  # 2b.2: Beijing's rows are identical
    "2b.3": ["jl-zd-basic-2021b2"],
    "2c.1": ["nat-zd-targets-2021"],
    "2c.2": ["bj-zd-targets-2021b1"],
    "2c.3": ["jl-zd-targets-2021b2"],
}

LABEL_HEADERS = (
    "Label (as printed)",
    "Exact text",
    "Text (verbatim)",
    "重要指标 (as printed)",
    "二级指标 (as printed",
    "注释 text (verbatim)",
    "Jilin 附件5",
)
QUOTED = re.compile(r"“([^”]*)”")


def _sections(text: str) -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}
    current = None
    for line in text.splitlines():
        m = re.match(r"^####\s+(2[abc]\.\d)\b", line)
        if m:
            current = m.group(1)
            out[current] = []
        elif line.startswith("### ") or line.startswith("## "):
            current = None
        elif current:
            out[current].append(line)
    return out


def _clean(cell: str) -> str:
    cell = cell.replace("**", "").strip()
    cell = re.sub(r"[¹²³⁴]", "", cell)
    cell = re.sub(r" \([^)]*\)", "", cell)  # the spec's own English notes: "电话 (法定代表人)"
    return cell.strip()


def _labels_from_cell(cell: str, column: str) -> list[str]:
    cell = _clean(cell)
    if not cell or cell in ("—", "static", "(no 注释)"):
        return []
    if cell.startswith("“") or re.match(r"^[A-Za-z]", cell):
        # a quoted printed text, or the spec's English description quoting printed texts
        return [q for q in QUOTED.findall(cell) if q]
    parts = re.split(r"\s*—\s*", cell, maxsplit=1)
    head, tail = parts[0], parts[1] if len(parts) > 1 else ""
    out = [] if head.startswith(("Group label", "Header row", "Sub-heading")) else [head]
    out += [q for q in QUOTED.findall(tail) if q]
    if column == "Exact text":  # a title printed over two lines: "…企业 / 申 请 书"
        out = [x for h in out for x in h.split(" / ")]
    return [x for x in out if x and not x.startswith("(") and re.search(r"[\u4e00-\u9fff]", x)]


def normalise(text: str) -> str:
    """Layout spaces and tick boxes are not part of a label."""
    return re.sub(r"[\s□]", "", text)


def present(label: str, haystack: str) -> bool:
    """Verbatim (spacing aside); an elided "…x" is a fragment; "□a □b" lists printed options."""
    text = normalise(label.lstrip("…"))
    if text in haystack:
        return True
    parts = [p for p in re.split(r" |\u3000\u3000|(?<=。)(?=\d\.)", label.strip()) if p]
    if len(parts) > 1:  # several printed lines or cells in one spec cell (注：1.… 2.…)
        return all(present(p, haystack) for p in parts)
    if "□" in label:
        pieces = [re.sub(r"^[是否]，", "", p.strip()) for p in label.split("□") if p.strip()]
        return all(normalise(p) in haystack for p in pieces)
    return False


def spec_labels() -> dict[str, list[str]]:
    """Subsection → labels as printed."""
    sections = _sections(SPEC.read_text(encoding="utf-8"))
    out: dict[str, list[str]] = {}
    for sub, lines in sections.items():
        if sub not in SUBSECTIONS:
            continue
        labels: list[str] = []
        header: list[str] | None = None
        for line in lines:
            if not line.startswith("|"):
                header = None
                continue
            cells = [c.strip() for c in line.strip().strip("|").split("|")]
            if header is None:
                header = cells
                continue
            if set(line) <= set("|-: "):
                continue
            for i, h in enumerate(header):
                if i < len(cells) and h.startswith(LABEL_HEADERS):
                    labels += _labels_from_cell(cells[i], h)
        out[sub] = labels
    return out
