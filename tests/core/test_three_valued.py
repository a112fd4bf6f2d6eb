"""Three-valued 且/或 that combine criteria and groups (mutation testing of eligibility/evaluate
found them untested): unknown (None) stays unknown unless a known value decides."""

from __future__ import annotations

import pytest

from zjtx_desktop.core.eligibility.evaluate import and3, or3


@pytest.mark.parametrize(
    ("values", "expected"),
    [
        ([True, True], True),
        ([], True),
        ([True, None], None),
        ([None, False], False),  # one 不满足 decides, whatever is unknown
        ([False, True], False),
        ([None, None], None),
    ],
)
def test_and3(values, expected):
    assert and3(values) is expected


@pytest.mark.parametrize(
    ("values", "expected"),
    [
        ([False, False], False),
        ([], False),
        ([False, None], None),
        ([None, True], True),  # one 满足 decides, whatever is unknown
        ([True, False], True),
        ([None, None], None),
    ],
)
def test_or3(values, expected):
    assert or3(values) is expected
