"""zjtx export and zjtx verify: files written, exit codes, codes read off the paper."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.export.readback import DEMO, pdf_pages, pdf_text
from zjtx_desktop.cli import main
from zjtx_desktop.core.demo import open_or_create_demo
from zjtx_desktop.core.store.drafts import DraftStore

TARGETS = "jl-zd-targets-2021b2"


def run(capsys, *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


@pytest.mark.parametrize("ext", ["pdf", "docx", "xlsx"])
def test_export_a_data_file(capsys, tmp_path: Path, ext: str) -> None:
    out = tmp_path / f"t.{ext}"
    code, stdout, _ = run(capsys, "export", TARGETS, str(DEMO / f"{TARGETS}.json"), "-o", str(out))
    assert code == 0 and out.stat().st_size > 1000
    assert "校验码" in stdout and not list(tmp_path.glob("*.part"))


def test_export_with_errors_is_written_as_a_draft_and_exits_1(capsys, tmp_path: Path) -> None:
    data = json.loads((DEMO / f"{TARGETS}.json").read_text(encoding="utf-8"))
    data["values"]["mbr_share.base"] = "九十"
    src = tmp_path / "bad.json"
    src.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    out = tmp_path / "bad.pdf"
    code, _, err = run(capsys, "export", TARGETS, str(src), "-o", str(out))
    assert code == 1 and "草稿" in err
    assert all("草稿" in p for p in pdf_pages(out))


@pytest.mark.parametrize(
    "argv",
    [
        ["export", TARGETS, "missing.json", "-o", "x.pdf"],
        ["export", "jl-zd-basic-2021b2", str(DEMO / f"{TARGETS}.json"), "-o", "x.pdf"],
        ["export", TARGETS, str(DEMO / f"{TARGETS}.json"), "-o", "x.odt"],
        ["export", "-o", "x.pdf"],
        ["verify", str(DEMO / f"{TARGETS}.json"), "not-a-code"],
        ["verify", "missing.json", "ABCDEF123456"],
    ],
)
def test_unusable_input_exits_2(capsys, tmp_path: Path, monkeypatch, argv: list[str]) -> None:
    monkeypatch.chdir(tmp_path)
    code, _, err = run(capsys, *argv)
    assert code == 2 and err.startswith("错误：")


def test_verify_matches_the_paper_and_detects_a_change(capsys, tmp_path: Path) -> None:
    out = tmp_path / "t.pdf"
    src = DEMO / f"{TARGETS}.json"
    run(capsys, "export", TARGETS, str(src), "-o", str(out))
    text = pdf_pages(out)[0]
    short = text.split("校验码")[1].split()[0]
    assert run(capsys, "verify", str(src), short)[0] == 0
    qr = f"ZJTX|x|{TARGETS}|1|" + "0" * 64
    assert run(capsys, "verify", str(src), qr)[0] == 1
    data = json.loads(src.read_text(encoding="utf-8"))
    data["values"]["mbr_share.target2"] = "95"
    changed = tmp_path / "changed.json"
    changed.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    code, stdout, _ = run(capsys, "verify", str(changed), short)
    assert code == 1 and "不一致" in stdout


def test_export_a_stored_application_as_a_booklet(capsys, tmp_path: Path) -> None:
    db = tmp_path / "drafts.sqlite3"
    store = DraftStore(db)
    app_id = open_or_create_demo(store, "jl-zd-2021b2")
    store.close()
    out = tmp_path / "booklet.pdf"
    code, stdout, _ = run(capsys, "--db", str(db), "export", "--draft", app_id[:6], "-o", str(out))
    assert code == 0, stdout
    text = pdf_text(out)
    assert "目录" in text and "吉林省份第二批重点“小巨人”企业基本情况表" in text
    assert "吉林省份第二批重点“小巨人”企业目标表" in text
    # the whole application verifies against the drafts' own JSON (drafts show --json)
    shown = tmp_path / "app.json"
    code, stdout, _ = run(capsys, "--db", str(db), "drafts", "show", app_id, "--json")
    shown.write_text(stdout, encoding="utf-8")
    first = pdf_pages(out)[1]
    short = first.split("校验码")[1].split()[0]
    assert run(capsys, "verify", str(shown), short)[0] == 0
    assert app_id in first
