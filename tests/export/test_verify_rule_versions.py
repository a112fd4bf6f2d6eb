"""`zjtx verify` of a 自评表 PDF on a machine with other rule packs than the exporting one.

The 自评结果 pages print the verdict under the rule versions that the 自评日期 (demo:
2026-05-10, 新申请) chose among the rule sets installed at export: 创新型 cx-2022 v2022.1,
专精特新 zjtx-2026 v2026.1, 小巨人 xjr-2026 v2026.1 with the 117号 overlay xjr-2026-117
v2026.1 (post2021.md §1, the rule-set files' own ids and versions). A newer 小巨人 pack
(xjr-2026 v2026.2, as in tests/core/test_packs.py) installed after export must not make the
PDF "differ"; a PDF printed under v2026.2 verified where it is not installed cannot have those
pages checked, says so, and still checks every other page.

Pages of the exported file, read off the rendered PDF by hand (申请书 8 pages, 基本情况表 2,
自评表 9): page 9 is the 基本情况表's first page; the 自评结果 heading is on page 14 (the
自评表's 4th page, below its part 六) and the verdict runs to page 19, the last.
"""

from __future__ import annotations

import contextlib
import io
import json
import re
from pathlib import Path
from typing import Any

from tests.core.eligibility_data import application
from tests.core.test_packs import META, newer_xjr, packs_dir  # noqa: F401 (autouse: own ZJTX_PACKS)
from tests.export.readback import norm, pdf_pages
from zjtx_desktop.cli import main
from zjtx_desktop.core.exchange.pdfverify import embedded_data
from zjtx_desktop.core.export.api import build_job, export_session, write
from zjtx_desktop.core.export.model import ExportOptions
from zjtx_desktop.core.export.printdoc import print_document
from zjtx_desktop.core.packs import build_pack, install_pack, remove_pack

FORMS = ("nat-xjr-application-2021", "nat-zd-basic-2021", "self-assessment-2026")
BASIC_PAGE = 9
VERDICT_PAGES = list(range(14, 20))
NOT_CHECKED = (
    "第 14–19 页（自评结果）按规则 xjr-2026 v2026.2 印制，本机未安装该版本的规则包，"
    "这部分未比对、未经核验；安装该规则包后可核验"
)


def install_newer_xjr(tmp_path: Path) -> None:
    install_pack(build_pack(tmp_path / "x.zjtxpack", META, [newer_xjr(tmp_path)]))


def export(path: Path) -> Path:
    export_session(application(FORMS, None), path, ExportOptions(app_id="t"))
    return path


def verify(tmp_path: Path, pdf: Path, *extra: str) -> tuple[int, Any]:
    """``zjtx verify PDF [--json]`` in this process: (exit code, the JSON or the text)."""
    out = io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(io.StringIO()):
        code = main(["--db", str(tmp_path / "drafts.db"), "verify", str(pdf), *extra])
    return code, (json.loads(out.getvalue()) if "--json" in extra else out.getvalue())


def rule_notes(report: dict[str, Any]) -> list[str]:
    return [n for n in report["notes"] if n != "未签名"]


def edit_figure(src: Path, dst: Path, page: int) -> tuple[str, str]:
    """Change the last digit of the first figure of 3+ digits on ``page`` with pikepdf, as a
    PDF editor would; returns (old, new)."""
    import pikepdf

    pdf = pikepdf.open(src)
    contents = pdf.pages[page - 1].obj.Contents
    streams = list(contents) if isinstance(contents, pikepdf.Array) else [contents]
    for s in streams:
        data = s.read_bytes()
        m = re.search(rb"\((\d{3,})\) Tj", data)
        if m:
            old = m.group(1)
            new = old[:-1] + (b"7" if old[-1:] != b"7" else b"8")
            s.write(data[: m.start(1)] + new + data[m.end(1) :])
            pdf.save(dst)
            return old.decode(), new.decode()
    raise AssertionError(f"no figure on page {page}")


def test_the_pages_read_as_the_docstring_says(tmp_path):
    pages = pdf_pages(export(tmp_path / "a.pdf"))
    assert len(pages) == 19
    assert norm("基本情况表") in norm(pages[BASIC_PAGE - 1])
    assert norm("自评结果") not in norm(pages[12]) and norm("自评结果") in norm(pages[13])
    assert "判断依据" in pages[18]


