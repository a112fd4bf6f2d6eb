"""批量导出 (officials.md §3.11, 002 L669): one booklet per recommended enterprise, the
enterprise's own signed PDF byte for byte, named by the 汇总表's 序号 and the enterprise."""

from __future__ import annotations

import zipfile
from pathlib import Path
from typing import Any

import pytest

from tests.core.workspace_helpers import fixture, new_workspace, recommend
from zjtx_desktop.cli import main
from zjtx_desktop.core.workspace import inbox, summary
from zjtx_desktop.core.workspace.booklets import export_booklets, file_name


def _booklet(package: Path) -> bytes:
    with zipfile.ZipFile(package) as zf:
        return zf.read("print/booklet.pdf")


@pytest.fixture
def ranked(tmp_path: Path, packages: dict[str, Path]) -> tuple[Any, dict[str, str]]:
    """E01, E04, E05 as packages and E02 as a plain DATA.json, all 拟推荐; E05 moved to 1st;
    E03 received but not recommended."""
    ws = new_workspace(tmp_path)
    ids = {}
    for name in ("E01", "E03", "E04", "E05"):
        (out,) = inbox.import_files(ws, [packages[name]])
        ids[name] = out.application_id
    (plain,) = inbox.import_files(ws, [fixture("E02")])
    ids["E02"] = plain.application_id
    for name, cls in (("E01", "a"), ("E04", "b"), ("E05", "b"), ("E02", "a")):
        recommend(ws, ids[name], cls)
    ws.move(ids["E05"], 1)
    return ws, ids


def test_each_recommended_booklet_byte_for_byte_in_rank_order(
    ranked: Any, packages: dict[str, Path], tmp_path: Path
) -> None:
    ws, _ids = ranked
    done = export_booklets(ws, tmp_path / "booklets")
    # the 序号 of the A6 汇总表, by hand: E05 moved to 1; then E01, E04 (received in that
    # order), E02 last (imported last); E03 is not recommended
    assert [p.name for p in done.written] == [
        "01_辽源金川新材料有限公司.pdf",
        "02_吉林省恒锐精密机床有限公司.pdf",
        "03_四平宏达液压件有限公司.pdf",
    ]
    assert [p.read_bytes() for p in done.written] == [
        _booklet(packages["E05"]),
        _booklet(packages["E01"]),
        _booklet(packages["E04"]),
    ]
    assert done.skipped == [
        ("长春华晟传感科技有限公司", "只收到 DATA.json，没有企业签章的 PDF 申报书")
    ]
    a6 = summary.build(ws, "A6")
    assert [(r["seq"], r["name"]) for r in a6.rows][:3] == [
        ("1", "辽源金川新材料有限公司"),
        ("2", "吉林省恒锐精密机床有限公司"),
        ("3", "四平宏达液压件有限公司"),
    ]
    last = ws.conn.execute("SELECT action, reason FROM audit ORDER BY seq DESC").fetchone()
    assert last == ("export_booklets", "导出3份，未导出1份")


def test_file_names_are_safe_and_sort() -> None:
    assert file_name(7, 2, "吉林/某某:科技*有限公司") == "07_吉林_某某_科技_有限公司.pdf"
    assert file_name(7, 3, "甲") == "007_甲.pdf"


def test_cli_export_booklets(
    ranked: Any, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    ws, _ids = ranked
    out = tmp_path / "cli"
    assert main(["workspace", "export-booklets", "--workspace", str(ws.path), "-o", str(out)]) == 0
    text = capsys.readouterr().out
    assert "已导出 3 份申请书" in text and "长春华晟传感科技有限公司：只收到 DATA.json" in text
    assert sorted(p.name for p in out.iterdir())[0] == "01_辽源金川新材料有限公司.pdf"
