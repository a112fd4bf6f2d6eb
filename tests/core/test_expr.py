"""The expression language of form files: three-valued, safe, and aware of what it reads."""

from decimal import Decimal

import pytest

from zjtx_desktop.core.expr import ExprError, Expression


def ev(src: str, **values):
    return Expression(src)(lambda name: values.get(name.replace(".", "_")))


def test_reads_dotted_field_names():
    e = Expression("main_business_revenue.y2 <= operating_revenue.y2")
    assert e.fields == {"main_business_revenue.y2", "operating_revenue.y2"}


def test_comparison_with_a_blank_field_cannot_tell():
    assert ev("a <= b", a=Decimal(1)) is None


@pytest.mark.parametrize(
    ("src", "expected"),
    [
        ("a and b", None),  # unknown and unknown
        ("a == 1 and c == 2", False),  # one failed part decides a conjunction
        ("a == 1 or c == 3", True),
        ("not a", None),
    ],
)
def test_three_valued_logic(src, expected):
    assert ev(src, c=3) is expected


def test_pct_and_growth_are_unknown_for_a_non_positive_base():
    assert ev("pct(a, b)", a=Decimal(5), b=Decimal(0)) is None
    assert ev("growth(a, b)", a=Decimal(5), b=Decimal(-2)) is None
    assert ev("pct(a, b)", a=Decimal(25), b=Decimal(200)) == Decimal("12.5")
    assert ev("growth(a, b)", a=Decimal(110), b=Decimal(100)) == Decimal(10)


def test_floats_in_expressions_become_exact_decimals():
    assert ev("a * 0.1", a=Decimal(3)) == Decimal("0.3")


def test_membership_in_a_multiple_choice():
    assert ev("'其他' in a", a=["ERP", "其他"]) is True
    assert ev("'其他' in a") is None


@pytest.mark.parametrize(
    "src", ["__import__('os')", "a.b()", "lambda: 1", "[x for x in a]", "a[0]", "open('x')"]
)
def test_anything_beyond_the_whitelist_is_refused(src):
    with pytest.raises(ExprError):
        Expression(src)


def test_syntax_errors_are_reported():
    with pytest.raises(ExprError):
        Expression("a <= ")
