"""Distinct types for the two pairs of strings the core passes around, so mypy refuses one
where the other is meant (both are ``(str, str)`` tuples at run time, at no cost):

- ``FieldRef``: a field of a form, ``(form id, field id)`` — what views and rules name;
- ``Slot``: where a value is stored, ``("", fact key)`` for a fact shared by several forms
  (``credit_code``), else ``(form id, field id)``. A field with a ``fact:`` is stored in the
  fact's slot, so a FieldRef used as a Slot reads nothing (or another form's value).

Make them with ``field_ref`` and ``slot`` (or ``engine.session.slot_of`` from a definition)."""

from __future__ import annotations

from typing import NewType

FieldRef = NewType("FieldRef", tuple[str, str])
Slot = NewType("Slot", tuple[str, str])


def field_ref(form_id: str, field_id: str) -> FieldRef:
    return FieldRef((form_id, field_id))


def slot(form_id: str, key: str) -> Slot:
    """A value's slot: ``slot("", "credit_code")`` for a fact, else (form id, field id)."""
    return Slot((form_id, key))
