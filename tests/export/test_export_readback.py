"""Every export of every demo form, read back, holds every official label and every value."""

from __future__ import annotations

import pytest

from tests.export.readback import (
    demo_ids,
    demo_session,
    demo_values,
    docx_text,
    missing,
    official_texts,
    pdf_text,
    xlsx_text,
)

READERS = {"pdf": pdf_text, "docx": docx_text, "xlsx": xlsx_text}


@pytest.mark.parametrize("ext", ["pdf", "docx", "xlsx"])
@pytest.mark.parametrize("form_id", demo_ids())
def test_labels_and_values_read_back(exports, form_id: str, ext: str) -> None:
    form, session, values = demo_session(form_id)
    text = READERS[ext](exports[(form_id, ext)].path)
    labels = official_texts(form)
    assert len(labels) > 20
    assert missing(labels, text) == []
    wanted = demo_values(form, session, values)
    assert len(wanted) > 10
    assert missing(wanted, text) == []


def test_demo_forms_cover_all_three_kinds() -> None:
    kinds = {demo_session(i)[0].kind for i in demo_ids()}
    assert kinds == {"application", "basic_info", "targets", "self_assessment"}


def test_helper_values_are_not_printed(exports) -> None:
    form, _, values = demo_session("nat-xjr-application-2021")
    helpers = [fid for fid in values if form.fields[fid].helper]
    assert helpers
    text = pdf_text(exports[("nat-xjr-application-2021", "pdf")].path)
    for fid in helpers:
        label = form.fields[fid].label
        assert label.replace("（", "").split("（")[0] not in text or fid == "own_brand", fid
    assert "13100" not in text and "14200" not in text  # 负债总额 (helper) is not on the form
