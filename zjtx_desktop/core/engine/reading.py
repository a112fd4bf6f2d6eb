"""What a built-in check reads from the engine: an application's shared facts and one form's
values. Protocols, so ``builtin_checks`` needs no import of ``session`` (which attaches the
checks): the two modules no longer import each other.
"""

from __future__ import annotations

from typing import Any, Protocol

from zjtx_desktop.core.forms.model import FormDef


class FactReader(Protocol):
    """An application's facts shared between its forms (企业名称, 从业人数, 营业收入@2020 …)."""

    def fact_value(self, key: str) -> Any: ...

    def facts_with_prefix(self, prefix: str) -> dict[str, Any]: ...


class FormReader(Protocol):
    """One form's parsed values inside an application."""

    @property
    def form(self) -> FormDef: ...

    @property
    def app(self) -> FactReader: ...

    def value(self, fid: str) -> Any: ...

    def raw(self, fid: str) -> Any: ...
