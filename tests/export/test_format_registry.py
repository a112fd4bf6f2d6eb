"""One registry of export formats: the API writes what it lists, the CLI accepts and names what
it lists, and a format added to it is written by ``zjtx export`` with no other change.
(The window's export dialog reads the same registry: tests/gui/test_export_formats_dialog.py.)"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest

from tests.export.readback import DEMO
from zjtx_desktop.cli import build_parser, main
from zjtx_desktop.core.export import formats as registry
from zjtx_desktop.core.export.api import ExportError, write
from zjtx_desktop.core.export.formats import ExportFormat

TARGETS = "jl-zd-targets-2021b2"


def render_txt(job: Any, out: Path, opts: Any) -> None:
    """A writer of the test's own format: one line per form, its title and 校验码."""
    lines = [f"{f.title}\t{f.proof.sha256[:12].upper()}" for f in job.forms]
    Path(out).write_text("\n".join(lines) + "\n", encoding="utf-8")


TXT = ExportFormat("txt", ".txt", "文本", "纯文本（核对用）", f"{__name__}:render_txt")


@pytest.fixture
def with_txt():
    registry.register_format(TXT)
    yield TXT
    registry.unregister_format(".txt")


def test_the_shipped_formats_in_the_order_the_dialog_shows_them():
    assert [(f.id, f.suffix, f.label, f.file_filter) for f in registry.formats()] == [
        ("pdf", ".pdf", "PDF（打印、盖章用）", "PDF (*.pdf)"),
        ("docx", ".docx", "Word（可编辑电子版）", "Word (*.docx)"),
        ("xlsx", ".xlsx", "Excel（可编辑表格）", "Excel (*.xlsx)"),
    ]
    assert registry.format_for(".PDF") is registry.PDF  # the suffix in any case
    assert registry.format_for(".odt") is None
    # what each can carry out: the PDF alone has the 骑缝章 strip, the compare proof and the
    # embedded DATA.json; Excel has no symmetric margins
    assert [f.id for f in registry.formats() if f.duplex] == ["pdf", "docx"]
    assert [f.id for f in registry.formats() if f.seam_strip] == ["pdf"]
    assert [f.id for f in registry.formats() if f.compare] == ["pdf"]
    assert [f.id for f in registry.formats() if f.embeds_data] == ["pdf"]


def test_options_a_format_cannot_carry_out_are_said_in_its_words():
    assert registry.unsupported_warnings(registry.EXCEL, duplex=True, seam_strip=True) == [
        "Excel 没有对称页边距：双面打印请导出 PDF 或 Word",
        "骑缝章位置条只在 PDF 中打印：Word/Excel 无法在页边固定位置绘制，请导出 PDF",
    ]
    assert registry.unsupported_warnings(registry.WORD, duplex=True, seam_strip=False) == []
    assert registry.unsupported_warnings(registry.PDF, duplex=True, seam_strip=True) == []


def test_an_unknown_suffix_is_refused_by_the_cli_naming_the_registry_s_formats(capsys, tmp_path):
    out = tmp_path / "t.odt"
    assert main(["export", TARGETS, str(DEMO / f"{TARGETS}.json"), "-o", str(out)]) == 2
    assert f"输出文件应为 .pdf、.docx 或 .xlsx：{out}" in capsys.readouterr().err
    with pytest.raises(ExportError, match=re.escape("可导出 .pdf、.docx、.xlsx")):
        write(None, out)  # type: ignore[arg-type]


def test_a_format_added_to_the_registry_is_accepted_listed_and_written_by_the_cli(
    with_txt, capsys, tmp_path
):
    with pytest.raises(SystemExit):
        main(["export", "--help"])
    assert "输出文件 .pdf / .docx / .xlsx / .txt" in capsys.readouterr().out
    assert "导出 PDF、Word、Excel 或 文本" in build_parser().format_help()
    out = tmp_path / "核对.txt"
    code = main(["export", TARGETS, str(DEMO / f"{TARGETS}.json"), "-o", str(out)])
    assert code == 0, capsys.readouterr().err
    lines = out.read_text(encoding="utf-8").splitlines()
    assert len(lines) == 1 and lines[0].startswith("吉林省")  # the form's title, by our writer
    assert lines[0].split("\t")[1] in capsys.readouterr().out  # the same 校验码 the CLI printed
    assert not list(tmp_path.glob("*.part"))


def test_a_removed_format_is_refused_again(with_txt, capsys, tmp_path):
    registry.unregister_format(".txt")
    out = tmp_path / "t.txt"
    assert main(["export", TARGETS, str(DEMO / f"{TARGETS}.json"), "-o", str(out)]) == 2
    assert not out.exists()
