"""Issue 13 items 3, 4, 13–16 (and issue 11 item 5, issue 12's 27-digit amount): what import
accepts, every command handles; what cannot be handled is refused at import naming the field;
nothing a file holds changes without a word.

Each test drives the CLI entry function in-process, as a user's command would run, and reads
the results back (drafts show --json, the exported .docx/.xlsx opened again).
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from docx import Document
from openpyxl import load_workbook

from zjtx_desktop.cli import main
from zjtx_desktop.core.paths import resources_dir

FORM = "nat-xjr-application-2021"
DEMO = Path(resources_dir(), "demo", f"{FORM}.json")


def doc(body: str) -> str:
    """A DATA.json document as text, ``body`` being what goes inside "values": {…}."""
    return '{"form": "' + FORM + '", "values": {' + body + "}}"


def demo_values() -> dict[str, object]:
    return dict(json.loads(DEMO.read_text(encoding="utf-8"))["values"])


def write(tmp_path: Path, values: dict[str, object], name: str = "data.json") -> Path:
    p = tmp_path / name
    p.write_text(json.dumps({"form": FORM, "values": values}, ensure_ascii=False), "utf-8")
    return p


def zjtx(capsys: pytest.CaptureFixture[str], db: Path, *argv: str) -> tuple[int, str, str]:
    code = main(["--db", str(db), *argv])
    out, err = capsys.readouterr()
    assert "Traceback" not in err
    return code, out, err


def every_command(capsys: pytest.CaptureFixture[str], db: Path, app_id: str, tmp: Path) -> None:
    """show, show --json, set, drafts export, export --draft (PDF), check --draft: none crash."""
    for argv in (
        ["drafts", "show", app_id],
        ["drafts", "show", "--json", app_id],
        ["drafts", "set", app_id, "employees=300"],
        ["drafts", "export", app_id, "-o", str(tmp / "back.json")],
        ["export", "--draft", app_id, "-o", str(tmp / "booklet.pdf")],
        ["check", "--draft", app_id],
    ):
        code, _out, err = zjtx(capsys, db, *argv)
        assert code in (0, 1), (argv, err)


# --- item 3 / issue 11 item 5: control characters --------------------------------------


def test_control_characters_are_taken_out_at_input_and_every_format_exports(tmp_path, capsys):
    db = tmp_path / "d.sqlite3"
    values = demo_values()
    values["enterprise_name"] = "恒锐\x0b精密\x01机床\x0c有限公司"  # pasted from Word
    values["company_intro"] = str(values["company_intro"]) + "\x0c第二页\x1f"
    data = write(tmp_path, values)
    code, out, err = zjtx(capsys, db, "drafts", "import", str(data))
    assert code == 0
    assert "enterprise_name" in err and "控制字符" in err  # said, at the field
    app_id = out.split()[0]
    _c, shown, _e = zjtx(capsys, db, "drafts", "show", "--json", app_id)
    kept = json.loads(shown)["values"]
    # one line: a line-like control becomes a space; the others go
    assert kept["enterprise_name"] == "恒锐 精密机床 有限公司"
    assert kept["company_intro"].endswith("\n第二页")
    for ext in ("docx", "xlsx", "pdf"):
        code, _o, err = zjtx(
            capsys, db, "export", FORM, str(data), "-o", str(tmp_path / f"f.{ext}")
        )
        assert code in (0, 1), err
    doc_text = "\n".join(p.text for p in Document(str(tmp_path / "f.docx")).paragraphs)
    cells = [
        c.text for t in Document(str(tmp_path / "f.docx")).tables for r in t.rows for c in r.cells
    ]
    assert any("恒锐 精密机床 有限公司" in t for t in [doc_text, *cells])
    sheet_text = [
        str(c.value)
        for ws in load_workbook(tmp_path / "f.xlsx").worksheets
        for row in ws.iter_rows()
        for c in row
        if c.value is not None
    ]
    assert any("恒锐 精密机床 有限公司" in t for t in sheet_text)


def test_a_draft_saved_with_control_characters_before_the_rule_still_exports(tmp_path, capsys):
    """A database written by an older version holds the raw text: the exports apply the
    same rule instead of crashing in lxml / openpyxl."""
    import sqlite3

    db = tmp_path / "d.sqlite3"
    _c, out, _e = zjtx(capsys, db, "drafts", "import", str(DEMO))
    app_id = out.split()[0]
    conn = sqlite3.connect(db)
    conn.execute(
        "UPDATE field_values SET value=? WHERE app_id=? AND field='enterprise_name'",
        (json.dumps("旧\x01公司"), app_id),
    )
    conn.commit()
    conn.close()
    for ext in ("docx", "xlsx"):
        from zjtx_desktop.core.application import OpenApplication
        from zjtx_desktop.core.export.api import export_application
        from zjtx_desktop.core.export.model import ExportOptions
        from zjtx_desktop.core.store.drafts import DraftStore

        store = DraftStore(db)
        app = OpenApplication(store, app_id)
        export_application(app, tmp_path / f"old.{ext}", ExportOptions(app_id="t"))
        store.close()
    assert (tmp_path / "old.docx").stat().st_size > 0


# --- item 4 / issue 12 item 14: numbers bounded at the field ---------------------------


def test_a_27_digit_amount_is_an_error_at_the_field_and_the_panel_still_refreshes(tmp_path, capsys):
    from zjtx_desktop.core.application import OpenApplication
    from zjtx_desktop.core.eligibility import evaluate_all
    from zjtx_desktop.core.store.drafts import DraftStore

    db = tmp_path / "d.sqlite3"
    _c, out, _e = zjtx(capsys, db, "drafts", "import", str(DEMO))
    app_id = out.split()[0]
    code, out, _e = zjtx(
        capsys,
        db,
        "drafts",
        "set",
        app_id,
        "total_liabilities.y2=" + "9" * 27,
        "total_assets.y2=0.0001",
    )
    assert code == 1
    assert "total_liabilities.y2" in out and "数值过大" in out
    store = DraftStore(db)
    app = OpenApplication(store, app_id)
    results = evaluate_all(app.session)  # what the panel does on every change
    assert results
    store.close()
    every_command(capsys, db, app_id, tmp_path)


def test_number_bounds_hold_for_every_numeric_type():
    from zjtx_desktop.core.fieldtypes import parse
    from zjtx_desktop.core.forms.registry import get_form

    form = get_form(FORM)
    employees = form.fields["employees"]  # integer
    assets = form.fields["total_assets.y2"]  # amount
    assert parse("999999999999999", assets).value == 999999999999999  # 15 digits: kept
    assert [c for c, *_ in parse("1000000000000000", assets).findings] == ["NUMBER_TOO_LARGE"]
    assert parse("1000000000000000", assets).value is None
    assert [c for c, *_ in parse("1e309", employees).findings] == ["NUMBER_TOO_LARGE"]
    assert [c for c, *_ in parse("0.00000000001", assets).findings] == ["NUMBER_TOO_PRECISE"]
    assert str(parse("1e-7", assets).value) == "1E-7"


def test_a_declared_figure_of_27_digits_or_nan_is_not_understood():
    from zjtx_desktop.core.eligibility import rulesets
    from zjtx_desktop.core.eligibility.declarations import declared_value, kind_of

    q = next(
        q
        for rs in rulesets().values()
        for q in rs.quantities.values()
        if q.declaration and kind_of(q) == "number"
    )
    assert declared_value(q, "4.5") is not None
    for answer in ("9" * 27, "NaN", "Infinity", "1e999"):
        assert declared_value(q, answer) is None


# --- item 13: poisoned drafts -----------------------------------------------------------


def test_a_34_digit_amount_is_refused_at_import_naming_the_field(tmp_path, capsys):
    db = tmp_path / "d.sqlite3"
    values = demo_values()
    values["total_liabilities.y2"] = int("9" * 34)
    values["total_assets.y2"] = "0.0001"
    code, out, err = zjtx(capsys, db, "drafts", "import", str(write(tmp_path, values)))
    assert code == 2 and out == ""
    assert "total_liabilities.y2" in err


def test_what_import_accepts_every_command_handles(tmp_path, capsys):
    """A 20-digit amount over a tiny one is accepted (as typed, with an error at the field):
    then show, set, drafts export, export --draft and check --draft all work."""
    db = tmp_path / "d.sqlite3"
    values = demo_values()
    values["total_liabilities.y2"] = int("9" * 20)
    values["total_assets.y2"] = "0.0000000001"
    code, out, _e = zjtx(capsys, db, "drafts", "import", str(write(tmp_path, values)))
    assert code == 0
    every_command(capsys, db, out.split()[0], tmp_path)


def test_a_list_nested_500_deep_in_a_choice_field_is_refused_at_import(tmp_path, capsys):
    db = tmp_path / "d.sqlite3"
    values = demo_values()
    nested: list[object] = ["是"]
    for _ in range(500):
        nested = [nested]
    values["four_base"] = nested
    code, out, err = zjtx(capsys, db, "drafts", "import", str(write(tmp_path, values)))
    assert code == 2 and out == ""
    assert "four_base" in err


# --- item 14: lone surrogates -------------------------------------------------------------


def test_a_lone_surrogate_is_refused_naming_the_field_and_good_files_keep_their_ids(
    tmp_path, capsys
):
    db = tmp_path / "d.sqlite3"
    bad = tmp_path / "bad.json"
    bad.write_text(doc('"enterprise_name": "A\\ud800"'), encoding="utf-8")
    good = []
    for name in ("甲", "乙", "丙"):
        v = demo_values()
        v["enterprise_name"] = f"{name}公司"
        v.pop("credit_code")
        good.append(str(write(tmp_path, v, f"{name}.json")))
    code, out, err = zjtx(capsys, db, "drafts", "import", good[0], str(bad), *good[1:])
    assert code == 2
    assert "enterprise_name" in err and "U+D800" in err
    ids = out.split()
    assert len(ids) == 3
    _c, listed, _e = zjtx(capsys, db, "drafts", "list")
    assert sorted(line.split()[0] for line in listed.splitlines()) == sorted(ids)


def test_a_lone_surrogate_typed_on_the_command_line_is_refused_at_the_field(tmp_path, capsys):
    db = tmp_path / "d.sqlite3"
    _c, out, _e = zjtx(capsys, db, "drafts", "new", FORM)
    app_id = out.strip()
    # what Python gives for an argument that was not valid UTF-8 (surrogateescape)
    code, out, _e = zjtx(capsys, db, "drafts", "set", app_id, "enterprise_name=A\udcff")
    assert code == 1
    assert "enterprise_name" in out
    _c, shown, _e = zjtx(capsys, db, "drafts", "show", "--json", app_id)
    assert "enterprise_name" not in json.loads(shown)["values"]


# --- item 15: deep JSON, huge integers --------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        doc('"company_intro": ' + "[" * 1000 + "]" * 1000),
        doc('"employees": ' + "9" * 5000),
    ],
    ids=["nested-1000", "5000-digits"],
)
def test_unreadable_json_is_file_cannot_be_read_exit_2(tmp_path, capsys, text):
    p = tmp_path / "x.json"
    p.write_text(text, encoding="utf-8")
    db = tmp_path / "d.sqlite3"
    for argv in (
        ["validate", FORM, str(p)],
        ["drafts", "import", str(p)],
        ["check", str(p)],
        ["export", FORM, str(p), "-o", str(tmp_path / "o.pdf")],
    ):
        code, _out, err = zjtx(capsys, db, *argv)
        assert code == 2, argv
        assert "文件无法读取" in err


# --- item 16: no silent number or boolean changes ---------------------------------------


def test_numbers_come_back_exactly_as_written(tmp_path, capsys):
    db = tmp_path / "d.sqlite3"
    p = tmp_path / "n.json"
    p.write_text(
        doc(
            '"market_share.y2": 3.14159265358979323846, '
            '"employees": -0, "total_assets.y2": 1e-7, "rd_expense.y2": 1e309'
        ),
        encoding="utf-8",
    )
    code, out, err = zjtx(capsys, db, "drafts", "import", str(p))
    assert code == 0, err
    _c, shown, _e = zjtx(capsys, db, "drafts", "show", "--json", out.split()[0])
    kept = json.loads(shown)["values"]
    assert kept["market_share.y2"] == "3.14159265358979323846"
    assert kept["employees"] == "-0"
    assert kept["total_assets.y2"] == "1e-7"
    assert kept["rd_expense.y2"] == "1e309"
    code, out, _e = zjtx(capsys, db, "validate", FORM, str(p))
    assert "rd_expense.y2" in out and "数值过大" in out  # never quietly infinity


@pytest.mark.parametrize(
    ("body", "names"),
    [
        ('"enterprise_name": true', "enterprise_name"),
        ('"four_base": false', "four_base"),
        ('"employees": 1, "employees": 2', "employees"),
        ('"employees": NaN', "NaN"),
        ('"employees": Infinity', "Infinity"),
    ],
    ids=["true-into-text", "false-into-choice", "duplicate-key", "nan", "infinity"],
)
def test_booleans_duplicates_and_nan_are_refused_naming_what(tmp_path, capsys, body, names):
    p = tmp_path / "b.json"
    p.write_text(doc(body), encoding="utf-8")
    code, out, err = zjtx(capsys, tmp_path / "d.sqlite3", "drafts", "import", str(p))
    assert code == 2 and out == ""
    assert names in err


def test_verify_reads_data_files_as_every_command_does(tmp_path, capsys):
    p = tmp_path / "deep.json"
    p.write_text(doc('"company_intro": ' + "[" * 1000 + "]" * 1000), encoding="utf-8")
    code, _out, err = zjtx(capsys, tmp_path / "d.sqlite3", "verify", str(p), "ABCDEF123456")
    assert code == 2 and "文件无法读取" in err
