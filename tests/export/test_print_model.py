"""The print model: what prints, what stays blank, and the digest that proves the paper."""

from __future__ import annotations

from tests.export.readback import demo_session
from zjtx_desktop.core.export import fonts
from zjtx_desktop.core.export.build import build_form
from zjtx_desktop.core.export.model import CHECKED, Table
from zjtx_desktop.core.export.proof import (
    BadCode,
    check_code,
    form_sha256,
    parse_code,
    qr_payload,
)
from zjtx_desktop.core.export.values import VALUE_RENDERERS
from zjtx_desktop.core.fieldtypes import FIELD_TYPES

RARE = "赟喆珺堃昇犇淼"


def _texts(pf, section_title: str | None = None) -> str:
    return "\n".join(pf.texts())


def test_every_field_type_has_a_value_renderer() -> None:
    assert set(VALUE_RENDERERS) == set(FIELD_TYPES)


def test_hidden_field_prints_blank_and_is_not_in_the_digest() -> None:
    form, session, _ = demo_session("jl-zd-basic-2021b2")
    state = session.state(form.id)
    before = form_sha256(state)
    session.set_value((form.id, "four_base_items"), ["关键基础材料"])  # hidden: four_base is 否
    assert not state.relevant["four_base_items"]
    text = _texts(build_form(form, session))
    assert "☐关键基础材料" in text and f"{CHECKED}关键基础材料" not in text
    assert form_sha256(state) == before
    session.set_value((form.id, "four_base"), "是")  # now shown: printed and in the digest
    text = _texts(build_form(form, session))
    assert f"{CHECKED}关键基础材料" in text
    assert form_sha256(state) != before


def test_choices_print_every_option_with_one_box_ticked() -> None:
    form, session, _ = demo_session("jl-zd-basic-2021b2")
    text = _texts(build_form(form, session))
    assert "☑中型 ☐小型 ☐微型" in text
    assert "☐国有 ☑民营 ☐合资 ☐外资" in text


def test_recommender_part_is_empty_on_the_enterprise_copy() -> None:
    form, session, _ = demo_session("nat-xjr-application-2021")
    session.set_value((form.id, "review_opinion"), "同意")
    session.set_value((form.id, "class_indicator"), "a")
    session.set_value((form.id, "review_mandatory_count"), "6")

    def part6(copy: str) -> str:
        pf = build_form(form, session, copy=copy)
        cells = []
        for b in pf.blocks:
            if isinstance(b, Table):
                cells += [c for r in b.rows for c in r.cells if c.field in form.fields]
        return "".join(c.text for c in cells if form.fields[c.field].section == "part6")

    assert CHECKED not in part6("enterprise") and "中的6项" not in part6("enterprise")
    assert "中的6项" in part6("full") and f"不低于3%；{CHECKED}" in part6("full")  # □ after a.
    state = session.state(form.id)
    assert form_sha256(state, "enterprise") != form_sha256(state, "full")


def test_helper_fields_and_sections_do_not_print() -> None:
    form, session, _ = demo_session("nat-xjr-application-2021")
    pf = build_form(form, session)
    text = _texts(pf)
    assert "辅助数据" not in text and "负债总额" not in text
    printed_fields = {
        c.field for b in pf.blocks if isinstance(b, Table) for r in b.rows for c in r.cells
    }
    assert not {f.id for f in form.fields.values() if f.helper} & printed_fields


def test_fixed_cells_print_their_text() -> None:
    form, session, _ = demo_session("jl-zd-targets-2021b2")
    cells = [
        c
        for b in build_form(form, session).blocks
        if isinstance(b, Table)
        for r in b.rows
        for c in r.cells
    ]
    assert [c.text for c in cells if c.kind == "fixed"] == ["无需填写"] * 4


