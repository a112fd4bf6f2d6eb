"""The comment targets an official picks from (issue 10: no field ids to type). Expected names
and ids are read from the form file itself, not from the loader or the function under test."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml

from tests.core.workspace_helpers import FORM, with_evidence
from zjtx_desktop.core.workspace.comment_targets import comment_targets, field_name

FORM_FILE = Path(__file__).resolve().parents[2] / "forms" / f"{FORM}.yaml"


def _form() -> dict:  # type: ignore[type-arg]
    return yaml.safe_load(FORM_FILE.read_text(encoding="utf-8"))


def test_every_enterprise_field_named_as_printed_and_mapped_to_its_id(tmp_path: Path) -> None:
    doc = _form()
    ws = with_evidence(tmp_path)
    targets = {t.text: t for t in comment_targets(ws, "A1")}
    assert len(targets) == len(comment_targets(ws, "A1"))  # no two entries read the same
    # 营业收入 of the year 2020: its column id from the file's params and columns
    year_col = next(c["id"] for c in doc["columns"]["years"]
                    if str(doc["params"][c["year"].strip("{}")]) == "2020")  # fmt: skip
    section = next(s["title"] for s in doc["sections"] if s["id"] == "part2")
    name = f"{doc['short_title']} › {section} › 营业收入（2020年）"
    t = targets[name]
    assert (t.form_id, t.field_id, t.slot, t.file) == (
        FORM,
        f"operating_revenue.{year_col}",
        "",
        "",
    )
    assert field_name(FORM, f"operating_revenue.{year_col}") == name
    # 整体意见 and each 佐证材料 with its title
    assert (targets["整体意见"].form_id, targets["整体意见"].field_id) == ("general", "")
    e2 = targets["佐证材料 E002 审计报告"]
    assert (e2.form_id, e2.field_id, e2.file) == ("evidence", "", "E002")
    # the recommender's own entries (part 六) are not offered to comment on
    part6 = [s["title"] for s in doc["sections"] if s.get("filled_by") == "recommender"]
    assert part6 and not [n for n in targets if any(f" › {p} › " in n for p in part6)]
    # every enterprise section is there
    enterprise = [
        s["title"]
        for s in doc["sections"]
        if s.get("filled_by", "enterprise") == "enterprise" and s["id"] != "cover"
    ]
    assert all(any(f" › {p} › " in n for n in targets) for p in enterprise)


def test_an_unknown_field_keeps_its_id() -> None:
    assert field_name(FORM, "no_such_field") == "no_such_field"
    assert field_name("no-such-form", "x") == "x"


def _year_col(doc: dict, year: int) -> str:  # type: ignore[type-arg]
    return next(c["id"] for c in doc["columns"]["years"]
                if str(doc["params"][c["year"].strip("{}")]) == str(year))  # fmt: skip


def test_a_target_is_found_by_its_name_a_unique_part_of_it_its_id_or_its_evidence_number(
    tmp_path: Path,
) -> None:
    from zjtx_desktop.core.workspace.comment_targets import find_target

    doc = _form()
    ws = with_evidence(tmp_path)
    targets = comment_targets(ws, "A1")
    col = _year_col(doc, 2020)
    by_part = find_target(targets, " 营业收入（2020年） ")  # a unique part, spaces around
    assert (by_part.form_id, by_part.field_id) == (FORM, f"operating_revenue.{col}")
    assert find_target(targets, f"operating_revenue.{col}") == by_part
    assert find_target(targets, "E002").file == "E002"
    assert find_target(targets, "审计报告").file == "E002"
    assert find_target(targets, "整体意见").form_id == "general"


def test_an_ambiguous_or_unknown_target_is_refused_with_the_candidates(tmp_path: Path) -> None:
    from zjtx_desktop.core.workspace.comment_targets import find_target
    from zjtx_desktop.core.workspace.workspace import WorkspaceError

    ws = with_evidence(tmp_path)
    targets = comment_targets(ws, "A1")
    with pytest.raises(WorkspaceError) as e:
        find_target(targets, "营业收入")  # one per year: three entries at least
    assert "项包含“营业收入”，请写得更具体" in str(e.value)
    assert "营业收入（2020年）" in str(e.value)
    with pytest.raises(WorkspaceError, match="没有“净资产收益率X”这一项"):
        find_target(targets, "净资产收益率X")
    with pytest.raises(WorkspaceError, match="请选择意见针对的字段"):
        find_target(targets, "  ")


def test_the_cli_comments_on_a_field_named_as_the_window_names_it(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from zjtx_desktop.cli import main

    doc = _form()
    with_evidence(tmp_path).close()
    ws = str(tmp_path / "ws.sqlite")
    assert main(["review", "targets", "--workspace", ws, "A1"]) == 0
    listed = capsys.readouterr().out.splitlines()
    assert listed[0] == "整体意见" and "佐证材料 E002 审计报告" in listed
    args = ["review", "comment", "--workspace", ws, "A1", "--text", "请附审计报告原件"]
    assert main([*args, "--target", "营业收入（2020年）"]) == 0
    capsys.readouterr()
    assert main([*args, "--target", "营业收入"]) == 1  # ambiguous: nothing written
    assert "请写得更具体" in capsys.readouterr().err
    assert main(["review", "comments", "--workspace", ws, "A1", "--json"]) == 0
    comments = json.loads(capsys.readouterr().out)
    assert [(c["form_id"], c["field_id"]) for c in comments] == [
        (FORM, f"operating_revenue.{_year_col(doc, 2020)}")
    ]
