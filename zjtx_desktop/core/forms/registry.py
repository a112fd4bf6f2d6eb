"""The shipped form variants and programmes, found by scanning ``forms/``."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from zjtx_desktop.core.forms.loader import FormError, cached_parse, load_form, read_text
from zjtx_desktop.core.forms.model import FormDef
from zjtx_desktop.core.paths import forms_dir


def definition_files(directory: Path | None = None) -> list[Path]:
    return sorted((directory or forms_dir()).glob("*.yaml"))


@cache
def _index() -> dict[str, Path]:
    """Form id → file, read from each file's ``id:`` line without a full load. A file that
    cannot be read (another encoding, no permission) is left out here, so it never breaks the
    other forms; ``zjtx forms check`` names it.

    Forms of installed packs (``core/packs``) come after the shipped ones; where a pack holds
    another version of a shipped form, the newer (by source date, then version) is the one new
    drafts get, and ``form_versions`` keeps every version for the drafts started with it.
    """
    out: dict[str, Path] = {}
    for p in definition_files():
        try:
            text = read_text(p)
        except FormError:
            continue
        for line in text.splitlines():
            if line.startswith("id:"):
                out[line.split(":", 1)[1].strip().strip("\"'")] = p
                break
    for form in _installed_forms():
        have = out.get(form.id)
        if have is None or _newer(form, load_form(have)):
            out[form.id] = form.path
    return out


def _installed_forms() -> list[FormDef]:
    from zjtx_desktop.core.packs.store import installed_files

    forms = []
    for _pack, path in installed_files("forms"):
        try:
            forms.append(load_form(path))
        except FormError:
            continue  # reported by zjtx packs list; one bad pack file breaks nothing else
    return forms


def _newer(a: FormDef, b: FormDef) -> bool:
    return (str(a.source.get("date", "")), a.version) > (str(b.source.get("date", "")), b.version)


@cache
def form_versions() -> dict[tuple[str, str], Path]:
    """Every (form id, version) available, shipped or installed, → its file."""
    out: dict[tuple[str, str], Path] = {}
    for fid, p in _index().items():
        out[(fid, get_form(fid).version)] = p
    for form in _installed_forms():
        out.setdefault((form.id, form.version), form.path)
    for p in definition_files():
        form = load_form(p)
        out.setdefault((form.id, form.version), p)
    return out


def get_form_version(form_id: str, version: str) -> FormDef:
    """The form a draft was started with, while that version is available; else the current."""
    current = get_form(form_id)
    if current.version == version:
        return current
    path = form_versions().get((form_id, version))
    return load_form(path) if path is not None else current


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


def programme_files() -> list[Path]:
    from zjtx_desktop.core.packs.store import installed_files

    shipped = sorted((forms_dir() / "programmes").glob("*.yaml"))
    return shipped + [p for _pack, p in installed_files("programmes")]


def programme_ids() -> set[str]:
    return set(programmes())


@cache
def programmes() -> dict[str, Programme]:
    out: dict[str, Programme] = {}
    shipped = forms_dir() / "programmes"
    for p in programme_files():
        installed = p.parent != shipped
        try:
            d = cached_parse(p, read_text(p), b"programme", _read_programme)
        except (FormError, OSError):
            if installed:
                continue  # a bad pack file is reported by zjtx packs list, never fatal
            raise
        problems = [(k, "缺少此项") for k in ("id", "title", "forms") if k not in d]
        problems += [
            (f"forms[{i}]", f"引用了不存在的表单“{fid}”")
            for i, fid in enumerate(d.get("forms", []))
            if fid not in _index()
        ]
        if problems and installed:
            continue
        if problems:
            raise FormError(p, problems)
        if installed and d["id"] in out:
            continue  # never replaces a shipped programme
        out[d["id"]] = Programme(
            d["id"],
            d["title"],
            d.get("short_title", d["title"]),
            tuple(d["forms"]),
            d.get("region", ""),
            p,
        )
    return out
