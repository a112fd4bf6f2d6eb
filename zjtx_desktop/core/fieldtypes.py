"""Field types: how what a user typed becomes a value, and what is wrong with it.

One table (``FIELD_TYPES``) maps each type name to its parser. A parser never alters the raw
text that is stored; it returns the value the rules compute with, plus findings. Input typed
through a Chinese input method (full-width digits, ％, ，, ．) is accepted: NFKC folds it.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from typing import Any

from zjtx_desktop.core.forms.model import FieldDef
from zjtx_desktop.core.issues import Severity
from zjtx_desktop.core.numbers import MAX_DECIMAL_PLACES, MAX_INTEGER_DIGITS, out_of_bounds

Finding = tuple[str, Severity, dict[str, Any]]

E, W, H = Severity.ERROR, Severity.WARNING, Severity.HINT


@dataclass
class Parsed:
    value: Any = None
    findings: list[Finding] = field(default_factory=list)

    def add(self, code: str, severity: Severity, /, **params: Any) -> Parsed:
        self.findings.append((code, severity, params))
        return self


def fold(raw: str) -> str:
    """Full-width → half-width (digits, letters, ％，．－), trimmed."""
    return unicodedata.normalize("NFKC", raw).strip()


def is_blank(raw: Any) -> bool:
    if raw is None:
        return True
    if isinstance(raw, str):
        return raw.strip() == ""
    if isinstance(raw, list):
        return all(is_blank(x) for x in raw)
    return False


def char_count(text: str) -> int:
    """Characters as the notices count 字: every character except line breaks."""
    return sum(1 for ch in text if ch not in "\r\n")


# --- what may be entered at all --------------------------------------------------------
# One rule for every view (window, CLI, DATA.json) and therefore for every export format:
# invisible control characters, which Word's XML and Excel cannot hold, are taken out where
# they are typed (line-like ones become a line break) and the field says so; text that cannot
# even be saved (a lone surrogate half from a broken encoding), absurdly long text and values
# of the wrong shape (a nested list, true/false, an object) are refused at the field.

INPUT_MAX_CHARS = 100_000  # 20 times the longest limit on these forms (5,000 字)
INPUT_MAX_ITEMS = 200
_LINE_LIKE = re.compile("[\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029]")
_CONTROL = re.compile("[\x00-\x08\x0e-\x1f\x7f-\x84\x86-\x9f\ufffe\uffff]")
_SURROGATE = re.compile("[\ud800-\udfff]")


@dataclass
class Admitted:
    """What is kept of a raw input: ``value`` (normalised) with findings, or ``refused``."""

    value: Any = None
    findings: list[Finding] = field(default_factory=list)
    refused: bool = False

    def refuse(self, code: str, /, **params: Any) -> Admitted:
        self.findings.append((code, E, params))
        self.refused = True
        self.value = None
        return self


def clean_text(text: str, multiline: bool = True) -> tuple[str, int]:
    """``text`` without control characters, and how many were changed (CRLF is not a change);
    a line-like one (page break, vertical tab) becomes a line break, or a space on one line.
    Lone surrogates are left for the caller to refuse."""
    text = text.replace("\r\n", "\n")
    changed = len(_LINE_LIKE.findall(text)) + len(_CONTROL.findall(text))
    if changed:
        text = _CONTROL.sub("", _LINE_LIKE.sub("\n" if multiline else " ", text))
    return text, changed


def _admit_text(text: str, a: Admitted, multiline: bool) -> str | None:
    m = _SURROGATE.search(text)
    if m:
        a.refuse("INPUT_BAD_CHARS", where=f"U+{ord(m.group()):04X}")
        return None
    if len(text) > INPUT_MAX_CHARS:
        a.refuse("INPUT_TOO_LONG", count=len(text), max=INPUT_MAX_CHARS)
        return None
    cleaned, n = clean_text(text, multiline)
    if n:
        a.findings.append(("INPUT_CONTROL_CHARS", H, {"count": n}))
    return cleaned


def admit(raw: Any, f: FieldDef) -> Admitted:
    """Whether ``raw`` may be stored for ``f``, and as what (see the rule above)."""
    a = Admitted()
    if raw is None:
        return a
    if isinstance(raw, str):
        a.value = _admit_text(raw, a, f.type == "longtext")
        return a
    if isinstance(raw, bool):
        return a.refuse("INPUT_WRONG_SHAPE", expected="文字或数字（是/否请写成文字）")
    if isinstance(raw, int):
        return (
            a.refuse("NUMBER_TOO_LARGE", digits=MAX_INTEGER_DIGITS)
            if (len(str(abs(raw))) > 2 * MAX_INTEGER_DIGITS)
            else Admitted(raw)
        )
    if isinstance(raw, Decimal | float):
        if not Decimal(raw).is_finite():
            return a.refuse("INPUT_WRONG_SHAPE", expected="有限的数字")
        return Admitted(raw)
    if isinstance(raw, list) and f.type in CHOICE_TYPES:
        if len(raw) > INPUT_MAX_ITEMS:
            return a.refuse("INPUT_WRONG_SHAPE", expected=f"不超过{INPUT_MAX_ITEMS}项的选项列表")
        items: list[Any] = []
        for item in raw:
            if isinstance(item, str):
                items.append(_admit_text(item, a, False))
                if a.refused:
                    return a
            elif isinstance(item, int) and not isinstance(item, bool):
                items.append(item)
            else:
                return a.refuse("INPUT_WRONG_SHAPE", expected="选项文字的列表")
        a.value = items
        return a
    expected = "选项文字或选项文字的列表" if f.type in CHOICE_TYPES else "文字或数字"
    return a.refuse("INPUT_WRONG_SHAPE", expected=expected)


# --- text -----------------------------------------------------------------------------


PRINT_MAX_CHARS = 20_000  # exports print at most this much of one value (Excel holds 32,767)


def parse_text(raw: Any, f: FieldDef) -> Parsed:
    text = raw if isinstance(raw, str) else str(raw)
    p = Parsed(text.strip() if "\n" not in text else text.rstrip())
    n = char_count(p.value)
    if len(p.value) > PRINT_MAX_CHARS:  # said before any export lays it out
        p.add("TEXT_TOO_LONG_TO_PRINT", E, count=n, max=PRINT_MAX_CHARS)
    if f.max_chars is not None and n > f.max_chars:
        p.add("TEXT_TOO_LONG", E, count=n, max=f.max_chars, over=n - f.max_chars)
    if f.min_chars is not None and n < f.min_chars:
        p.add("TEXT_TOO_SHORT", W, count=n, min=f.min_chars)
    return p


# --- numbers --------------------------------------------------------------------------

_NUMBER = re.compile(r"^[+-]?(\d+(\.\d*)?|\.\d+)$")
_SCIENTIFIC = re.compile(r"^[+-]?(\d+(\.\d*)?|\.\d+)[eE][+-]?\d{1,6}$")
_GROUPED = re.compile(r"^[+-]?\d{1,3}(,\d{3})+(\.\d+)?$")
_UNIT_WORDS = ("万元", "万美元", "美元", "亿元", "亿", "元", "人", "个", "项", "年", "家", "次")


def _split_number(text: str) -> tuple[str, str]:
    """Number part and trailing words ("30个" → "30", "个")."""
    m = re.match(r"^([+-]?[\d.,]+)\s*(.*)$", text)
    return (m.group(1), m.group(2).strip()) if m else ("", text)


def _decimal(raw: Any, f: FieldDef, p: Parsed, example: str) -> Decimal | None:
    """The number typed, or None with the reason added; bounded (core/numbers.py) so that no
    figure derived from it can overflow the arithmetic of the rules and the panel."""
    v = _unbounded_decimal(raw, f, p, example)
    if v is None:
        return None
    problem = out_of_bounds(v)
    if problem == "NOT_A_NUMBER":
        p.add(problem, E, raw=str(raw).strip(), example=example)
        return None
    if problem:
        p.add(problem, E, digits=MAX_INTEGER_DIGITS, places=MAX_DECIMAL_PLACES)
        return None
    return v


def _unbounded_decimal(raw: Any, f: FieldDef, p: Parsed, example: str) -> Decimal | None:
    if isinstance(raw, bool):
        p.add("NOT_A_NUMBER", E, raw=str(raw), example=example)
        return None
    if isinstance(raw, int | Decimal):
        return Decimal(raw)
    if isinstance(raw, float):
        return Decimal(str(raw))
    text = fold(str(raw)).replace(" ", "")
    if f.type == "percent" and text.endswith("%"):
        text = text[:-1]
        p.add("PERCENT_SIGN_NOT_NEEDED", H, value=text)
    if _SCIENTIFIC.match(text):  # 1e-7 or 1.5E3, as a JSON file may write a number
        return Decimal(text)
    number, rest = _split_number(text)
    if rest:
        if rest == f.unit and number:
            p.add("UNIT_NOT_NEEDED", H, unit=f.unit, value=number)
        elif rest in _UNIT_WORDS and f.unit and number:
            p.add("WRONG_UNIT", E, unit=f.unit)
            return None
        elif number:
            p.add("NUMBER_WITH_WORDS", E, unit=f.unit or "")
            return None
        else:
            p.add("NOT_A_NUMBER", E, raw=str(raw).strip(), example=example)
            return None
    if _GROUPED.match(number):
        number = number.replace(",", "")
    if not _NUMBER.match(number):
        p.add("NOT_A_NUMBER", E, raw=str(raw).strip(), example=example)
        return None
    try:
        return Decimal(number)
    except InvalidOperation:
        p.add("NOT_A_NUMBER", E, raw=str(raw).strip(), example=example)
        return None


def _bounds(v: Decimal, f: FieldDef, p: Parsed, default_min: Decimal | None) -> None:
    lo = f.min if f.min is not None else default_min
    if lo is not None and v < lo:
        p.add("BELOW_MIN", E, min=lo)
    if f.max is not None and v > f.max:
        p.add(
            "SHARE_ABOVE_100" if f.max == 100 and f.type == "percent" else "ABOVE_MAX", E, max=f.max
        )


def _places(v: Decimal) -> int:
    exp = v.as_tuple().exponent
    return -exp if isinstance(exp, int) and exp < 0 else 0


def parse_integer(raw: Any, f: FieldDef) -> Parsed:
    p = Parsed()
    v = _decimal(raw, f, p, "3")
    if v is None:
        return p
    if v != v.to_integral_value():
        return p.add("NOT_INTEGER", E, example=str(int(v)))
    p.value = int(v)
    _bounds(v, f, p, Decimal(0))
    return p


def parse_amount(raw: Any, f: FieldDef) -> Parsed:
    p = Parsed()
    v = _decimal(raw, f, p, "1234.56")
    if v is None:
        return p
    p.value = v
    _bounds(v, f, p, None)
    places = _places(v)
    limit = f.decimals if f.decimals is not None else 4
    if places > limit:
        p.add("TOO_MANY_DECIMALS", H, max=limit, count=places)
    return p


def parse_percent(raw: Any, f: FieldDef) -> Parsed:
    p = Parsed()
    v = _decimal(raw, f, p, "30")
    if v is None:
        return p
    p.value = v
    _bounds(v, f, p, None)
    places = _places(v)
    limit = f.decimals if f.decimals is not None else 2
    if places > limit:
        p.add("TOO_MANY_DECIMALS", H, max=limit, count=places)
    return p


def parse_year(raw: Any, f: FieldDef) -> Parsed:
    text = fold(str(raw)).removesuffix("年")
    if not re.fullmatch(r"\d{4}", text) or not 1900 <= int(text) <= 2100:
        return Parsed().add("BAD_YEAR", E, raw=str(raw).strip())
    return Parsed(int(text))


_DATE_PATTERNS = (
    re.compile(r"^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})$"),
    re.compile(r"^(\d{4})年(\d{1,2})月(\d{1,2})日?$"),
    re.compile(r"^(\d{4})(\d{2})(\d{2})$"),
)


def parse_date(raw: Any, f: FieldDef) -> Parsed:
    if isinstance(raw, dt.date):
        return Parsed(raw)
    text = fold(str(raw)).replace(" ", "")
    for pat in _DATE_PATTERNS:
        m = pat.match(text)
        if m:
            try:
                return Parsed(dt.date(int(m[1]), int(m[2]), int(m[3])))
            except ValueError:
                break
    return Parsed().add("BAD_DATE", E, raw=str(raw).strip())


# --- choices --------------------------------------------------------------------------


def _match_option(text: str, f: FieldDef) -> str | None:
    t = fold(text).replace(" ", "")
    for o in f.options:
        if t in (fold(o.value).replace(" ", ""), fold(o.label).replace(" ", "")):
            return o.value
    return None


def _options_text(f: FieldDef) -> str:
    return "、".join(f"“{o.value}”" for o in f.options)


def parse_choice(raw: Any, f: FieldDef) -> Parsed:
    if isinstance(raw, list):
        items = [x for x in raw if not is_blank(x)]
        if len(items) > 1:
            return Parsed().add("CHOICE_SINGLE", E)
        raw = items[0]
    v = _match_option(str(raw), f)
    if v is None:
        none = [o.value for o in f.options if o.value.startswith("无") or o.value == "否"]
        if fold(str(raw)) == "0" and none:  # "没有填0" applied to a phrase row (目标表)
            return Parsed().add("CHOICE_ZERO_USE_NONE", E, option=none[0])
        return Parsed().add("CHOICE_INVALID", E, raw=str(raw).strip(), options=_options_text(f))
    return Parsed(v)


_SEPARATORS = re.compile(r"[、,，;；\n]+")  # not "/": options such as "经营管理ERP/OA" contain it


def parse_multichoice(raw: Any, f: FieldDef) -> Parsed:
    items = raw if isinstance(raw, list) else _SEPARATORS.split(str(raw))
    p = Parsed()
    values: list[str] = []
    for item in items:
        if is_blank(item):
            continue
        v = _match_option(str(item), f)
        if v is None:
            p.add("CHOICE_INVALID", E, raw=str(item).strip(), options=_options_text(f))
        elif v not in values:
            values.append(v)
    # keep the official order, so the print and the data agree whatever the typing order
    order = f.option_values()
    values.sort(key=order.index)
    exclusive = [o.value for o in f.options if o.exclusive and o.value in values]
    if len(values) > 1 and exclusive:
        p.add("CHOICE_EXCLUSIVE", E, option=exclusive[0])
    if f.max_choices is not None and len(values) > f.max_choices:
        p.add("CHOICE_TOO_MANY", E, max=f.max_choices, count=len(values))
    p.value = values or None
    return p


def parse_province(raw: Any, f: FieldDef) -> Parsed:
    from zjtx_desktop.core.refdata.industry import provinces

    text = fold(str(raw))
    names = provinces()
    if text in names:
        return Parsed(text)
    for n in names:  # "吉林" → "吉林省"
        if n.startswith(text) and len(text) >= 2:
            return Parsed(n)
    return Parsed().add("CHOICE_INVALID", E, raw=text, options="省、自治区、直辖市名称")


# --- classification codes -------------------------------------------------------------


def _parse_industry(raw: Any, f: FieldDef, digits: int, level: str, example: str) -> Parsed:
    from zjtx_desktop.core.refdata.industry import industries

    table = industries()
    text = fold(str(raw))
    m = re.match(r"^[A-Za-z]?\s*(\d+)\s*(.*)$", text)
    params = {"raw": text, "level": level, "digits": digits, "example": example}
    if m:
        code, name = m.group(1), m.group(2).strip()
        ind = table.get(code)
        if len(code) != digits or ind is None or ind.level != level:
            return Parsed().add("INDUSTRY_UNKNOWN", E, **params)
        if name and name != ind.name:
            return Parsed(ind.code).add(
                "INDUSTRY_NAME_MISMATCH", E, code=code, expected=ind.name, name=name
            )
        return Parsed(ind.code)
    rows = table.named(level, text)
    if len(rows) == 1:
        return Parsed(rows[0].code)
    if len(rows) > 1:
        return Parsed().add(
            "INDUSTRY_NAME_AMBIGUOUS", E, name=text, codes="、".join(r.code for r in rows)
        )
    return Parsed().add("INDUSTRY_UNKNOWN", E, **params)


def parse_industry2(raw: Any, f: FieldDef) -> Parsed:
    return _parse_industry(raw, f, 2, "大类", "35 专用设备制造业")


def parse_industry4(raw: Any, f: FieldDef) -> Parsed:
    return _parse_industry(raw, f, 4, "小类", "3421 金属切削机床制造")


def parse_product_code(raw: Any, f: FieldDef) -> Parsed:
    """《统计用产品分类目录》: no catalogue offline, so check the shape (8 or 10 digits + name)."""
    text = fold(str(raw))
    m = re.match(r"^(\d+)\s*(.*)$", text)
    if not m:
        return Parsed(text).add("PRODUCT_CODE_MISSING", H)
    code, name = m.group(1), m.group(2).strip()
    if len(code) not in (8, 10):
        return Parsed().add("PRODUCT_CODE_FORMAT", E, digits=len(code))
    if not name:
        return Parsed(code).add("PRODUCT_CODE_NO_NAME", E)
    return Parsed(f"{code} {name}")


# --- identifiers and contacts ---------------------------------------------------------


def parse_uscc(raw: Any, f: FieldDef) -> Parsed:
    from stdnum.cn import uscc
    from stdnum.exceptions import InvalidChecksum, InvalidLength, ValidationError

    text = fold(str(raw)).upper().replace(" ", "").replace("-", "")
    try:
        return Parsed(uscc.validate(text))
    except InvalidLength:
        return Parsed().add("USCC_LENGTH", E, count=len(text))
    except InvalidChecksum:
        return Parsed().add("USCC_CHECKSUM", E)
    except ValidationError:
        return Parsed().add("USCC_FORMAT", E)


def _digits_only(text: str) -> str:
    return re.sub(r"[\s\-()（）]", "", text)


def parse_mobile(raw: Any, f: FieldDef) -> Parsed:
    text = _digits_only(fold(str(raw)))
    text = re.sub(r"^(\+?86)(?=1\d{10}$)", "", text)
    if re.fullmatch(r"1[3-9]\d{9}", text):
        return Parsed(text)
    return Parsed().add("MOBILE_FORMAT", E, raw=str(raw).strip())


def parse_phone(raw: Any, f: FieldDef) -> Parsed:
    """Landline with area code (extension allowed), a mobile, or a 400/800 number."""
    text = fold(str(raw))
    main = re.split(r"(?:转|ext\.?|x)\s*\d+$", text, flags=re.IGNORECASE)[0]
    digits = _digits_only(main)
    digits = re.sub(r"^\+?86", "", digits) if len(digits) > 11 else digits
    if (
        re.fullmatch(r"0\d{9,11}", digits)
        or re.fullmatch(r"1[3-9]\d{9}", digits)
        or re.fullmatch(r"[48]00\d{7}", digits)
        or re.fullmatch(r"[2-9]\d{6,7}", digits)  # local number without area code
    ):
        return Parsed(text)
    return Parsed().add("PHONE_FORMAT", E, raw=str(raw).strip())


def parse_postcode(raw: Any, f: FieldDef) -> Parsed:
    text = fold(str(raw)).replace(" ", "")
    if re.fullmatch(r"\d{6}", text):
        return Parsed(text)
    return Parsed().add("POSTCODE_FORMAT", E, raw=str(raw).strip())


_EMAIL = re.compile(r"^[A-Za-z0-9._%+\-]+@[A-Za-z0-9\-]+(\.[A-Za-z0-9\-]+)*\.[A-Za-z]{2,}$")


def parse_email(raw: Any, f: FieldDef) -> Parsed:
    text = fold(str(raw)).replace("＠", "@")
    if _EMAIL.match(text):
        return Parsed(text)
    return Parsed().add("EMAIL_FORMAT", E, raw=str(raw).strip())


Parser = Callable[[Any, FieldDef], Parsed]

FIELD_TYPES: dict[str, Parser] = {
    "text": parse_text,
    "longtext": parse_text,
    "integer": parse_integer,
    "amount": parse_amount,
    "percent": parse_percent,
    "year": parse_year,
    "date": parse_date,
    "choice": parse_choice,
    "multichoice": parse_multichoice,
    "province": parse_province,
    "industry2": parse_industry2,
    "industry4": parse_industry4,
    "product_code": parse_product_code,
    "uscc": parse_uscc,
    "phone": parse_phone,
    "mobile": parse_mobile,
    "postcode": parse_postcode,
    "email": parse_email,
}

CHOICE_TYPES = frozenset({"choice", "multichoice"})
NUMERIC_TYPES = frozenset({"integer", "amount", "percent"})


def parse(raw: Any, f: FieldDef) -> Parsed:
    """Parse what was typed for field ``f``; blank is ``None`` with no findings."""
    a = admit(raw, f)  # a value stored before the rule existed is held to it here too
    if a.refused:
        return Parsed(None, a.findings)
    if is_blank(a.value):
        return Parsed(None)
    return FIELD_TYPES[f.type](a.value, f)
