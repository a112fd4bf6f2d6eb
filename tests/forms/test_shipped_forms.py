"""Every shipped form, end to end: definitions pass the checks, labels are the spec's verbatim,
every demo validates with zero errors, and the CLI speaks the stable interface."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from tests.forms.spec_labels import SPEC, SUBSECTIONS, normalise, present, spec_labels
from zjtx_desktop.core.forms.registry import definition_files, form_ids, get_form
from zjtx_desktop.core.paths import forms_dir, resources_dir

ROOT = Path(__file__).resolve().parents[2]
DEMOS = sorted((resources_dir() / "demo").glob("*.json"))


def zjtx(*args: str, stdin: str | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "zjtx_desktop", *args],
        capture_output=True,
        text=True,
        input=stdin,
        cwd=ROOT,
    )


def _strings(
    obj: Any, skip: frozenset[str] = frozenset({"comment", "help", "source"})
) -> list[str]:
    if isinstance(obj, str):
        return [obj]
    if isinstance(obj, list):
        return [s for x in obj for s in _strings(x, skip)]
    if isinstance(obj, dict):
        return [s for k, v in obj.items() if k not in skip for s in _strings(v, skip)]
    return []


def test_every_definition_file_passes_the_checks():
    r = zjtx("forms", "check")
    assert r.returncode == 0, r.stderr
    assert len(definition_files()) >= 7


@pytest.mark.skipif(not SPEC.exists(), reason="../shared/spec is not beside the checkout")
@pytest.mark.parametrize("sub", sorted(SUBSECTIONS))
def test_every_label_in_the_spec_is_in_the_definition_verbatim(sub):
    labels = spec_labels()[sub]
    assert labels, f"no labels read from §{sub}"
    for form_id in SUBSECTIONS[sub]:
        form = get_form(form_id)
        haystack = normalise("\n".join(_strings(form.raw)))
        missing = [x for x in labels if not present(x, haystack)]
        assert not missing, f"{form_id} lacks labels of §{sub}: {missing}"


def test_every_shipped_form_has_a_demo():
    assert {p.stem for p in DEMOS} == set(form_ids())


@pytest.mark.parametrize("demo", DEMOS, ids=lambda p: p.stem)
def test_every_demo_validates_with_zero_errors(demo):
    r = zjtx("validate", demo.stem, str(demo), "--json")
    assert r.returncode == 0, r.stdout
    issues = json.loads(r.stdout)
    assert [i for i in issues if i["severity"] == "error"] == []
    assert [i for i in issues if i["severity"] == "warning"] == []


def test_forms_list_json_shape():
    r = zjtx("forms", "list", "--json")
    forms = json.loads(r.stdout)
    assert {f["id"] for f in forms} == set(form_ids())
    assert all(set(f) == {"id", "title", "kind", "region", "version"} for f in forms)


def test_forms_show_json_gives_official_labels_and_columns():
    r = zjtx("forms", "show", "jl-zd-targets-2021b2", "--json")
    data = json.loads(r.stdout)
    by_id = {f["id"]: f for f in data["fields"]}
    row = by_id["mbr_growth_avg3.base"]
    assert row["label"] == "近三年主营业务收入平均增长率（%）"
    assert row["column"].startswith("实施期初始值")
    assert {
        "id",
        "label",
        "section",
        "type",
        "unit",
        "required",
        "options",
        "max_chars",
        "column",
    } <= set(row)


def test_forms_check_names_file_and_key_path_for_a_broken_file(tmp_path):
    bad = tmp_path / "broken.yaml"
    text = (forms_dir() / "jl-zd-basic-2021b2.yaml").read_text(encoding="utf-8")
    bad.write_text(text.replace("type: uscc", "type: uscc\n    colour: red", 1), encoding="utf-8")
    r = zjtx("forms", "check", str(bad))
    assert r.returncode == 1
    assert "broken.yaml" in r.stderr and "fields[" in r.stderr and "colour" in r.stderr


@pytest.mark.parametrize(
    ("payload", "code"),
    [
        ("not json", 2),
        ('{"form": "no-such-form", "values": {}}', 2),
        ('{"form": "jl-zd-basic-2021b2", "values": {"no_such_field": "1"}}', 2),
    ],
)
def test_validate_exit_codes(payload, code):
    r = zjtx("validate", "jl-zd-basic-2021b2", "-", stdin=payload)
    assert r.returncode == code
    assert (r.stderr or r.stdout).strip()


@pytest.mark.parametrize(
    ("credit_code", "code"),
    [
        ("91220101MA0Y7K2Q8R", 0),  # the demo's own code: the rest of the file is clean
        ("91220101ma0y7k2q8r", 0),  # typed in lower case: the same code
        ("91220101MA0Y7K2Q8A", 1),  # wrong check digit
        ("91220101ma0y7k2q8a", 1),  # wrong check digit typed in lower case
    ],
)
def test_a_wrong_credit_code_alone_makes_validate_exit_1(credit_code, code):
    """The rest of the payload is the clean demo file, so exit 1 comes from the code alone
    (a payload leaving every required field blank fails whatever the code is)."""
    demo = json.loads((resources_dir() / "demo" / "jl-zd-basic-2021b2.json").read_text("utf-8"))
    demo["values"]["credit_code"] = credit_code
    r = zjtx("validate", "jl-zd-basic-2021b2", "-", "--json", stdin=json.dumps(demo))
    assert r.returncode == code
    found = [(i["field"], i["code"]) for i in json.loads(r.stdout) if i["severity"] == "error"]
    assert found == ([("credit_code", "USCC_CHECKSUM")] if code else [])


def test_validate_json_lists_issues_with_stable_codes():
    data = json.dumps(
        {
            "form": "jl-zd-basic-2021b2",
            "values": {"credit_code": "91220101MA0Y7K2Q8A", "employees": "30%"},
        }
    )
    r = zjtx("validate", "jl-zd-basic-2021b2", "-", "--json", stdin=data)
    issues = json.loads(r.stdout)
    codes = {(i["field"], i["code"]) for i in issues}
    assert ("credit_code", "USCC_CHECKSUM") in codes
    assert all(set(i) == {"field", "code", "severity", "message"} for i in issues)


def test_drafts_round_trip_through_the_cli(tmp_path):
    db = str(tmp_path / "cli.sqlite3")
    r = zjtx("--db", db, "drafts", "new", "jl-zd-basic-2021b2", "--name", "恒锐")
    app_id = r.stdout.strip()
    assert r.returncode == 0 and app_id
    r = zjtx(
        "--db",
        db,
        "drafts",
        "set",
        app_id,
        "enterprise_name=吉林省恒锐精密机床有限公司",
        "credit_code=91220101MA0Y7K2Q8A",
    )
    assert r.returncode == 1 and "USCC_CHECKSUM" not in r.stdout and "校验位" in r.stdout
    r = zjtx("drafts", "show", app_id, "--json", "--db", db)
    shown = json.loads(r.stdout)
    assert shown == {
        "form": "jl-zd-basic-2021b2",
        "values": {
            "enterprise_name": "吉林省恒锐精密机床有限公司",
            "credit_code": "91220101MA0Y7K2Q8A",
        },
    }
    out = tmp_path / "data.json"
    assert zjtx("--db", db, "drafts", "export", app_id, "-o", str(out)).returncode == 0
    assert json.loads(out.read_text(encoding="utf-8")) == shown
    r = zjtx(
        "--db", db, "drafts", "import", str(resources_dir() / "demo" / "jl-zd-basic-2021b2.json")
    )
    assert r.returncode == 0
    listing = zjtx("--db", db, "drafts", "list").stdout
    assert app_id in listing and r.stdout.strip() in listing


def test_python_m_runs_the_same_cli():
    r = subprocess.run(
        [sys.executable, "-m", "zjtx_desktop", "forms", "list"],
        capture_output=True,
        text=True,
        cwd=ROOT,
    )
    assert r.returncode == 0 and "jl-zd-basic-2021b2" in r.stdout


def test_forms_check_also_checks_the_eligibility_rule_sets(tmp_path):
    r = zjtx("forms", "check")
    assert "nat-xjr-2021b3-initial.yaml: 申报条件规则集" in r.stdout
    criteria = tmp_path / "criteria"
    criteria.mkdir()
    bad = criteria / "broken.yaml"
    text = (forms_dir() / "programmes" / "criteria" / "nat-zd-2021.yaml").read_text(
        encoding="utf-8"
    )
    bad.write_text(text.replace("criteria:\n", "criteria:\n  - {id: X-1}\n", 1), encoding="utf-8")
    r = zjtx("forms", "check", str(bad))
    assert r.returncode == 1
    assert "broken.yaml" in r.stderr and "criteria[0]" in r.stderr
