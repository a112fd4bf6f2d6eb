"""The 自评表's export carries its check: the points totals and, under each verdict,
“判断依据：<rule set, document, version, grade>” — in PDF, Word and Excel, read back.

Expected texts come from the rule-set files themselves (title, document, version, grade) and
from hand calculation over the demo 自评表 (resources/demo/self-assessment-2026.json):

创新型 2022 (63号 附件1, post2021.md §2.1), demo figures of 2025:
  1 知识产权: 5 项自主研发Ⅰ类, 0 项高价值 → B 15     2 研发费用占比 2010/34600 = 5.81% → A 20
  3 主营业务收入增长率 31100/29900 − 1 = 4.01% → D 5  4 资产负债率 42.04% → A 10
  5 战略性新兴产业 → A 10                              6 主营占比 31100/34600 = 89.88% → A 20
  创新能力 35/40, 成长性 15/30, 专业化 30/30, total 80/100.
专精特新 2022 (附件2, §2.2), assessed 2025-06-01:
  1 89.88% → 5; 2 avg((29900/28100−1), (31100/29900−1)) = (6.41% + 4.01%)/2 = 5.21% → 4;
  3 2011-09-01 to 2025-12-31: 14 years → 5; 4 补短板 → 5 → 专业化 19/25
  5 二级 → 3; 6 three items → min(9, 5) = 5; 7 净利润率 3390/34600 = 9.80% → 8; 8 42.04% → 5
  → 精细化 21/25; 9 特色化 as entered: 9/15; 10 自主研发Ⅰ类 → 8; 11 研发费用 2010万 ≥ 500 → 10;
  12 研发人员 28.9% → 5; 13 省级 → 8 → 创新能力 31/35; total 80/100.
小巨人 2026 (2号 附件2, §4.2) X2: 主营占比 89.88% < 90% → 不满足.
"""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from tests.core.eligibility_data import application
from tests.core.rules_today import SA
from tests.export.readback import docx_text, norm, pdf_text, xlsx_text
from zjtx_desktop.core.eligibility.loader import criteria_dir
from zjtx_desktop.core.export.api import export_blank, export_session
from zjtx_desktop.core.export.model import ExportOptions

READ = {"pdf": pdf_text, "docx": docx_text, "xlsx": xlsx_text}


def caption_of(*ids: str) -> str:
    """“判断依据：…” as the rule-set files say it (an overlay after its base)."""
    named = []
    for rid in ids:
        d = yaml.safe_load((criteria_dir() / f"{rid}.yaml").read_text(encoding="utf-8"))
        note = f"：{d['grade_note']}" if d.get("grade_note") else ""
        named.append(
            f"{d['title']}（{d['source']['document']}，{d['id']} v{d['version']}，"
            f"可信度{d['grade']}级{note}）"
        )
    return "判断依据：" + "；".join(named)


def exported(tmp_path: Path, ext: str, changes: dict[str, str] | None = None) -> str:
    path = tmp_path / f"自评表.{ext}"
    export_session(application((SA,), changes), path, ExportOptions(app_id="t"))
    return READ[ext](path)