def test_the_embedded_data_records_the_rule_versions_the_verdict_used(tmp_path):
    doc = embedded_data(export(tmp_path / "a.pdf").read_bytes())
    assert doc is not None
    assert doc["print"]["verdict_rules"] == {
        "self-assessment-2026": [
            {"id": "cx-2022", "version": "2022.1", "overlays": []},
            {"id": "zjtx-2026", "version": "2026.1", "overlays": []},
            {
                "id": "xjr-2026",
                "version": "2026.1",
                "overlays": [{"id": "xjr-2026-117", "version": "2026.1"}],
            },
        ]
    }


def test_a_verified_with_the_exporting_machines_packs_matches(tmp_path):
    code, report = verify(tmp_path, export(tmp_path / "a.pdf"), "--json")
    assert code == 0 and report["matches"] and report["differences"] == []
    assert report["unchecked_pages"] == [] and rule_notes(report) == []


def test_b_a_newer_pack_installed_after_export_still_matches(tmp_path):
    pdf = export(tmp_path / "a.pdf")
    install_newer_xjr(tmp_path)  # the date would now choose xjr-2026 v2026.2
    code, report = verify(tmp_path, pdf, "--json")
    assert code == 0 and report["differences"] == [], report["differences"]
    assert report["unchecked_pages"] == [] and rule_notes(report) == []
    code, text = verify(tmp_path, pdf)
    assert code == 0 and "一致：全部 19 页与内嵌数据重新生成的页面相同" in text


def test_b_an_edited_verdict_is_still_caught_when_its_rules_are_installed(tmp_path):
    pdf = export(tmp_path / "a.pdf")
    install_newer_xjr(tmp_path)
    edited = tmp_path / "edited.pdf"
    old, new = edit_figure(pdf, edited, 18)  # a figure in the 小巨人 verdict
    code, report = verify(tmp_path, edited, "--json")
    assert code == 1 and [d["page"] for d in report["differences"]] == [18]
    diff = report["differences"][0]
    assert any(new in ln for ln in diff["extra"]) and any(old in ln for ln in diff["missing"])


def printed_under_the_newer_pack_then_removed(tmp_path: Path) -> Path:
    install_newer_xjr(tmp_path)
    pdf = export(tmp_path / "a.pdf")
    assert "v2026.2" in pdf_pages(pdf)[18]  # the 判断依据 names the pack's version
    remove_pack("xjr-2026-rev")
    return pdf


def test_c_a_recorded_version_not_installed_leaves_only_the_verdict_unchecked(tmp_path):
    pdf = printed_under_the_newer_pack_then_removed(tmp_path)
    code, report = verify(tmp_path, pdf, "--json")
    assert code == 0 and report["differences"] == []
    assert report["unchecked_pages"] == VERDICT_PAGES
    assert rule_notes(report) == [NOT_CHECKED]
    code, text = verify(tmp_path, pdf)
    assert code == 0
    assert f"说明：{NOT_CHECKED}" in text
    assert "一致：比对的 13 页与内嵌数据重新生成的页面相同；另有 6 页自评结果无法在本机核验" in text
    assert "全部 19 页" not in text


def test_c_an_edited_verdict_under_a_missing_version_is_said_to_be_unchecked(tmp_path):
    # an unsigned file's DATA.json can name any version: the verdict is then not vouched for
    pdf = printed_under_the_newer_pack_then_removed(tmp_path)
    edited = tmp_path / "edited.pdf"
    edit_figure(pdf, edited, 18)
    code, report = verify(tmp_path, edited, "--json")
    assert code == 0 and report["differences"] == []
    assert 18 in report["unchecked_pages"] and rule_notes(report) == [NOT_CHECKED]


def test_d_with_c_an_edited_figure_on_the_basic_table_is_still_reported(tmp_path):
    pdf = printed_under_the_newer_pack_then_removed(tmp_path)
    edited = tmp_path / "edited.pdf"
    old, new = edit_figure(pdf, edited, BASIC_PAGE)
    code, report = verify(tmp_path, edited, "--json")
    assert code == 1 and [d["page"] for d in report["differences"]] == [BASIC_PAGE]
    diff = report["differences"][0]
    assert any(new in ln for ln in diff["extra"]) and any(old in ln for ln in diff["missing"])
    assert rule_notes(report) == [NOT_CHECKED]
    code, text = verify(tmp_path, edited)
    assert code == 1 and f"第 {BASIC_PAGE} 页与数据不符" in text


