"""The shipped form variants and programmes, found by scanning ``forms/``."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from zjtx_desktop.core.forms.loader import FormError, cached_parse, load_form
from zjtx_desktop.core.forms.model import FormDef
from zjtx_desktop.core.paths import forms_dir


def definition_files(directory: Path | None = None) -> list[Path]:
    return sorted((directory or forms_dir()).glob("*.yaml"))


@cache
def _index() -> dict[str, Path]:
    """Form id → file, read from each file's ``id:`` line without a full load."""
    out: dict[str, Path] = {}
    for p in definition_files():
        for line in p.read_text(encoding="utf-8").splitlines():
            if line.startswith("id:"):
                out[line.split(":", 1)[1].strip().strip("\"'")] = p
                break
    return out


def form_ids() -> list[str]:
    return list(_index())


class UnknownForm(KeyError):
    pass


@cache
def get_form(form_id: str) -> FormDef:
    path = _index().get(form_id)
    if path is None:
        raise UnknownForm(form_id)
    return load_form(path)


def all_forms() -> list[FormDef]:
    return [get_form(i) for i in form_ids()]


@dataclass(frozen=True)
class Programme:
    id: str
    title: str
    short_title: str
    forms: tuple[str, ...]
    region: str
    path: Path


def _read_programme(path: Path, text: str) -> dict[str, Any]:
    from zjtx_desktop.core.forms.yamlio import load_yaml

    data = load_yaml(path, text)
    if not isinstance(data, dict):
        raise FormError(path, [("", "定义文件的顶层应为映射（键: 值）")])
    return data


@cache
def programmes() -> dict[str, Programme]:
    out: dict[str, Programme] = {}
    for p in sorted((forms_dir() / "programmes").glob("*.yaml")):
        d = cached_parse(p, p.read_text(encoding="utf-8"), b"programme", _read_programme)
        problems = [(k, "缺少此项") for k in ("id", "title", "forms") if k not in d]
        problems += [
            (f"forms[{i}]", f"引用了不存在的表单“{fid}”")
            for i, fid in enumerate(d.get("forms", []))
            if fid not in _index()
        ]
        if problems:
            raise FormError(p, problems)
        out[d["id"]] = Programme(
            d["id"],
            d["title"],
            d.get("short_title", d["title"]),
            tuple(d["forms"]),
            d.get("region", ""),
            p,
        )
    return out