@pytest.mark.parametrize("ext", ["pdf", "docx", "xlsx"])
def test_the_self_assessment_prints_its_totals_and_the_rules_applied(tmp_path, ext):
    text = exported(tmp_path, ext)  # the demo: 2026-05-10, 新申请
    assert norm("自评结果") in text
    # which versions the date chose, as at the top of the self-check panel
    assert norm("适用规则（评估日期 2026-05-10，新申请；日期取自评表，类型取自评表）") in text
    # 创新型 2022: each indicator's points, the groups and the total
    assert norm("创新型中小企业评价标准（2022）：尚不能判断") in text
    for row in (
        "[CX-1]与企业主导产品相关的有效知识产权数量15/20分B档",
        "[CX-2]上年度研发费用总额占营业收入总额比重20/20分A档5%以上：研发费用总额占营业收入总额比重2025年5.81%",
        "[CX-3]上年度主营业务收入增长率5/20分D档0%-5%：主营业务收入增长率2025年4.01%",
        "创新能力指标35/40分",
        "成长性指标15/30分",
        "专业化指标30/30分",
        "评价得分合计80/100分",
    ):
        assert norm(row) in text, row
    assert norm(caption_of("cx-2022")) in text
    # the 2026 standards, grade C and marked so, with the 117号 overlay under 小巨人
    assert norm(caption_of("zjtx-2026")) in text
    assert norm("专精特新“小巨人”企业认定标准（2026）：不满足") in text
    assert norm("主营业务收入占营业收入比重2025年89.88%<90%") in text
    assert norm(caption_of("xjr-2026", "xjr-2026-117")) in text
    assert "依第三方整理，待核对官方文本" in text
    # the platform score is not estimated: the condition waits for the platform's figure
    assert norm("依平台评价结果") in text


def test_before_april_2026_the_2022_points_table_and_the_2025_overlay_are_printed(tmp_path):
    text = exported(tmp_path, "pdf", {"assessment_date": "2025-06-01"})
    assert norm("专精特新中小企业认定标准（2022）") in text
    for row in ("专业化指标19/25分", "精细化指标21/25分", "特色化指标9/15分"):
        assert norm(row) in text, row
    assert norm("创新能力指标31/35分") in text
    assert text.count(norm("评价得分合计80/100分")) == 2  # 创新型 and 专精特新, 80 each
    assert norm(caption_of("zjtx-2022")) in text
    assert norm(caption_of("xjr-2022", "xjr-2025-190")) in text
    assert "v2026.1" not in text.split("自评结果")[1]  # no 2026 rule set named as a basis


def test_the_printed_total_follows_the_data(tmp_path):
    # 主营业务收入 2025 31500: growth 31500/29900 − 1 = 5.35% → band C 10 (was D 5): 85
    text = exported(tmp_path, "docx", {"main_business_revenue.y2": "31500"})
    assert norm("[CX-3]上年度主营业务收入增长率10/20分C档5%-10%") in text
    assert norm("评价得分合计85/100分") in text


def test_a_missing_figure_leaves_the_total_open_and_says_so(tmp_path):
    text = exported(tmp_path, "xlsx", {"rd_expense.y2": None})
    # CX-2 (20 points) cannot be scored: 60 known, up to 20 more
    assert norm("评价得分合计60/100分已得60分，另有最多20分的指标待定") in text


def test_the_blank_form_prints_no_verdict(tmp_path):
    path = export_blank([SA], tmp_path / "blank.pdf")
    text = pdf_text(path)
    assert norm("专精特新发展质量评价得分") in text  # the form itself is there
    assert norm("自评结果") not in text and "判断依据" not in text


def test_without_an_assessment_date_no_verdict_is_printed_only_the_request(tmp_path):
    # the panel would use today; paper must read the same when re-rendered another day
    text = exported(tmp_path, "pdf", {"assessment_date": None})
    assert norm("自评结果") in text
    assert (
        norm("未填写自评日期：填写后，按该日期和申请类型选用的认定标准在此打印自评结果。") in text
    )
    assert "判断依据" not in text and norm("评价得分合计") not in text


def test_the_printed_verdict_is_re_rendered_identically_from_the_pdfs_own_data(tmp_path):
    """The verifier re-creates every page from the embedded DATA.json: the 自评结果 pages
    depend on the data and the installed rule versions only, never on the day."""
    from zjtx_desktop.core.exchange.pdfverify import verify_pdf

    path = tmp_path / "自评表.pdf"
    export_session(application((SA,), None), path, ExportOptions(app_id="t"))
    v = verify_pdf(path)
    assert not v.unusable and v.pages >= 5
    assert v.diffs == []
