"""How a value of each field type is printed: one renderer per type in ``VALUE_RENDERERS``.

A renderer gets the field, what was typed and the parsed value (``None`` when blank, hidden or
unparseable) and answers the printed text plus, for numbers, the number and an Excel number
format. Choices print every option with ☑/☐ in the official order; a choice whose label asks
the applicant to *write* one of the words (“请填写国家级、省部级…”, “请写明：…”) prints the word.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from itertools import pairwise
from typing import Any

from zjtx_desktop.core.export.model import CHECKED, UNCHECKED
from zjtx_desktop.core.fieldtypes import PRINT_MAX_CHARS, clean_text, fold
from zjtx_desktop.core.forms.model import LAYOUT_MARK, FieldDef, layout_marks


@dataclass(frozen=True)
class Rendered:
    text: str
    number: Decimal | int | date | None = None  # typed value for spreadsheets
    number_format: str = ""


def _plain(raw: Any) -> str:
    """What was typed, as printed: without control characters (the input rule of
    ``fieldtypes.admit``, applied again for drafts saved before that rule existed)."""
    if raw is None:
        return ""
    if isinstance(raw, list):
        return "、".join(p for x in raw if (p := _plain(x)))
    text = clean_text(str(raw))[0]
    text = text.strip() if "\n" not in text else text.strip("\n ").rstrip()
    if len(text) > PRINT_MAX_CHARS:  # bounded work for every format; the field has an error
        left = len(text) - PRINT_MAX_CHARS
        text = text[:PRINT_MAX_CHARS] + f"……（以下{left}字超过导出上限，未印出）"
    return text


def render_text(f: FieldDef, raw: Any, value: Any) -> Rendered:
    return Rendered(_plain(raw))


def render_normalised(f: FieldDef, raw: Any, value: Any) -> Rendered:
    """Codes and contacts: the normalised value when it parsed (upper-case 信用代码), else typed."""
    return Rendered(str(value) if isinstance(value, str) and value else _plain(raw))


def _places(v: Decimal) -> int:
    exp = v.as_tuple().exponent
    return -exp if isinstance(exp, int) and exp < 0 else 0


def unit_printed(f: FieldDef) -> str:
    """The unit printed after the value, unless the label carries it (“注册资本（万元）”)."""
    label = f.print_label or f.label
    if not f.unit or f.unit in label or not f.print_unit:
        return ""
    return f.unit


def _number_format(places: int, unit: str) -> str:
    """The digits as the paper prints them (12345.67, no thousands separators)."""
    fmt = "0" + ("." + "0" * places if places else "")
    if unit:
        fmt += f'"{unit}"' if unit == "%" else f'" {unit}"'
    return fmt


def render_number(f: FieldDef, raw: Any, value: Any) -> Rendered:
    if not isinstance(value, Decimal | int) or isinstance(value, bool):
        return Rendered(_plain(raw))
    d = Decimal(value)
    places = _places(d)
    text = format(d, "f")
    unit = unit_printed(f)
    shown = f"{text}{unit}" if unit == "%" else (f"{text} {unit}" if unit else text)
    number: Decimal | int = int(d) if f.type == "integer" else d
    return Rendered(shown, number, _number_format(places, unit))


def render_year(f: FieldDef, raw: Any, value: Any) -> Rendered:
    if isinstance(value, int):
        return Rendered(str(value), value, "0")
    return Rendered(_plain(raw))


_DATE_FORMATS = (  # the printed text's shape → the same shape as an Excel date format
    (re.compile(r"\d{4}-\d{2}-\d{2}"), "yyyy-mm-dd"),
    (re.compile(r"\d{4}年\d{1,2}月\d{1,2}日"), 'yyyy"年"m"月"d"日"'),
)


def render_date(f: FieldDef, raw: Any, value: Any) -> Rendered:
    """As typed (digits folded); a spreadsheet gets a real date shown in the same shape."""
    if value is None:
        return Rendered(_plain(raw))
    text = fold(_plain(raw))
    for shape, fmt in _DATE_FORMATS:
        if shape.fullmatch(text):
            return Rendered(text, value, fmt)
    return Rendered(text)


def writes_word(f: FieldDef) -> bool:
    """The template asks to write the chosen word instead of ticking a box: it says so, or
    prints a sentence with a blank and no box (“3.推荐意见：　。（请填“同意”或“不同意”）。”)."""
    label = f.print_label or f.label
    if "请填写" in label or "请写明" in label:
        return True
    blank = "　" in f.print_label.rstrip("　") and "□" not in f.print_label
    return bool(f.options) and blank


def render_choice(f: FieldDef, raw: Any, value: Any) -> Rendered:
    if isinstance(value, list):
        selected = [str(v) for v in value]
    elif value is None:
        selected = []
    else:
        selected = [str(value)]
    if writes_word(f):
        labels = {o.value: o.label for o in f.options}
        return Rendered("、".join(labels.get(v, v) for v in selected) or "")
    return Rendered(choice_with(f, selected, {}))


VALUE_RENDERERS: dict[str, Callable[[FieldDef, Any, Any], Rendered]] = {
    "text": render_text,
    "longtext": render_text,
    "integer": render_number,
    "amount": render_number,
    "percent": render_number,
    "year": render_year,
    "date": render_date,
    "choice": render_choice,
    "multichoice": render_choice,
    "province": render_normalised,
    "industry2": render_text,
    "industry4": render_text,
    "product_code": render_text,
    "uscc": render_normalised,
    "phone": render_text,
    "mobile": render_text,
    "postcode": render_text,
    "email": render_text,
}


BLANK = "\u3000\u3000"  # room to write a number by hand before its printed unit


def blank_with_unit(f: FieldDef) -> str:
    """What a blank number cell prints: the unit the template prints after the blank
    (“　　万元”, “　　%”, “　　项”), so a blank form can be filled by hand."""
    unit = unit_printed(f)
    return BLANK + unit if unit and f.type in ("integer", "amount", "percent") else ""


def render_value(f: FieldDef, raw: Any, value: Any, shown: bool = True) -> Rendered:
    """The printed value; ``shown=False`` (hidden field, other party's part) prints blank boxes
    and blank units."""
    if not shown:
        return render_choice(f, None, None) if f.options else Rendered(blank_with_unit(f))
    out = VALUE_RENDERERS[f.type](f, raw, value)
    if not out.text:
        return Rendered(blank_with_unit(f))
    return out


def with_prompt(prompt: str, rendered: str) -> str:
    """Fill a printed prompt such as “编码：　名称：” with a code + name value."""
    parts = rendered.split(maxsplit=1)
    if "编码：" in prompt and "名称：" in prompt:
        code, name = ([*parts, "", ""])[:2] if rendered else ("", "")
        return f"编码：{code}　名称：{name}"
    sep = "\n" if "\n" in prompt and rendered else ""
    return f"{prompt}{sep}{rendered}"


_MARK = LAYOUT_MARK


def layout_with(layout: str, selected: list[str], attached: dict[str, str]) -> str:
    """A choice printed as its template prints it (``print_layout``): ``{value}`` is that
    option's box, where the template has it (“1.高新技术企业□”, “（国家级□ 省级□）”); a
    text written for an option (其他) follows the line of its box."""
    lines = []
    for line in layout.split("\n"):
        extra = "".join(attached.get(v, "") for v in _MARK.findall(line))
        boxed = _MARK.sub(lambda m: CHECKED if m[1] in selected else UNCHECKED, line)
        if extra and boxed.endswith("。"):  # “8.其他□（请说明）：……。”
            lines.append(boxed[:-1] + extra + "。")
        else:
            lines.append(boxed + extra)
    return "\n".join(lines)


def layout_fields(layout: str, values: dict[str, str]) -> str:
    """A row printed as one sentence (“有效专利总数　项。其中发明专利　项；…”): ``{field id}``
    is that field's printed value (a blank one keeps its unit: “　　项”)."""
    return _MARK.sub(lambda m: values.get(m[1], ""), layout)


def layout_values(layout: str) -> list[str]:
    """The option values a ``print_layout`` places (the loader checks them)."""
    return layout_marks(layout)


def choice_with(f: FieldDef, value: Any, attached: dict[str, str]) -> str:
    """Boxes of a choice, with texts written after options (“☑省级 1 个”, “☑已上市（股票代码：
    688001）”); options longer than a short phrase go one per line."""
    if isinstance(value, list):
        selected = [str(v) for v in value]
    elif value is None:
        selected = []
    else:
        selected = [str(value)]
    if f.print_layout:
        return layout_with(f.print_layout, selected, attached)
    parts = []
    for o in f.options:
        label = o.printed
        extra = attached.get(o.value, "")
        if extra:
            if "：　" in label:
                label = label.replace("：　", "：" + extra, 1)
            else:
                label = label + extra if extra.startswith(BLANK) else f"{label} {extra}"
        parts.append(f"{CHECKED if o.value in selected else UNCHECKED}{label}")
    sep = "\n" if any(len(o.label) > 20 for o in f.options) else " "
    out = parts[0] if parts else ""
    for prev, part in pairwise(parts):
        out += ("" if prev.endswith("/") else sep) + part  # “□是/□否” printed as one
    return out


def fill_sentence(label: str, f: FieldDef, value: Any, text: str) -> str:
    """A printed sentence with its blank filled: “a□ b□ c□” gets its boxes ticked, the first
    “　” blank gets the value (a date fills “　年　月　日”)."""
    if "□" in label and f.options:
        selected = value if isinstance(value, list) else [value]
        for o in f.options:
            box = CHECKED if o.value in selected else UNCHECKED
            label = label.replace(f"{o.label}□", f"{o.label}{box}")
        return label.replace("□", UNCHECKED)
    if not text:
        return label
    # a blank is a run of “　” (wide enough to write in by hand): the value takes all of it
    if re.search("　+年　+月　+日", label) and hasattr(value, "year"):
        date = f"{value.year}年{value.month}月{value.day}日"
        return re.sub("　+年　+月　+日", lambda _m: date, label, count=1)
    return re.sub("　+", lambda _m: text, label, count=1)
