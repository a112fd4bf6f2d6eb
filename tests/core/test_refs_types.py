"""Field references and value slots are distinct types: mypy refuses a slot where a field is
meant (a field with a ``fact:`` is stored in the fact's slot, so the mix-up reads or writes the
wrong thing), while at run time both stay plain (str, str) tuples."""

from __future__ import annotations

import textwrap
from pathlib import Path

from mypy import api

from zjtx_desktop.core.refs import FieldRef, Slot, field_ref, slot

ROOT = Path(__file__).resolve().parents[2]


def _mypy(tmp_path: Path, body: str) -> str:
    src = tmp_path / "snippet.py"
    src.write_text(
        "from zjtx_desktop.core.engine.session import ApplicationSession, slot_of\n"
        "from zjtx_desktop.core.forms.model import FieldDef, FormDef\n"
        "from zjtx_desktop.core.refs import field_ref, slot\n\n"
        "def use(s: ApplicationSession, form: FormDef, f: FieldDef) -> None:\n"
        + textwrap.indent(textwrap.dedent(body), "    "),
        encoding="utf-8",
    )
    out, err, _code = api.run(
        ["--strict", "--no-error-summary", "--cache-dir", str(ROOT / ".mypy_cache"), str(src)]
    )
    return out + err


def test_a_slot_where_a_field_is_meant_is_a_type_error(tmp_path):
    out = _mypy(tmp_path, 's.set_value(slot_of(form, f), "x")\n')
    assert 'incompatible type "Slot"; expected "FieldRef"' in out


def test_a_field_where_a_slot_is_meant_is_a_type_error(tmp_path):
    out = _mypy(tmp_path, 's.raw[field_ref(form.id, f.id)] = "x"\n')
    assert 'Invalid index type "FieldRef" for "dict[Slot, Any]"' in out


def test_each_in_its_place_type_checks(tmp_path):
    body = 's.set_value(field_ref(form.id, f.id), "x")\ns.raw[slot_of(form, f)] = "x"\n'
    assert _mypy(tmp_path, body).strip() == ""


def test_at_run_time_both_are_plain_pairs():
    ref: FieldRef = field_ref("nat-zd-basic-2021", "credit_code")
    where: Slot = slot("", "credit_code")
    assert ref == ("nat-zd-basic-2021", "credit_code") and type(ref) is tuple
    assert where == ("", "credit_code") and type(where) is tuple
