"""The comment targets an official picks from (issue 10: no field ids to type). Expected names
and ids are read from the form file itself, not from the loader or the function under test."""

from __future__ import annotations

from pathlib import Path

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