def test_d_a_figure_on_the_self_assessments_own_pages_is_still_compared(tmp_path):
    pdf = printed_under_the_newer_pack_then_removed(tmp_path)
    edited = tmp_path / "edited.pdf"
    edit_figure(pdf, edited, 11)  # the 自评表's first page, above its 自评结果
    code, report = verify(tmp_path, edited, "--json")
    assert code == 1 and [d["page"] for d in report["differences"]] == [11]


def exported_before_versions_were_recorded(path: Path) -> Path:
    """The file as the export wrote it before this change: no ``verdict_rules``."""
    session = application(FORMS, None)
    opts = ExportOptions(app_id="t")
    job, _u, _e = build_job(session, opts)
    doc = print_document(session, opts)
    del doc["print"]["verdict_rules"]
    write(job, path, opts, doc)
    return path


def test_an_older_file_still_matches_where_the_same_rules_are_installed(tmp_path):
    code, report = verify(tmp_path, exported_before_versions_were_recorded(tmp_path / "o.pdf"))
    assert code == 0 and "一致：全部 19 页" in report


def test_an_older_file_differing_only_in_its_verdict_names_the_rules_installed_here(tmp_path):
    pdf = exported_before_versions_were_recorded(tmp_path / "o.pdf")
    install_newer_xjr(tmp_path)
    code, report = verify(tmp_path, pdf, "--json")
    assert code == 1
    assert {d["page"] for d in report["differences"]} <= set(VERDICT_PAGES)
    [note] = rule_notes(report)
    assert "可能来自规则包不同" in note and "没有记录印制时所用的规则版本" in note
    for installed in ("xjr-2026 v2026.1", "xjr-2026 v2026.2", "xjr-2026-117 v2026.1"):
        assert installed in note
    code, text = verify(tmp_path, pdf)
    assert code == 1 and "可能来自规则包不同（见说明）" in text


def test_an_older_file_with_an_edited_basic_table_gets_no_rules_excuse(tmp_path):
    pdf = exported_before_versions_were_recorded(tmp_path / "o.pdf")
    install_newer_xjr(tmp_path)
    edited = tmp_path / "edited.pdf"
    edit_figure(pdf, edited, BASIC_PAGE)
    code, report = verify(tmp_path, edited, "--json")
    assert code == 1 and BASIC_PAGE in [d["page"] for d in report["differences"]]
    assert rule_notes(report) == []


def draft_booklet(path: Path) -> Path:
    """目录, the 自评表 then the 基本情况表, the closing list of problems; a wrong 统一社会信用代码
    makes it a draft (草稿 on every page); printed 双面 with the 骑缝章 strip."""
    forms = ("self-assessment-2026", "nat-zd-basic-2021")
    opts = ExportOptions(app_id="t", seam_strip=True, duplex=True)
    session = application(forms, {"credit_code": "123"})
    assert export_session(session, path, opts, booklet=True, title="册").draft
    return path


def test_a_double_sided_draft_booklet_matches_where_it_was_made(tmp_path):
    # 双面 mirrors the margins, which moves the 草稿 mark among the lines the text extraction
    # gives: the re-rendering must be double-sided too
    code, report = verify(tmp_path, draft_booklet(tmp_path / "b.pdf"), "--json")
    assert code == 0 and report["differences"] == [], report["differences"]


def test_c_a_double_sided_draft_booklet_under_a_missing_version(tmp_path):
    install_newer_xjr(tmp_path)
    pdf = draft_booklet(tmp_path / "b.pdf")
    pages = pdf_pages(pdf)  # 目录 1, 自评表 2–10 (自评结果 from page 5), 基本情况表 11–12
    assert norm("自评结果") not in norm(pages[3]) and norm("自评结果") in norm(pages[4])
    assert "判断依据" in pages[9] and norm("基本情况表") in norm(pages[10])
    remove_pack("xjr-2026-rev")
    code, report = verify(tmp_path, pdf, "--json")
    assert code == 0 and report["differences"] == [], report["differences"]
    assert report["unchecked_pages"] == [5, 6, 7, 8, 9, 10]
    assert rule_notes(report) == [NOT_CHECKED.replace("14–19", "5–10")]
