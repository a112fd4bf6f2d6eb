"""Reuse (issue 12): a copy, next year's application from last year's, a draft moved to a new
version of its form — each with what was carried, shifted, left empty and dropped."""

from __future__ import annotations

from pathlib import Path

from tests.core.inline import FORM, mini
from zjtx_desktop.core.engine.session import ApplicationSession
from zjtx_desktop.core.forms.loader import load_form_text
from zjtx_desktop.core.forms.registry import get_form
from zjtx_desktop.core.reuse import carry_forward, duplicate, migrate_draft, migrate_values
from zjtx_desktop.core.store.drafts import DraftStore


def mini_next_year():
    """The same form for next year's batch: 2020年 and 2021年."""
    return load_form_text(FORM.replace("{y1: 2019, y2: 2020}", "{y1: 2020, y2: 2021}"), "m.yaml")


def test_next_year_moves_each_figure_to_its_year_and_leaves_the_new_year_empty():
    source = ApplicationSession([mini()])
    source.set_value(("mini", "enterprise_name"), "吉林省恒锐精密机床有限公司")
    source.set_value(("mini", "employees"), "320")
    source.set_value(("mini", "industry_code2"), "34")
    source.set_value(("mini", "operating_revenue.y1"), "23500")  # 2019
    source.set_value(("mini", "operating_revenue.y2"), "26800")  # 2020
    source.set_value(("mini", "main_business_revenue.y2"), "25000")  # 2020
    raw, report = carry_forward(source, [mini_next_year()])
    after = ApplicationSession([mini_next_year()], raw)
    st = after.state("mini")
    # 2020 was the second column, now the first; 2021 is new and empty
    assert st.raw("operating_revenue.y1") == "26800"
    assert st.raw("main_business_revenue.y1") == "25000"
    assert st.raw("operating_revenue.y2") is None
    assert ("mini", "operating_revenue.y2") in report.to_fill
    assert (("mini", "operating_revenue.y2"), ("mini", "operating_revenue.y1")) in report.shifted
    # stable facts carried; a count of people describes "now": asked again
    assert st.raw("enterprise_name") == "吉林省恒锐精密机床有限公司"
    assert st.raw("industry_code2") == "34"
    assert st.raw("employees") is None and ("mini", "employees") in report.to_fill
    # 2019 has no column any more: listed, not silently lost
    assert [r for r, v in report.dropped] == [("mini", "operating_revenue.y1")]
    text = "\n".join(report.lines())
    assert "需要填写" in text and "营业收入（2021年）" in text and "23500" in text


def test_the_recommenders_part_is_not_carried():
    source = ApplicationSession([mini()], role="recommender")
    source.set_value(("mini", "opinion"), "同意")
    raw, _ = carry_forward(source, [mini_next_year()])
    assert ("mini", "opinion") not in raw


def test_a_copy_has_every_value_and_shuoming(tmp_path: Path):
    store = DraftStore(tmp_path / "d.sqlite3")
    form = get_form("jl-zd-basic-2021b2")
    app_id = store.create([form], name="原申报", programme="jl-zd-2021b2")
    store.set_many(app_id, {("", "enterprise_name"): "甲公司", (form.id, "niche_name"): "机床"})
    key = (form.id, "niche_name", "X", "")
    store.explain(app_id, key, "属实")
    copy = duplicate(store, app_id)
    assert copy != app_id
    assert store.values(copy) == store.values(app_id)
    assert store.explanations(copy) == {key: "属实"}
    assert store.get(copy).name == "原申报（副本）"
    assert store.events(copy)[-1][0] == "copied"
    store.set(copy, ("", "enterprise_name"), "乙公司")  # the copy is its own
    assert store.values(app_id)[("", "enterprise_name")] == "甲公司"
    store.close()


def mini_v2():
    """Version 2: 营业收入占比 dropped, 资产总额 new, the intro moved to a part of its own."""
    text = (
        FORM.replace('version: "1"', 'version: "2"')
        .replace(
            "  - {id: mbr_share, label: 主营业务收入占比, section: part1, type: percent, "
            'unit: "%", min: 0, max: 100, columns: years}\n',
            "  - {id: total_assets, label: 资产总额, section: part1, type: amount, unit: 万元}\n",
        )
        .replace("  - {id: part6,", "  - {id: part5, title: 五、企业介绍}\n  - {id: part6,")
        .replace(
            "type: longtext, max_chars: 300}", "type: longtext, max_chars: 300, section: part5}"
        )
    )
    text = text.replace("calculations:", "calculations_unused:")
    text = text.split("calculations_unused:")[0]
    return load_form_text(
        text.replace("section: part1, type: longtext", "type: longtext"), "v2.yaml"
    )


def test_migrating_a_value_reports_moved_dropped_and_new():
    old, new = mini(), mini_v2()
    values = {"mbr_share.y1": "50", "intro": "介绍", "employees": "320"}
    out, report = migrate_values(old, new, values)
    assert out == {"intro": "介绍", "employees": "320"}
    assert [r for r, v in report.dropped] == [("mini", "mbr_share.y1")]
    assert [(r, a, b) for r, a, b in report.moved] == [
        (("mini", "intro"), "一、企业基本情况", "五、企业介绍")
    ]
    assert ("mini", "total_assets") in report.new
    text = "\n".join(report.lines())
    assert "没有带入" in text and "主营业务收入占比（2019年）：50" in text


def test_migrating_a_draft_records_the_new_version_and_keeps_dropped_values(tmp_path: Path):
    store = DraftStore(tmp_path / "d.sqlite3")
    old, new = mini(), mini_v2()
    app_id = store.create([old], name="x")
    store.set_many(app_id, {("mini", "mbr_share.y1"): "50", ("mini", "intro"): "介绍"})
    report = migrate_draft(store, app_id, {"mini": old}, {"mini": new})
    assert store.get(app_id).forms == (("mini", "1"),)  # a dry run changes nothing
    report = migrate_draft(store, app_id, {"mini": old}, {"mini": new}, apply=True)
    assert store.get(app_id).forms == (("mini", "2"),)
    assert store.values(app_id)[("mini", "mbr_share.y1")] == "50"  # kept, not lost
    assert report.dropped and store.events(app_id)[-1][0] == "migrated"
    store.close()


def test_cli_copies_and_starts_next_year(tmp_path: Path, capsys):
    from zjtx_desktop.cli import main
    from zjtx_desktop.core.demo import open_or_create_demo

    db = tmp_path / "cli.sqlite3"
    store = DraftStore(db)
    demo = open_or_create_demo(store, "jl-zd-2021b2")
    store.close()
    capsys.readouterr()
    assert main(["--db", str(db), "reuse", "copy", demo[:6]]) == 0
    copy = capsys.readouterr().out.strip()
    assert main(["--db", str(db), "reuse", "next-year", demo, "--programme", "jl-zd-2021b2"]) == 0
    out = capsys.readouterr().out.splitlines()
    new_id, report = out[0], "\n".join(out[1:])
    assert "原样带入" in report
    store = DraftStore(db)
    assert store.values(copy) == store.values(demo)
    assert (
        store.values(new_id)[("", "enterprise_name")] == store.values(demo)[("", "enterprise_name")]
    )
    store.close()
    assert main(["--db", str(db), "reuse", "copy", "zzzz"]) == 2  # no such application
    assert main(["--db", str(db), "reuse", "migrate", demo]) == 0
    assert "加 --apply" in capsys.readouterr().out
