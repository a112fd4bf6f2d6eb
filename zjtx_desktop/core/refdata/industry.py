"""GB/T 4754-2017 国民经济行业分类: lookup by code or name, and type-ahead search.

The table is read once from ``resources/refdata/gbt4754_2017.csv`` (source and processing in
``resources/refdata/SOURCES.md``).
"""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass
from functools import cache

from zjtx_desktop.core.paths import refdata_path

LEVEL_DIGITS = {"大类": 2, "中类": 3, "小类": 4}


@dataclass(frozen=True)
class Industry:
    code: str
    name: str
    parent: str
    level: str  # 门类 / 大类 / 中类 / 小类

    @property
    def display(self) -> str:
        return f"{self.code} {self.name}"


@dataclass(frozen=True)
class IndustryTable:
    by_code: dict[str, Industry]
    by_name: dict[tuple[str, str], list[Industry]]  # (level, name) -> rows

    def get(self, code: str) -> Industry | None:
        return self.by_code.get(code)

    def named(self, level: str, name: str) -> list[Industry]:
        return self.by_name.get((level, name), [])

    def division_of(self, code: str) -> str:
        """The 2-digit 大类 of any 3- or 4-digit code."""
        return code[:2]

    def search(self, text: str, level: str, limit: int = 20) -> list[Industry]:
        """Type-ahead: codes starting with the digits typed, or names containing the text."""
        text = text.strip()
        rows = [r for r in self.by_code.values() if r.level == level]
        if not text:
            return rows[:limit]
        digits = "".join(re.findall(r"\d", text))
        words = re.sub(r"[\d\s]", "", text)
        out = []
        for r in rows:
            if digits and not r.code.startswith(digits):
                continue
            if words and words not in r.name:
                continue
            out.append(r)
            if len(out) >= limit:
                break
        return out


@cache
def industries() -> IndustryTable:
    by_code: dict[str, Industry] = {}
    by_name: dict[tuple[str, str], list[Industry]] = {}
    with refdata_path("gbt4754_2017.csv").open(encoding="utf-8") as f:
        for row in csv.DictReader(f):
            ind = Industry(row["code"], row["name"], row["parent"], row["level"])
            by_code[ind.code] = ind
            by_name.setdefault((ind.level, ind.name), []).append(ind)
    return IndustryTable(by_code, by_name)


@cache
def provinces() -> list[str]:
    with refdata_path("provinces.csv").open(encoding="utf-8") as f:
        return [row["name"] for row in csv.DictReader(f)]
