"""What a user types becomes a value, or a clear finding; the raw text is never altered."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from zjtx_desktop.core.fieldtypes import admit, char_count, clean_text, parse
from zjtx_desktop.core.forms.model import FieldDef, Option
from zjtx_desktop.core.issues import Severity


def fd(type_: str, **kw) -> FieldDef:
    opts = tuple(Option(o, o) for o in kw.pop("options", ()))
    return FieldDef(id="x", label="测试项", section="s", type=type_, row="x", options=opts, **kw)


def codes(raw, f):
    return [c for c, _, _ in parse(raw, f).findings]


@pytest.mark.parametrize(
    ("raw", "value", "found"),
    [
        ("30", Decimal(30), []),
        ("30%", Decimal(30), ["PERCENT_SIGN_NOT_NEEDED"]),
        ("３０．５％", Decimal("30.5"), ["PERCENT_SIGN_NOT_NEEDED"]),  # typed via a Chinese IME
        ("百分之三十", None, ["NOT_A_NUMBER"]),
        ("70", Decimal(70), []),
        ("100", Decimal(100), []),
        ("100.01", Decimal("100.01"), ["SHARE_ABOVE_100"]),
        ("-1", Decimal(-1), ["BELOW_MIN"]),
    ],
)
def test_percent_share(raw, value, found):
    f = fd("percent", unit="%", min=Decimal(0), max=Decimal(100))
    p = parse(raw, f)
    assert p.value == value
    assert [c for c, _, _ in p.findings] == found


def test_growth_rate_may_be_negative_or_above_100():
    f = fd("percent", unit="%")
    assert parse("-12.5", f).findings == []
    assert parse("150", f).findings == []


@pytest.mark.parametrize(
    ("raw", "value", "found"),
    [
        ("1234.56", Decimal("1234.56"), []),
        ("1,234.5", Decimal("1234.5"), []),
        ("１２３４", Decimal(1234), []),
        ("1234万元", Decimal(1234), ["UNIT_NOT_NEEDED"]),
        ("1234元", None, ["WRONG_UNIT"]),
        ("1.2亿", None, ["WRONG_UNIT"]),
        ("约1234", None, ["NOT_A_NUMBER"]),
        ("1234左右", None, ["NUMBER_WITH_WORDS"]),
        ("1.123456", Decimal("1.123456"), ["TOO_MANY_DECIMALS"]),
    ],
)
def test_amount(raw, value, found):
    p = parse(raw, fd("amount", unit="万元"))
    assert p.value == value
    assert [c for c, _, _ in p.findings] == found


def test_amounts_are_decimal_never_float():
    assert isinstance(parse(0.1, fd("amount", unit="万元")).value, Decimal)
    assert parse(0.1, fd("amount", unit="万元")).value == Decimal("0.1")


@pytest.mark.parametrize(
    ("raw", "value", "found"),
    [
        ("12", 12, []),
        ("12人", 12, ["UNIT_NOT_NEEDED"]),
        ("1.5", None, ["NOT_INTEGER"]),
        ("三个", None, ["NOT_A_NUMBER"]),
        ("12个", None, ["WRONG_UNIT"]),
    ],
)
def test_integer_counts(raw, value, found):
    p = parse(raw, fd("integer", unit="人"))
    assert p.value == value
    assert [c for c, _, _ in p.findings] == found


@pytest.mark.parametrize(
    "raw",
    ["2012-05-18", "2012/5/18", "2012.05.18", "2012年5月18日", "20120518", "２０１２－０５－１８"],
)
def test_date_formats(raw):
    assert parse(raw, fd("date")).value == dt.date(2012, 5, 18)


@pytest.mark.parametrize("raw", ["2012-02-30", "去年", "2012年5月"])
def test_bad_dates(raw):
    assert codes(raw, fd("date")) == ["BAD_DATE"]


def test_text_limit_counts_every_character_and_allows_exactly_the_limit():
    f = fd("longtext", max_chars=300)
    assert codes("字" * 300, f) == []
    assert codes("字" * 301, f) == ["TEXT_TOO_LONG"]
    assert codes("a1，" * 100, f) == []  # letters, digits, punctuation: one each
    assert char_count("第一行\n第二行") == 6


def test_uscc_valid_lower_case_is_normalised():
    p = parse("91220101ma0y7k2q8r", fd("uscc"))
    assert p.value == "91220101MA0Y7K2Q8R"
    assert p.findings == []


@pytest.mark.parametrize(
    ("raw", "code"),
    [
        ("91220101MA0Y7K2Q8A", "USCC_CHECKSUM"),
        ("91220101ma0y7k2q8a", "USCC_CHECKSUM"),  # lower case is checked just the same
        ("91220101MA0Y7K2Q8r", None),  # only the check digit in lower case: still valid
        ("91220101MA0Y7K2Q8", "USCC_LENGTH"),
        ("91220101MA0Y7K2QIR", "USCC_FORMAT"),
    ],
)
def test_uscc_errors(raw, code):
    assert codes(raw, fd("uscc")) == ([code] if code else [])


@pytest.mark.parametrize(
    ("raw", "ok"),
    [
        ("0431-85551234", True),
        ("(0431)85551234", True),
        ("0431-85551234转801", True),
        ("13904315678", True),
        ("400-800-1234", True),
        ("12345", False),
        ("电话", False),
    ],
)
def test_phone(raw, ok):
    assert (codes(raw, fd("phone")) == []) is ok


@pytest.mark.parametrize(
    ("raw", "ok"),
    [
        ("13904315678", True),
        ("+86 139-0431-5678", True),
        ("1390431567", False),
        ("23904315678", False),
    ],
)
def test_mobile(raw, ok):
    assert (codes(raw, fd("mobile")) == []) is ok


def test_postcode_and_email():
    assert codes("130012", fd("postcode")) == []
    assert codes("13001", fd("postcode")) == ["POSTCODE_FORMAT"]
    assert codes("office@hengrui-jc.example.cn", fd("email")) == []
    assert codes("office＠example.cn", fd("email")) == []  # full-width @ from an IME
    assert codes("office.example.cn", fd("email")) == ["EMAIL_FORMAT"]


@pytest.mark.parametrize(
    "raw", ["35", "35 专用设备制造业", "专用设备制造业", "C35", "３５　专用设备制造业"]
)
def test_industry_division_accepts_code_name_or_both(raw):
    p = parse(raw, fd("industry2"))
    assert (p.value, p.findings) == ("35", [])


@pytest.mark.parametrize(
    ("raw", "code"),
    [
        ("3421", "INDUSTRY_UNKNOWN"),
        ("99", "INDUSTRY_UNKNOWN"),
        ("35 通用设备制造业", "INDUSTRY_NAME_MISMATCH"),
        ("机床", "INDUSTRY_UNKNOWN"),
    ],
)
def test_industry_division_errors(raw, code):
    assert codes(raw, fd("industry2")) == [code]


def test_industry_subclass():
    assert parse("3421 金属切削机床制造", fd("industry4")).value == "3421"
    assert codes("342", fd("industry4")) == ["INDUSTRY_UNKNOWN"]


@pytest.mark.parametrize(
    ("raw", "found"),
    [
        ("3507060000 冲孔机床", []),
        ("35070600 冲孔机床", []),
        ("3507060 冲孔机床", ["PRODUCT_CODE_FORMAT"]),
        ("3507060000", ["PRODUCT_CODE_NO_NAME"]),
        ("新型冲孔机床（新产品，按行业惯例分类）", ["PRODUCT_CODE_MISSING"]),
    ],
)
def test_product_category(raw, found):
    assert codes(raw, fd("product_code")) == found


def test_choices_match_value_or_label_and_keep_official_order():
    f = fd("multichoice", options=("研发设计", "生产制造", "经营管理"))
    p = parse("经营管理、研发设计", f)
    assert p.value == ["研发设计", "经营管理"]
    assert codes("研发设计、财务", f) == ["CHOICE_INVALID"]
    assert codes("否", fd("choice", options=("是", "否"))) == []
    assert codes("可能", fd("choice", options=("是", "否"))) == ["CHOICE_INVALID"]


def test_province_short_name():
    assert parse("吉林", fd("province")).value == "吉林省"


@given(st.text())
def test_no_parser_crashes_on_any_text(text):
    for t in (
        "text",
        "integer",
        "amount",
        "percent",
        "year",
        "date",
        "industry2",
        "industry4",
        "product_code",
        "uscc",
        "phone",
        "mobile",
        "postcode",
        "email",
        "province",
    ):
        parse(text, fd(t, unit="万元"))


@given(
    st.decimals(
        allow_nan=False, allow_infinity=False, places=2, min_value=-(10**9), max_value=10**9
    )
)
def test_amounts_round_trip_exactly(d):
    p = parse(str(d), fd("amount", unit="万元"))
    assert p.value == d


@given(st.integers(min_value=0, max_value=10**6))
def test_full_width_digits_parse_like_ascii(n):
    full = str(n).translate({ord(c): ord(c) + 0xFEE0 for c in "0123456789"})
    assert parse(full, fd("integer")).value == n


def test_zero_typed_into_a_phrase_row_points_to_the_none_option():
    f = fd("choice", options=("国家级", "省部级", "其他", "无研发机构"))
    assert codes("0", f) == ["CHOICE_ZERO_USE_NONE"]


def test_exclusive_option_cannot_be_combined():
    f = FieldDef(
        id="x",
        label="填补空白",
        section="s",
        type="multichoice",
        row="x",
        options=(
            Option("否", "否", True),
            Option("填补国内空白", "填补国内空白"),
            Option("填补国际空白", "填补国际空白"),
        ),
    )
    assert codes(["否", "填补国内空白"], f) == ["CHOICE_EXCLUSIVE"]
    assert codes(["填补国内空白", "填补国际空白"], f) == []


def test_multichoice_typed_as_text_keeps_options_containing_a_slash():
    f = fd("multichoice", options=("研发设计CAX", "经营管理ERP/OA", "运维服务CRM"))
    p = parse("经营管理ERP/OA、研发设计CAX", f)
    assert p.value == ["研发设计CAX", "经营管理ERP/OA"]
    assert p.findings == []


# --- years and multiple choices in full (mutation testing of fieldtypes found them thin) ----


@pytest.mark.parametrize(
    ("raw", "value"),
    [("2015", 2015), ("２０１５年", 2015), (" 2015年 ", 2015), ("1900", 1900), ("2100", 2100)],
)
def test_a_year_is_four_digits_from_1900_to_2100(raw, value):
    p = parse(raw, fd("year"))
    assert (p.value, p.findings) == (value, [])


@pytest.mark.parametrize("raw", ["1899", "2101", "15", "20155", "二〇一五", " 20x5 "])
def test_anything_else_is_not_a_year_and_the_message_quotes_it_trimmed(raw):
    p = parse(raw, fd("year"))
    assert p.value is None
    assert p.findings == [("BAD_YEAR", Severity.ERROR, {"raw": raw.strip()})]


MODES = ("研发设计", "生产制造", "经营管理")
OPTIONS_TEXT = "“研发设计”、“生产制造”、“经营管理”"


def test_multichoice_separators_duplicates_and_blank_items():
    f = fd("multichoice", options=MODES)
    p = parse("经营管理, 研发设计；生产制造，研发设计、、\n", f)
    assert (p.value, p.findings) == (["研发设计", "生产制造", "经营管理"], [])
    assert parse("", f).value is None and parse([], f).value is None
    assert parse(["", "  "], f).findings == []


def test_multichoice_matches_the_label_or_value_with_spaces_and_full_width_folded():
    f = FieldDef(
        id="x", label="测试项", section="s", type="multichoice", row="x",
        options=(Option("A", "研发设计"), Option("B", "ERP系统")),
    )  # fmt: skip
    assert parse("研发 设计、ＥＲＰ系统", f).value == ["A", "B"]
    assert parse(["B", "A"], f).value == ["A", "B"]


def test_an_unknown_item_is_named_with_the_options_and_the_known_ones_are_kept():
    p = parse(" 财务 、研发设计", fd("multichoice", options=MODES))
    assert p.value == ["研发设计"]
    assert p.findings == [
        ("CHOICE_INVALID", Severity.ERROR, {"raw": "财务", "options": OPTIONS_TEXT})
    ]


def test_too_many_choices_say_the_limit_and_the_count():
    f = fd("multichoice", options=MODES, max_choices=2)
    assert parse("研发设计、生产制造", f).findings == []
    p = parse("研发设计、生产制造、经营管理", f)
    assert p.findings == [("CHOICE_TOO_MANY", Severity.ERROR, {"max": 2, "count": 3})]


def test_an_exclusive_option_alone_is_fine_and_with_others_names_itself():
    f = FieldDef(
        id="x", label="填补空白", section="s", type="multichoice", row="x",
        options=(Option("否", "否", True), Option("国内", "填补国内空白")),
    )  # fmt: skip
    assert parse("否", f).findings == []
    assert parse("国内、否", f).findings == [("CHOICE_EXCLUSIVE", Severity.ERROR, {"option": "否"})]


def test_a_credit_code_typed_with_spaces_and_hyphens_is_the_code():
    p = parse("9122 0101-MA0Y 7K2Q8R", fd("uscc"))
    assert (p.value, p.findings) == ("91220101MA0Y7K2Q8R", [])


def test_a_short_credit_code_says_how_many_characters_it_has_without_separators():
    # “9122 0101-MA0Y”: 12 characters once the space and the hyphen are left out
    assert parse("9122 0101-MA0Y", fd("uscc")).findings == [
        ("USCC_LENGTH", Severity.ERROR, {"count": 12})
    ]


def test_options_written_with_spaces_match_without_them():
    f = FieldDef(
        id="x", label="测试项", section="s", type="multichoice", row="x",
        options=(Option("ERP 系统", "企业资源计划"), Option("B", "研发 设计")),
    )  # fmt: skip
    assert parse("ERP系统、研发设计", f).value == ["ERP 系统", "B"]


def test_a_blank_item_in_a_list_skips_only_itself():
    f = fd("multichoice", options=MODES)
    assert parse(["研发设计", "", " ", "经营管理"], f).value == ["研发设计", "经营管理"]


def test_a_percent_that_is_not_a_number_shows_an_example_of_one():
    p = parse("百分之三十", fd("percent", unit="%"))
    assert p.findings == [("NOT_A_NUMBER", Severity.ERROR, {"raw": "百分之三十", "example": "30"})]


@pytest.mark.parametrize(
    ("raw", "decimals", "findings"),
    [
        ("30.12", None, []),  # two places unless the form says otherwise
        ("30.123", None, [("TOO_MANY_DECIMALS", Severity.HINT, {"max": 2, "count": 3})]),
        ("30.1", 1, []),
        ("30.12", 1, [("TOO_MANY_DECIMALS", Severity.HINT, {"max": 1, "count": 2})]),
    ],
)
def test_a_percent_with_more_places_than_the_form_keeps_is_a_hint(raw, decimals, findings):
    p = parse(raw, fd("percent", unit="%", decimals=decimals))
    assert p.findings == findings


@pytest.mark.parametrize(
    ("raw", "code"),
    [("91220101MA0Y7K2Q8A", "USCC_CHECKSUM"), ("91220101MA0Y7K2QIR", "USCC_FORMAT")],
)
def test_a_wrong_credit_code_is_an_error_that_blocks_finalising(raw, code):
    assert parse(raw, fd("uscc")).findings == [(code, Severity.ERROR, {})]


def test_a_single_choice_given_as_a_list_takes_its_one_answer():
    f = fd("choice", options=("是", "否"))
    assert parse(["否"], f).value == "否"
    assert parse(["", " ", "是"], f).value == "是"  # blanks left out
    assert parse(["是", "否"], f).findings == [("CHOICE_SINGLE", Severity.ERROR, {})]


def test_an_amount_that_is_not_a_number_shows_an_example_of_one():
    p = parse("两万", fd("amount", unit="万元"))
    assert p.findings == [("NOT_A_NUMBER", Severity.ERROR, {"raw": "两万", "example": "1234.56"})]


@pytest.mark.parametrize(
    ("f", "raw", "findings"),
    [
        (fd("integer"), "0", []),  # a count is never negative, and 0 is allowed
        (fd("integer"), "-1", [("BELOW_MIN", Severity.ERROR, {"min": Decimal(0)})]),
        (fd("amount", min=Decimal(10)), "10", []),
        (fd("amount", min=Decimal(10)), "9.99", [("BELOW_MIN", Severity.ERROR, {"min": 10})]),
        (fd("amount"), "-5", []),  # 净利润 may be negative: no default minimum
        (fd("amount", max=Decimal(100)), "100", []),
        (fd("amount", max=Decimal(100)), "101", [("ABOVE_MAX", Severity.ERROR, {"max": 100})]),
        (fd("percent", max=Decimal(50)), "60", [("ABOVE_MAX", Severity.ERROR, {"max": 50})]),
        (
            fd("percent", max=Decimal(100)),
            "100.5",
            [("SHARE_ABOVE_100", Severity.ERROR, {"max": 100})],
        ),
    ],
)
def test_limits_name_the_bound_and_share_above_100_only_for_a_percent_share(f, raw, findings):
    assert parse(raw, f).findings == findings


@pytest.mark.parametrize(
    ("raw", "decimals", "findings"),
    [
        ("1.2345", None, []),  # 万元 to four places (a 元 figure) unless the form says otherwise
        ("1.23456", None, [("TOO_MANY_DECIMALS", Severity.HINT, {"max": 4, "count": 5})]),
        ("1.23", 2, []),
        ("1.234", 2, [("TOO_MANY_DECIMALS", Severity.HINT, {"max": 2, "count": 3})]),
    ],
)
def test_an_amount_with_more_places_than_the_form_keeps_is_a_hint(raw, decimals, findings):
    assert parse(raw, fd("amount", unit="万元", decimals=decimals)).findings == findings


# --- what may be stored at all (fieldtypes.admit; the hostile-input suite drives it too) ------

SHAPE = "INPUT_WRONG_SHAPE"


@pytest.mark.parametrize(
    ("raw", "type_", "value", "findings"),
    [
        (None, "text", None, []),
        (12, "integer", 12, []),
        (10**30 - 1, "integer", 10**30 - 1, []),  # 30 digits: kept, the parser bounds it
        (10**30, "integer", None, [("NUMBER_TOO_LARGE", {"digits": 15})]),  # 31 digits
        (-(10**30), "integer", None, [("NUMBER_TOO_LARGE", {"digits": 15})]),
        (1.5, "amount", 1.5, []),
        (Decimal("2.50"), "amount", Decimal("2.50"), []),
        (Decimal("NaN"), "amount", None, [(SHAPE, {"expected": "有限的数字"})]),
        (float("inf"), "amount", None, [(SHAPE, {"expected": "有限的数字"})]),
        (True, "choice", None, [(SHAPE, {"expected": "文字或数字（是/否请写成文字）"})]),
        (["研发设计", 3], "multichoice", ["研发设计", 3], []),
        (["a"] * 200, "multichoice", ["a"] * 200, []),
        (["a"] * 201, "multichoice", None, [(SHAPE, {"expected": "不超过200项的选项列表"})]),
        (["a", True], "multichoice", None, [(SHAPE, {"expected": "选项文字的列表"})]),
        (["a", {"b": 1}], "choice", None, [(SHAPE, {"expected": "选项文字的列表"})]),
        (["a"], "text", None, [(SHAPE, {"expected": "文字或数字"})]),
        ({"a": 1}, "choice", None, [(SHAPE, {"expected": "选项文字或选项文字的列表"})]),
        ({"a": 1}, "amount", None, [(SHAPE, {"expected": "文字或数字"})]),
    ],
)
def test_what_may_be_stored_and_what_is_refused_with_the_shape_expected(
    raw, type_, value, findings
):
    a = admit(raw, fd(type_, options=("研发设计", "a")))
    assert a.value == value
    assert a.refused is bool(findings)
    assert a.findings == [(code, Severity.ERROR, params) for code, params in findings]


def test_a_figure_beyond_the_bounds_says_the_bounds():
    """Under 10^15 (15 integer digits) and at most 10 decimal places (core/numbers.py)."""
    big = parse("1" + "0" * 15, fd("amount", unit="万元"))
    assert big.findings == [("NUMBER_TOO_LARGE", Severity.ERROR, {"digits": 15, "places": 10})]
    fine = parse("0.12345678901", fd("amount", unit="万元"))  # 11 places
    assert fine.findings == [("NUMBER_TOO_PRECISE", Severity.ERROR, {"digits": 15, "places": 10})]


# --- mutation testing, second pass (docs/mutation.md): dates, phones, product codes --------


def one_finding(raw, f):
    (finding,) = parse(raw, f).findings
    return finding


@pytest.mark.parametrize(
    "raw",
    ["2012 - 05 - 18", "2012 年 5 月 18 日", "2012年5月18", "2012 05 18", " 2012-5-18 "],
)
def test_a_date_typed_with_spaces_or_without_日_is_the_date(raw):
    # the IME or a careless hand puts spaces between the parts; 日 is often left out
    assert parse(raw, fd("date")).value == dt.date(2012, 5, 18)


@pytest.mark.parametrize(
    ("raw", "day"),
    [
        ("2015-03-12", dt.date(2015, 3, 12)),  # the examples the message gives
        ("2015年3月12日", dt.date(2015, 3, 12)),
        ("2015/12/3", dt.date(2015, 12, 3)),  # year, month, day in this order, never swapped
        ("20151203", dt.date(2015, 12, 3)),
        ("2016-02-29", dt.date(2016, 2, 29)),  # leap day
    ],
)
def test_a_date_is_read_year_month_day(raw, day):
    p = parse(raw, fd("date"))
    assert (p.value, p.findings) == (day, [])


@pytest.mark.parametrize(
    ("raw", "quoted"),
    [
        ("  去年 ", "去年"),
        ("2015-02-29", "2015-02-29"),  # not a leap year
        ("2015-13-01", "2015-13-01"),
        ("2015-3", "2015-3"),
        ("15-03-12", "15-03-12"),  # a two-digit year is not guessed
        ("2015031", "2015031"),
        ("2015年3月12号", "2015年3月12号"),
    ],
)
def test_a_wrong_date_is_an_error_that_quotes_it_trimmed(raw, quoted):
    p = parse(raw, fd("date"))
    assert p.value is None
    assert p.findings == [("BAD_DATE", Severity.ERROR, {"raw": quoted})]


@pytest.mark.parametrize(
    "raw",
    [
        "0431-85551234 ext 801",
        "0431-85551234 EXT.801",
        "0431-85551234 Ext. 801",
        "0431-85551234x801",
        "0431-85551234 X 801",
        "0431-85551234 转 801",
        "010-12345678",  # Beijing: 3-digit area code, 8-digit number
        "0431-8555123",  # 7-digit local number
        "+86 0431 85551234",
        "86-0431-85551234",
        "+86 139 0431 5678",
        "8613904315678",
        "86 400 800 1234",
        "800-820-8820",
        "85551234",  # a local number without the area code
        "8555123",
        "86123456",  # a local number that happens to begin with 86 is not a country code
        "（0431）85551234",  # full-width brackets from an IME
    ],
)
def test_phone_numbers_people_write_are_accepted(raw):
    assert codes(raw, fd("phone")) == []


@pytest.mark.parametrize(
    "raw",
    [
        "1234567",  # 7 digits starting with 1: neither a local number nor a mobile
        "555123",  # 6 digits: too short for a local number
        "855512345",  # 9 digits
        "12904315678",  # 11 digits but no mobile prefix 13–19
        "139043156789",  # a mobile with a digit too many
        "0431855",  # area code with too short a number
        "043185551234567",
        "400-800-123",
        "0431-85551234 分机801",
        "0431-85551234 y801",
        "phone",
        "+86 8555 1234",  # from abroad a local number needs its area code
    ],
)
def test_what_is_not_a_phone_number_says_so_and_quotes_it_trimmed(raw):
    assert one_finding(f" {raw} ", fd("phone")) == (
        "PHONE_FORMAT",
        Severity.ERROR,
        {"raw": raw},
    )


def test_a_phone_number_is_kept_as_written_with_full_width_folded():
    # the extension and the separators stay: the form prints the number as the user wrote it
    assert parse("０４３１－８５５５１２３４转８０１", fd("phone")).value == "0431-85551234转801"
    assert parse("+86 139 0431 5678", fd("phone")).value == "+86 139 0431 5678"


@pytest.mark.parametrize(
    ("raw", "value"),
    [
        ("3507060000 冲孔机床", "3507060000 冲孔机床"),
        ("3507060000冲孔机床", "3507060000 冲孔机床"),
        ("3507060000   冲孔机床  ", "3507060000 冲孔机床"),
        ("３５０７０６００００　冲孔机床", "3507060000 冲孔机床"),
        ("35070600 冲孔机床", "35070600 冲孔机床"),
    ],
)
def test_a_product_category_is_code_space_name(raw, value):
    p = parse(raw, fd("product_code"))
    assert (p.value, p.findings) == (value, [])


@pytest.mark.parametrize("digits", [1, 7, 9, 11, 12])
def test_a_product_code_of_other_than_8_or_10_digits_says_how_many(digits):
    p = parse("3" * digits + " 冲孔机床", fd("product_code"))
    assert p.value is None
    assert p.findings == [("PRODUCT_CODE_FORMAT", Severity.ERROR, {"digits": digits})]


def test_a_product_code_without_a_name_keeps_the_code_and_asks_for_the_name():
    p = parse(" 3507060000 ", fd("product_code"))
    assert p.value == "3507060000"
    assert p.findings == [("PRODUCT_CODE_NO_NAME", Severity.ERROR, {})]


def test_a_product_without_a_code_is_kept_as_written_with_a_hint():
    # 新产品 or 按行业惯例分类: the notice allows a name alone, the hint only reminds
    p = parse(" 新型冲孔机床（新产品）", fd("product_code"))
    assert p.value == "新型冲孔机床(新产品)"  # folded (NFKC) like every value; stored text as typed
    assert p.findings == [("PRODUCT_CODE_MISSING", Severity.HINT, {})]


# --- industry codes (GB/T 4754-2017) and text -----------------------------------------


@pytest.mark.parametrize("raw", ["c35", "C 35 专用设备制造业", "35专用设备制造业", " 35 "])
def test_a_division_with_its_section_letter_or_without_a_space_is_the_division(raw):
    p = parse(raw, fd("industry2"))
    assert (p.value, p.findings) == ("35", [])


def test_a_code_with_another_divisions_name_keeps_the_code_and_names_both():
    # GB/T 4754-2017: 34 通用设备制造业, 35 专用设备制造业
    p = parse("35 通用设备制造业", fd("industry2"))
    assert p.value == "35"
    assert p.findings == [
        (
            "INDUSTRY_NAME_MISMATCH",
            Severity.ERROR,
            {"code": "35", "expected": "专用设备制造业", "name": "通用设备制造业"},
        )
    ]


DIVISION = {"level": "大类", "digits": 2, "example": "35 专用设备制造业"}
SUBCLASS = {"level": "小类", "digits": 4, "example": "3421 金属切削机床制造"}


@pytest.mark.parametrize(
    ("type_", "raw", "params"),
    [
        ("industry2", " ９９ ", {"raw": "99", **DIVISION}),  # GB/T 4754 has no division 99
        ("industry2", "351", {"raw": "351", **DIVISION}),  # a group (中类), not a division
        ("industry2", "C", {"raw": "C", **DIVISION}),  # the section alone
        ("industry2", "机床", {"raw": "机床", **DIVISION}),
        ("industry4", "342", {"raw": "342", **SUBCLASS}),
        ("industry4", "35", {"raw": "35", **SUBCLASS}),
        ("industry4", "专用设备制造业", {"raw": "专用设备制造业", **SUBCLASS}),  # a division's name
    ],
)
def test_an_unknown_industry_says_which_level_and_gives_an_example(type_, raw, params):
    p = parse(raw, fd(type_))
    assert p.value is None
    assert p.findings == [("INDUSTRY_UNKNOWN", Severity.ERROR, params)]


@pytest.mark.parametrize("raw", ["3421", "金属切削机床制造", "C3421 金属切削机床制造", "３４２１"])
def test_a_subclass_by_code_name_or_both(raw):
    p = parse(raw, fd("industry4"))
    assert (p.value, p.findings) == ("3421", [])


def test_single_line_text_is_trimmed_and_a_paragraph_keeps_its_first_indent():
    assert parse("  恒瑞机床  ", fd("text")).value == "恒瑞机床"
    # a paragraph may begin with an indent (两个全角空格); only trailing blanks go
    assert parse("　　第一段\n第二段 \n", fd("longtext")).value == "　　第一段\n第二段"


def test_a_number_in_a_text_field_is_kept_as_its_digits():
    # DATA.json may hold a bare number for a text field (e.g. a registration number)
    assert parse(20150312, fd("text")).value == "20150312"


def test_too_long_text_says_the_count_the_limit_and_how_much_to_cut():
    p = parse("字" * 302, fd("longtext", max_chars=300))
    assert p.findings == [("TEXT_TOO_LONG", Severity.ERROR, {"count": 302, "max": 300, "over": 2})]


def test_line_breaks_do_not_count_towards_the_limit():
    assert codes("一二\n三四\n五六", fd("longtext", max_chars=6)) == []


def test_too_short_text_is_a_warning_with_the_count_and_the_minimum():
    f = fd("longtext", min_chars=10)
    assert codes("字" * 10, f) == []
    assert parse("字" * 9, f).findings == [
        ("TEXT_TOO_SHORT", Severity.WARNING, {"count": 9, "min": 10})
    ]


def test_text_beyond_what_an_export_prints_is_an_error_with_the_count():
    # PRINT_MAX_CHARS = 20,000 characters, line breaks included (as a spreadsheet cell counts)
    f = fd("longtext")
    assert codes("字" * 20_000, f) == []
    assert parse("字" * 20_001, f).findings == [
        ("TEXT_TOO_LONG_TO_PRINT", Severity.ERROR, {"count": 20_001, "max": 20_000})
    ]
    p = parse("字\n" * 10_001, f)  # 20,001 characters once the last break is trimmed
    assert p.findings == [
        ("TEXT_TOO_LONG_TO_PRINT", Severity.ERROR, {"count": 10_001, "max": 20_000})
    ]


# --- how a number is read (_unbounded_decimal) -----------------------------------------

AMOUNT = {"unit": "万元"}


@pytest.mark.parametrize(
    ("raw", "value"),
    [
        ("1 234.5", Decimal("1234.5")),  # a space between thousands
        ("１ ２３４．５", Decimal("1234.5")),
        ("12,345,678", Decimal(12345678)),
        ("1,234", Decimal(1234)),
        (".5", Decimal("0.5")),
        ("5.", Decimal(5)),
        ("+5", Decimal(5)),
        ("-0.5", Decimal("-0.5")),
        ("1.5E3", Decimal(1500)),  # as a JSON file may write a number
        ("1e3", Decimal(1000)),
        ("2.5e-2", Decimal("0.025")),
        (1234, Decimal(1234)),
        (Decimal("12.30"), Decimal("12.30")),
        (1234.5, Decimal("1234.5")),
        (0.1, Decimal("0.1")),  # the float's shortest spelling, not 0.1000000000000000055…
    ],
)
def test_an_amount_is_read_as_the_figure_written(raw, value):
    p = parse(raw, fd("amount", **AMOUNT))
    assert (p.value, p.findings) == (value, [])
    if isinstance(raw, Decimal):
        assert str(p.value) == "12.30"  # places kept as given


@pytest.mark.parametrize(
    "raw", ["1,23", "12,3456", "1.2.3", "--5", "e3", ".", "+", "1,234,5", "+-5"]
)
def test_what_only_looks_like_a_number_is_not_one(raw):
    p = parse(raw, fd("amount", **AMOUNT))
    assert p.value is None
    assert p.findings == [("NOT_A_NUMBER", Severity.ERROR, {"raw": raw, "example": "1234.56"})]


def test_the_unit_typed_after_a_figure_is_a_hint_that_says_what_was_recorded():
    p = parse("1234 万元", fd("amount", **AMOUNT))
    assert p.value == Decimal(1234)
    assert p.findings == [("UNIT_NOT_NEEDED", Severity.HINT, {"unit": "万元", "value": "1234"})]
    p = parse("12人", fd("integer", unit="人"))
    assert p.findings == [("UNIT_NOT_NEEDED", Severity.HINT, {"unit": "人", "value": "12"})]


def test_another_unit_is_an_error_that_names_the_forms_unit():
    for raw in ("1234元", "1.2亿", "30万美元"):
        p = parse(raw, fd("amount", **AMOUNT))
        assert p.value is None
        assert p.findings == [("WRONG_UNIT", Severity.ERROR, {"unit": "万元"})]


def test_words_after_a_figure_are_an_error_that_names_the_unit_or_none():
    p = parse("1234左右", fd("amount", **AMOUNT))
    assert p.findings == [("NUMBER_WITH_WORDS", Severity.ERROR, {"unit": "万元"})]
    # a field without a unit: a unit word is just words, and the message names no unit
    p = parse("12个", fd("integer"))
    assert (p.value, p.findings) == (None, [("NUMBER_WITH_WORDS", Severity.ERROR, {"unit": ""})])
    # digits then letters are a figure with words too
    for raw in ("5-", "1e", "0x10"):
        assert codes(raw, fd("amount", **AMOUNT)) == ["NUMBER_WITH_WORDS"]
    # a percent sign on an amount is not taken off
    p = parse("30%", fd("amount", **AMOUNT))
    assert (p.value, p.findings) == (
        None,
        [("NUMBER_WITH_WORDS", Severity.ERROR, {"unit": "万元"})],
    )


def test_a_unit_alone_is_not_a_number():
    p = parse(" 万元 ", fd("amount", **AMOUNT))
    assert p.findings == [("NOT_A_NUMBER", Severity.ERROR, {"raw": "万元", "example": "1234.56"})]


def test_a_percent_sign_is_a_hint_that_says_the_figure_recorded():
    p = parse(" ３０．５％ ", fd("percent", unit="%"))
    assert p.value == Decimal("30.5")
    assert p.findings == [("PERCENT_SIGN_NOT_NEEDED", Severity.HINT, {"value": "30.5"})]
    p = parse("30 %", fd("percent", unit="%"))
    assert (p.value, p.findings) == (
        Decimal(30),
        [("PERCENT_SIGN_NOT_NEEDED", Severity.HINT, {"value": "30"})],
    )


# --- contacts, provinces and counts ----------------------------------------------------


@pytest.mark.parametrize(
    "raw",
    [
        "139 0431 5678",
        "139-0431-5678",
        "(139)0431-5678",
        "+8613904315678",
        "8613904315678",
        "+86 139-0431-5678",
        "１３９０４３１５６７８",
        "19904315678",  # 19x is a mobile prefix too
    ],
)
def test_a_mobile_number_is_its_eleven_digits(raw):
    p = parse(raw, fd("mobile"))
    assert (p.value, p.findings) == ("19904315678" if "199" in raw else "13904315678", [])


@pytest.mark.parametrize(
    "raw",
    ["12904315678", "0431-85551234", "139043156789", "861390431567", "+87 13904315678", "手机"],
)
def test_what_is_not_a_mobile_number_is_an_error_quoting_it_trimmed(raw):
    p = parse(f" {raw} ", fd("mobile"))
    assert p.value is None
    assert p.findings == [("MOBILE_FORMAT", Severity.ERROR, {"raw": raw})]


def test_a_postcode_is_six_digits_with_spaces_and_full_width_folded():
    assert parse("130 012", fd("postcode")).value == "130012"
    assert parse("１３００１２", fd("postcode")).value == "130012"
    for raw in ("1300123", "13001a", "邮编"):
        p = parse(f" {raw} ", fd("postcode"))
        assert p.findings == [("POSTCODE_FORMAT", Severity.ERROR, {"raw": raw})]


@pytest.mark.parametrize(
    "raw", ["a@b.cn", "Office@Hengrui-JC.Example.CN", "li.ming_2015+zjtx@mail.example.com"]
)
def test_an_email_address_of_either_case_is_kept(raw):
    p = parse(raw, fd("email"))
    assert (p.value, p.findings) == (raw, [])


@pytest.mark.parametrize(
    "raw", ["a@b", "a@b.c", "a b@c.cn", "a@b_c.cn", "@example.cn", "a@.cn", "a@@b.cn", "a@b.c1"]
)
def test_what_is_not_an_email_address_is_an_error_quoting_it_trimmed(raw):
    p = parse(f" {raw} ", fd("email"))
    assert p.value is None
    assert p.findings == [("EMAIL_FORMAT", Severity.ERROR, {"raw": raw})]


@pytest.mark.parametrize(
    ("raw", "name"),
    [
        ("吉林省", "吉林省"),
        (" 吉林 ", "吉林省"),
        ("北京", "北京市"),
        ("内蒙古", "内蒙古自治区"),
        ("广西", "广西壮族自治区"),
    ],
)
def test_a_province_may_be_written_short(raw, name):
    p = parse(raw, fd("province"))
    assert (p.value, p.findings) == (name, [])


@pytest.mark.parametrize("raw", ["吉", "长春", "林省", "吉林省长春市"])
def test_anything_else_is_not_a_province_and_says_what_is_expected(raw):
    p = parse(raw, fd("province"))
    assert p.value is None
    assert p.findings == [
        ("CHOICE_INVALID", Severity.ERROR, {"raw": raw, "options": "省、自治区、直辖市名称"})
    ]


def test_a_count_is_a_whole_number_from_zero():
    f = fd("integer", unit="人")
    p = parse("12.0", f)
    assert (p.value, type(p.value), p.findings) == (12, int, [])
    assert parse("1.5", f).findings == [("NOT_INTEGER", Severity.ERROR, {"example": "1"})]
    assert parse("-1", f).findings == [("BELOW_MIN", Severity.ERROR, {"min": Decimal(0)})]
    assert parse("0", f).findings == []
    assert parse("三", f).findings == [
        ("NOT_A_NUMBER", Severity.ERROR, {"raw": "三", "example": "3"})
    ]


def test_choice_items_lose_control_characters_on_one_line_and_a_broken_one_is_refused():
    # a DATA.json list of choices: a page break inside an item is a space (an option is one
    # line), a bell character goes; either way the field says how many were changed
    f = fd("multichoice", options=("研发设计", "生产制造"))
    a = admit(["研发\x0c设计", "生产\x07制造"], f)
    assert (a.refused, a.value) == (False, ["研发 设计", "生产制造"])
    hint = ("INPUT_CONTROL_CHARS", Severity.HINT, {"count": 1})
    assert a.findings == [hint, hint]
    assert parse(["研发\x0c设计", "生产\x07制造"], f).value == ["研发设计", "生产制造"]
    a = admit(["研发设计", "生产\ud800制造"], f)
    assert (a.refused, a.value) == (True, None)
    assert a.findings == [("INPUT_BAD_CHARS", Severity.ERROR, {"where": "U+D800"})]


# --- choices, blanks, what is let in ---------------------------------------------------


@pytest.mark.parametrize(
    ("options", "none"),
    [(("有", "无"), "无"), (("是", "否"), "否"), (("无此类情况", "有"), "无此类情况")],
)
def test_zero_typed_into_a_yes_no_row_names_the_none_option(options, none):
    p = parse(" ０ ", fd("choice", options=options))
    assert p.value is None
    assert p.findings == [("CHOICE_ZERO_USE_NONE", Severity.ERROR, {"option": none})]


def test_an_unknown_choice_quotes_it_trimmed_with_the_options():
    f = fd("choice", options=("是", "否"))
    assert parse(" 其他 ", f).findings == [
        ("CHOICE_INVALID", Severity.ERROR, {"raw": "其他", "options": "“是”、“否”"})
    ]
    # without a none option, 0 is just not an option
    f = fd("choice", options=("国内", "国外"))
    assert codes("0", f) == ["CHOICE_INVALID"]


@pytest.mark.parametrize("type_", ["text", "amount", "date", "choice", "multichoice"])
def test_nothing_stored_is_blank_without_findings(type_):
    p = parse(None, fd(type_, options=("是", "否")))
    assert (p.value, p.findings) == (None, [])


def test_a_refused_input_is_no_value_with_the_reason():
    p = parse(True, fd("text"))
    assert p.value is None
    assert p.findings == [
        ("INPUT_WRONG_SHAPE", Severity.ERROR, {"expected": "文字或数字（是/否请写成文字）"})
    ]


def test_letters_count_as_characters_too():
    assert char_count("CNC XX") == 6
    assert codes("X" * 11, fd("text", max_chars=10)) == ["TEXT_TOO_LONG"]


def test_windows_line_ends_are_not_a_change_and_a_page_break_is_a_line_break():
    a = admit("第一行\r\n第二行", fd("longtext"))
    assert (a.value, a.findings) == ("第一行\n第二行", [])
    # exports clean a value as a paragraph (several lines) unless told otherwise
    assert clean_text("第一段\x0c第二段") == ("第一段\n第二段", 1)
    assert clean_text("第一段\r\n第二段") == ("第一段\n第二段", 0)


def test_input_up_to_100000_characters_is_kept_and_longer_is_refused_with_the_count():
    f = fd("longtext")
    a = admit("字" * 100_000, f)
    assert (a.refused, len(a.value)) == (False, 100_000)
    a = admit("字" * 100_001, f)
    assert (a.refused, a.value) == (True, None)
    assert a.findings == [("INPUT_TOO_LONG", Severity.ERROR, {"count": 100_001, "max": 100_000})]


def test_a_whole_amount_has_no_decimal_places_even_where_the_form_keeps_none():
    f = fd("amount", unit="万元", decimals=0)
    assert parse("1234", f).findings == []
    assert parse("1234.5", f).findings == [
        ("TOO_MANY_DECIMALS", Severity.HINT, {"max": 0, "count": 1})
    ]
