"""The shipped form variants and programmes, found by scanning ``forms/``."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from zjtx_desktop.core.forms.errors import FormError, LoaderCode, Problem, problem
from zjtx_desktop.core.forms.loader import _key_path, cached_parse, load_form, read_text
from zjtx_desktop.core.forms.model import FormDef
from zjtx_desktop.core.paths import forms_dir


def definition_files(directory: Path | None = None) -> list[Path]:
    return sorted((directory or forms_dir()).glob("*.yaml"))


@cache
def _scan() -> tuple[dict[str, Path], dict[str, list[Path]]]:
    """Shipped form id → file, read from each file's ``id:`` line without a full load; and the
    ids that more than one shipped file claims (a copied file whose ``id:`` was not changed)."""
    out: dict[str, Path] = {}
    duplicates: dict[str, list[Path]] = {}
    for p in definition_files():
        try:
            text = read_text(p)
        except FormError:
            continue  # another encoding, no permission: never breaks the other forms
        for line in text.splitlines():
            if line.startswith("id:"):
                fid = line.split(":", 1)[1].strip().strip("\"'")
                if fid in out:
                    duplicates.setdefault(fid, [out[fid]]).append(p)
                else:
                    out[fid] = p
                break
    return out, duplicates


def duplicate_form_ids() -> list[FormError]:
    """One error per form id claimed by several files: neither is silently chosen."""
    return [_duplicate(fid, paths) for fid, paths in _scan()[1].items()]


def _duplicate(form_id: str, paths: list[Path]) -> FormError:
    others = "、".join(p.name for p in paths[:-1])
    return problem(
        paths[-1], "id", LoaderCode.DUPLICATE_FILE_ID, what="表单", id=form_id, other=others
    )


@cache
def _index() -> dict[str, Path]:
    """Form id → file, read from each file's ``id:`` line without a full load. A file that
    cannot be read (another encoding, no permission) is left out here, so it never breaks the
    other forms; ``zjtx forms check`` names it.

    Forms of installed packs (``core/packs``) come after the shipped ones; where a pack holds
    another version of a shipped form, the newer (by source date, then version) is the one new
    drafts get, and ``form_versions`` keeps every version for the drafts started with it.
    """
    out = dict(_scan()[0])
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
    duplicates = _scan()[1]
    if form_id in duplicates:
        raise _duplicate(form_id, duplicates[form_id])
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


def _programme_schema_path() -> Path:
    return forms_dir() / "programmes" / "programme.schema.json"


@cache
def _programme_validator() -> Any:
    import json

    from jsonschema import Draft202012Validator

    schema = json.loads(_programme_schema_path().read_text(encoding="utf-8"))
    return Draft202012Validator(schema)


def _read_programme(path: Path, text: str) -> dict[str, Any]:
    """A programme file, checked against forms/programmes/programme.schema.json."""
    from zjtx_desktop.core.forms.yamlio import load_yaml

    data = load_yaml(path, text)
    if not isinstance(data, dict):
        raise problem(path, "", LoaderCode.NOT_A_MAPPING, kind="申报项目")
    problems = [
        Problem(_key_path(err.absolute_path), LoaderCode.SCHEMA, message=err.message)
        for err in sorted(
            _programme_validator().iter_errors(data), key=lambda e: list(e.absolute_path)
        )
    ]
    if problems:
        raise FormError(path, problems)
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
    salt = b"programme" + _programme_schema_path().read_bytes()
    for p in programme_files():
        installed = p.parent != shipped
        try:
            d = cached_parse(p, read_text(p), salt, _read_programme)
        except (FormError, OSError):
            if installed:
                continue  # a bad pack file is reported by zjtx packs list, never fatal
            raise
        problems = [
            Problem(f"forms[{i}]", LoaderCode.UNKNOWN_FORM, ref=fid)
            for i, fid in enumerate(d["forms"])
            if fid not in _index()
        ]
        if problems and installed:
            continue
        if installed and d["id"] in out:
            continue  # never replaces a shipped programme
        if d["id"] in out:
            other = out[d["id"]].path.name
            problems.append(
                Problem(
                    "id", LoaderCode.DUPLICATE_FILE_ID, what="申报项目", id=d["id"], other=other
                )
            )
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
