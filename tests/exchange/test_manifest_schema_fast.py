"""The manifest's schema check takes a compiled fast path (fastjsonschema) and asks jsonschema
only to word a refusal: the fast path must never accept what jsonschema refuses, and a refused
manifest keeps jsonschema's message."""

from __future__ import annotations

import copy
import json
import zipfile
from typing import Any

import jsonschema
import pytest

from tests.exchange.kit import Enterprise
from zjtx_desktop.core.exchange.verify import _schema_errors
from zjtx_desktop.core.paths import forms_dir


def _manifest(enterprise: Enterprise) -> dict[str, Any]:
    with zipfile.ZipFile(enterprise.package) as zf:
        doc = json.loads(zf.read("manifest.json"))
    assert isinstance(doc, dict)
    return doc


def _set(doc: dict[str, Any], path: str, value: Any) -> None:
    *head, last = path.split("/")
    target: Any = doc
    for key in head:
        target = target[int(key)] if isinstance(target, list) else target[key]
    if value is KeyError:
        del target[last]
    elif isinstance(target, list):
        target[int(last)] = value
    else:
        target[last] = value


MUTATIONS = [
    ("package_id", "not-a-uuid"),
    ("package_id", KeyError),
    ("revision", 0),
    ("revision", True),  # a JSON true is not an integer
    ("revision", "2"),
    ("format_version", 1.5),
    ("kind", "gift"),
    ("format", "zip"),
    ("forms", []),
    ("forms/0/sha256", 7),
    ("forms/0/path", KeyError),
    ("files/0/size", -1),
    ("files/0/size", "12"),
    ("files/0/role", "other"),
    ("enterprise/credit_code", None),
    ("signer", "someone"),
    ("application_id", ""),
    ("created_at", "2021"),
]


@pytest.mark.parametrize(("path", "value"), MUTATIONS)
def test_fast_path_agrees_with_jsonschema(
    enterprise: Enterprise, path: str, value: Any
) -> None:
    schema = json.loads((forms_dir() / "exchange.schema.json").read_text(encoding="utf-8"))
    doc = copy.deepcopy(_manifest(enterprise))
    _set(doc, path, value)
    expected = sorted(
        jsonschema.Draft202012Validator(schema).iter_errors(doc),
        key=lambda e: list(e.absolute_path),
    )
    got = _schema_errors(doc)
    assert [e.message for e in got] == [e.message for e in expected]
    assert [list(e.absolute_path) for e in got] == [list(e.absolute_path) for e in expected]


def test_a_valid_manifest_has_no_errors(enterprise: Enterprise) -> None:
    assert _schema_errors(_manifest(enterprise)) == []
