"""Bounds on the numbers a user may enter, and rounding that cannot raise.

Decimal arithmetic runs with 28 significant digits; ``quantize`` raises ``InvalidOperation``
when a result needs more. A 34-digit 负债总额 over a 资产总额 of 0.0001 did exactly that and
stopped every view of the application. So numbers are bounded where they are typed (no
amount on these forms comes near 10^15 万元, nor needs more than 10 decimal places), and the
places that round derived figures do it with a precision that bounded inputs cannot exceed.
"""

from __future__ import annotations

from decimal import Context, Decimal, InvalidOperation

MAX_INTEGER_DIGITS = 15  # |value| < 10^15: more than any enterprise's figure in 万元 or 人
MAX_DECIMAL_PLACES = 10

# a ratio of two bounded numbers, times 100, has at most 15 + 10 + 3 integer digits
_WIDE = Context(prec=80)


def out_of_bounds(v: Decimal) -> str:
    """ "" when ``v`` may be used, else the code of the message saying why not."""
    if not v.is_finite():
        return "NOT_A_NUMBER"
    if v != 0 and v.adjusted() >= MAX_INTEGER_DIGITS:
        return "NUMBER_TOO_LARGE"
    exp = v.as_tuple().exponent
    if (
        isinstance(exp, int)
        and -exp > MAX_DECIMAL_PLACES
        and v != v.quantize(Decimal(1).scaleb(-MAX_DECIMAL_PLACES), context=_WIDE)
    ):
        return "NUMBER_TOO_PRECISE"
    return ""


def quantize(v: Decimal, places: int, rounding: str | None = None) -> Decimal | None:
    """``v`` rounded to ``places`` decimals (half-even unless told), or None when it cannot
    be (not finite, or beyond even the wide precision)."""
    try:
        return v.quantize(Decimal(1).scaleb(-places), rounding=rounding, context=_WIDE)
    except (InvalidOperation, OverflowError):
        return None
