"""The one table of fact keys (forms/facts/facts.yaml): the facts an application's forms share
and the code reads by key. The form loader refuses a field whose ``fact:`` is not in it, so a
typo cannot switch a check off silently; code names the keys it reads through ``FactKey``.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from enum import StrEnum
from functools import cache
from pathlib import Path
from typing import Any

from zjtx_desktop.core.forms.errors import FormError, LoaderCode, Problem, _key_path, problem
from zjtx_desktop.core.paths import forms_dir


class FactKey(StrEnum):
    """Facts the code reads by key (each is in facts.yaml; a test checks it)."""

    ENTERPRISE_NAME = "enterprise_name"
    CREDIT_CODE = "credit_code"
    SCALE_DECLARED = "scale_declared"
    INDUSTRY_CODE2 = "industry_code2"
    NICHE_CODE4 = "niche_code4"
    EMPLOYEES = "employees"
    OPERATING_REVENUE = "operating_revenue"  # per year: operating_revenue@2020
    TOTAL_ASSETS = "total_assets"  # per year
    MAIN_PRODUCT_NAME = "main_product_name"

    def at(self, year: int | str) -> str:
        """The key of a per-year fact for one year."""
        return f"{self.value}@{year}"

    @property
    def prefix(self) -> str:
        """What every year's key of a per-year fact starts with."""
        return f"{self.value}@"


@dataclass(frozen=True)
class Fact:
    key: str
    type: str
    label: str
    per_year: bool = False
    read_by: tuple[str, ...] = ()


def facts_file() -> Path:
    return forms_dir() / "facts" / "facts.yaml"


def _schema_path() -> Path:
    return facts_file().parent / "facts.schema.json"


def _parse(path: Path, text: str) -> dict[str, Any]:
    """The table read and schema-checked (only when its text changed: cached as JSON)."""
    from jsonschema import Draft202012Validator

    from zjtx_desktop.core.forms.yamlio import load_yaml

    data = load_yaml(path, text)
    if not isinstance(data, dict):
        raise problem(path, "", LoaderCode.NOT_A_MAPPING, kind="事实表")
    schema = json.loads(_schema_path().read_text(encoding="utf-8"))
    problems = [
        Problem(_key_path(err.absolute_path), LoaderCode.SCHEMA, message=err.message)
        for err in Draft202012Validator(schema).iter_errors(data)
    ]
    seen: set[str] = set()
    for i, f in enumerate(data.get("facts", []) if not problems else []):
        if f["key"] in seen:
            problems.append(
                Problem(f"facts[{i}].key", LoaderCode.DUPLICATE_ID, what="事实", id=f["key"])
            )
        seen.add(f["key"])
    if problems:
        raise FormError(path, problems)
    return data


@cache
def facts() -> dict[str, Fact]:
    """Key → fact; raises FormError for a table that cannot be read or breaks its schema."""
    from zjtx_desktop.core.forms.parsecache import cached_parse

    path = facts_file()
    try:
        text = path.read_text(encoding="utf-8")
        salt = _schema_path().read_bytes()
    except OSError as e:
        raise problem(path, "", LoaderCode.UNREADABLE, error=e) from None
    data = cached_parse(path, text, salt, _parse)
    return {
        f["key"]: Fact(
            f["key"], f["type"], f["label"], f.get("per_year", False), tuple(f.get("read_by", []))
        )
        for f in data["facts"]
    }


def fact_problem(fact: str, field_type: str) -> tuple[LoaderCode, dict[str, str]] | None:
    """Why a field of ``field_type`` may not carry ``fact`` (None when it may)."""
    base, at, year = fact.partition("@")
    entry = facts().get(base)
    if entry is None:
        return LoaderCode.UNKNOWN_FACT, {"fact": fact}
    if entry.per_year and not (at and year.isdigit()):
        return LoaderCode.FACT_YEAR, {"fact": fact, "expected": f"按年份写成“{base}@年份”"}
    if not entry.per_year and at:
        return LoaderCode.FACT_YEAR, {"fact": fact, "expected": f"不分年份，写成“{base}”"}
    if entry.type != field_type:
        return LoaderCode.FACT_TYPE_MISMATCH, {
            "fact": fact,
            "expected": entry.type,
            "type": field_type,
        }
    return None
