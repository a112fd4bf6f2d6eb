"""What building one form's print model shares between ``build`` and ``build_grid``: the form,
its engine state and the copy being printed, with how a field's value and label print.

Its own module so that the two builders import it and not each other.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from zjtx_desktop.core.engine.session import FormState
from zjtx_desktop.core.export.model import Cell
from zjtx_desktop.core.export.proof import shows_values
from zjtx_desktop.core.export.values import Rendered, render_value, with_prompt
from zjtx_desktop.core.forms.model import FieldDef, FormDef, Static

LONG_CHARS = 60
PLACE_KINDS = {"seal": "seal", "signature": "signature", "date_line": "date"}
ONE_PAGE_CHARS = 1000  # a limited text of at most this many 字 fits one page in its cell
HAND_CHARS_PER_LINE = 30  # handwritten Han characters on one line of a full-width cell


def write_lines(f: FieldDef) -> int:
    """Lines of room a blank long text needs for its limit written by hand (3 to 12)."""
    return max(3, min(12, -(-(f.max_chars or 90) // HAND_CHARS_PER_LINE)))


def label_of(f: FieldDef) -> str:
    return f.print_label or f.label


def colon(text: str) -> str:
    """A prompt followed by what is written after it: a colon is added only where the
    template's prompt has none of its own (“具体领域：（限10字以内）”, “…可另附页” keep theirs)."""
    if "：" in text or ":" in text:
        return text
    return text + "："


@dataclass
class BuildContext:
    form: FormDef
    state: FormState
    copy: str
    skip: set[str] = field(default_factory=set)  # ids of statics printed elsewhere
    blank: bool = False  # a form to fill by hand: long-text cells get room to write

    def shown(self, f: FieldDef) -> bool:
        return self.state.relevant.get(f.id, True) and shows_values(self.form, f, self.copy)

    def rendered(self, f: FieldDef) -> Rendered:
        parsed = self.state.parsed.get(f.id)
        value = parsed.value if parsed is not None else None
        return render_value(f, self.state.raw(f.id), value, self.shown(f))

    def value_cell(self, f: FieldDef, colspan: int = 1) -> Cell:
        r = self.rendered(f)
        long = f.type == "longtext" or len(r.text) > LONG_CHARS
        cell = Cell(r.text, "value", colspan, 1, r.number, r.number_format, long, f.id)
        if self.blank and f.type == "longtext":
            cell.write_lines = write_lines(f)
        # a text limited to what one page holds is printed whole: the templates say “另附页
        # 无效” / “请勿另附页” (004 L681-683), and a （续） row reads as an attached page
        cell.whole = f.type == "longtext" and (f.max_chars or ONE_PAGE_CHARS + 1) <= ONE_PAGE_CHARS
        return cell

    def after(self, key: str) -> list[Static]:
        return [s for s in self.form.statics if s.after == key and s.id not in self.skip]

    def cell_text(self, f: FieldDef, row: list[FieldDef]) -> str:
        """The value with the prompts and instructions printed after it in its cell."""
        text = self.rendered(f).text
        later = {label_of(g) for g in row[row.index(f) + 1 :]} if f in row else set()
        extra: list[str] = []
        for s in self.after(f.id):
            if s.kind == "prompt":
                if s.text not in later:
                    text = with_prompt(s.text, text)
            elif s.kind not in PLACE_KINDS:
                extra.append(s.text)
        return "\n".join([t for t in [text, *extra] if t])