def test_target_table_merges_each_group_down() -> None:
    form, session, _ = demo_session("jl-zd-targets-2021b2")
    [table] = [b for b in build_form(form, session).blocks if isinstance(b, Table)]
    groups = [(c.text, c.rowspan) for r in table.rows for c in r.cells if c.kind == "group"]
    assert groups == [("专业化程度", 4), ("创新能力", 8), ("经营管理", 3), ("成长性", 4)]
    assert [c.text for c in table.rows[0].cells] == [
        "一级指标",
        "二级指标",
        "实施期初始值",
        "实施期满一年目标",
        "实施期满两年目标",
    ]


def test_every_printed_character_has_a_glyph_including_rare_names() -> None:
    form, session, _ = demo_session("nat-xjr-application-2021")
    session.set_value((form.id, "enterprise_name"), f"{RARE}精密机械有限公司")
    session.set_value((form.id, "contact_name"), "王赟")
    text = _texts(build_form(form, session, copy="full"))
    assert RARE in text
    assert fonts.missing_glyphs(text) == []
    assert fonts.missing_glyphs("☑☐✓□√★①" + RARE) == []
    assert fonts.missing_glyphs("𠮷") == ["𠮷"]  # Extension B is not in the subset: reported


def test_symbols_fall_back_to_the_symbol_font() -> None:
    runs = fonts.split_runs("☑是 ☐否")
    assert runs == [
        (fonts.SYMBOL, "☑"),
        (fonts.MAIN, "是 "),
        (fonts.SYMBOL, "☐"),
        (fonts.MAIN, "否"),
    ]


def test_codes_are_read_from_footer_digest_sha256_or_qr_text() -> None:
    form, session, _ = demo_session("jl-zd-targets-2021b2")
    state = session.state(form.id)
    proof = build_form(form, session, app_id="A1").proof
    assert proof.sha256 == form_sha256(state) and len(proof.short) == 12
    for text in (
        proof.short,
        proof.short.lower(),
        proof.sha256,
        proof.qr_text,
        f"{proof.short[:4]}-{proof.short[4:8]}-{proof.short[8:]}",
    ):
        assert check_code(state, parse_code(text)), text
    assert qr_payload(proof).split("|") == ["ZJTX", "A1", form.id, form.version, proof.sha256]
    other = parse_code(proof.qr_text.replace(form.id, "jl-zd-basic-2021b2"))
    assert not check_code(state, other)
    session.set_value((form.id, "mbr_share.base"), "93.67")
    assert not check_code(state, parse_code(proof.short))
    for bad in ("", "12345", "ZJTX|x|y|1|zz", "G" * 12):
        try:
            parse_code(bad)
        except BadCode:
            continue
        raise AssertionError(bad)


def test_cover_lines_the_recommender_fills_print_empty_on_the_enterprise_copy() -> None:
    form, session, _ = demo_session("nat-xjr-application-2021")
    session.set_value((form.id, "recommend_unit"), "吉林省工业和信息化厅")
    session.set_value((form.id, "recommend_date"), "2021-05-20")
    enterprise = _texts(build_form(form, session, copy="enterprise"))
    full = _texts(build_form(form, session, copy="full"))
    assert (
        "吉林省工业和信息化厅" not in enterprise
        and "2021" not in enterprise.split("推荐时间")[1][:30]
    )
    assert "吉林省工业和信息化厅" in full
    assert (
        "推荐时间" in enterprise and "推荐单位（盖章）" in enterprise
    )  # the lines themselves print


def test_a_signature_file_that_is_not_a_picture_is_refused_with_a_message(tmp_path) -> None:
    import pytest

    from zjtx_desktop.core.export.api import ExportError, export_session
    from zjtx_desktop.core.export.model import ExportOptions

    _form, session, _ = demo_session("jl-zd-basic-2021b2")
    bad = tmp_path / "签名.png"
    bad.write_text("not a picture", encoding="utf-8")
    for suffix in (".pdf", ".docx"):
        out = tmp_path / f"out{suffix}"
        with pytest.raises(
            ExportError, match=r"签名图片 签名\.png 不是能读取的图片：请选择 PNG 图片"
        ):
            export_session(session, out, ExportOptions(signature_image=bad))
        assert not out.exists() and not out.with_name(out.name + ".part").exists()
