"""Who may change what, and when: one check in the core that every view (window, CLI) meets.

A view may hide a button, but only this refusal decides. ``EditRefused`` carries a stable
code (tests assert codes) and the Chinese message from the catalog.
"""

from __future__ import annotations

from enum import StrEnum
from typing import Any

from zjtx_desktop.core.messages import render


class Role(StrEnum):
    """Who is filling: the enterprise, or the 推荐单位 reviewing (part 六 of the 申请书)."""

    ENTERPRISE = "enterprise"
    RECOMMENDER = "recommender"


ROLE_NAMES = {Role.ENTERPRISE: "企业", Role.RECOMMENDER: "推荐单位"}


class EditRefused(Exception):
    """A change the core does not allow; ``code`` is stable, ``str(e)`` the Chinese message."""

    def __init__(self, code: str, **params: Any) -> None:
        self.code = code
        self.params = params
        super().__init__(render(code, params))


def role_of(name: str) -> Role:
    try:
        return Role(name)
    except ValueError:
        raise EditRefused("ROLE_UNKNOWN", role=name) from None


def role_name(role: str) -> str:
    return next((name for r, name in ROLE_NAMES.items() if r == role), role)
