"""Chinese line breaking for the PDF, by the rules of Chinese typesetting, never adding a character.

reportlab's CJK wrapping lets a closing mark that may not start a line (“。”, “，”) hang past the
right edge — out of a table cell, across its border — and has no rule for opening marks (“（”
alone at a line end); splitting such a paragraph over two pages joins its pieces with spaces
(“汽车 及”). So the PDF writer breaks lines itself: ``break_lines`` fills each line greedily with
the widths of the font that draws each character, then moves the break back so that no line
starts with a closing mark and none ends with an opening mark (一 and Latin words stay whole
where they can), and hands reportlab lines that already fit. Joined, the lines are the text.
"""

from __future__ import annotations

from collections.abc import Callable

# closing marks and pauses: never at the start of a line (GB/T 15834, 禁则)
CANNOT_START = "，。、；：？！）》」』”’】〕〉…—·％%,.;:?!)]}"
# opening marks: never at the end of a line
CANNOT_END = "（《「『“‘【〔〈([{"
MAX_BACK = 4  # how far a break may move back for these rules before giving up on them


def _latin(ch: str) -> bool:
    return ch.isascii() and (ch.isalnum() or ch in "-_./@")


def _break_at(s: str, start: int, i: int) -> int:
    """Where the line ``s[start:i+1]`` that overflowed at ``i`` breaks (the next line starts
    there)."""
    b = i
    while b > start + 1 and i - b < MAX_BACK and (s[b] in CANNOT_START or s[b - 1] in CANNOT_END):
        b -= 1
    if s[b] in CANNOT_START or s[b - 1] in CANNOT_END:
        b = i  # a run of marks longer than MAX_BACK: break where the line is full
    if _latin(s[b - 1]) and _latin(s[b]):  # inside a Latin word or number: break before it
        w = b
        while w > start and _latin(s[w - 1]):
            w -= 1
        if w > start and s[w] not in CANNOT_START and s[w - 1] not in CANNOT_END:
            b = w
    return b


def _break_one(s: str, width: float, measure: Callable[[str], float]) -> list[str]:
    lines: list[str] = []
    start, used, i = 0, 0.0, 0
    while i < len(s):
        w = measure(s[i])
        if used + w > width and i > start:
            b = _break_at(s, start, i)
            lines.append(s[start:b])
            start = b
            used = sum(measure(c) for c in s[start:i])
            continue
        used += w
        i += 1
    lines.append(s[start:])
    return lines


def break_lines(
    text: str, width: float, measure: Callable[[str], float], first_indent: float = 0.0
) -> list[str]:
    """``text`` as lines at most ``width`` wide (``measure`` gives a character's width; the
    very first line is ``first_indent`` narrower); the text's own line breaks are kept.
    ``"".join`` of each paragraph's lines is the paragraph."""
    out: list[str] = []
    for k, paragraph in enumerate(text.split("\n")):
        if k == 0 and first_indent:
            first = _break_one(paragraph, width - first_indent, measure)
            rest = "".join(first[1:])
            out += first[:1] + (_break_one(rest, width, measure) if rest else [])
        else:
            out += _break_one(paragraph, width, measure)
    return out
