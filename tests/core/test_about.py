"""`zjtx --version` / core.about: what is installed, read from the shipped files."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def _zjtx(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "zjtx_desktop", *args],
        capture_output=True,
        text=True,
        encoding="utf-8",
        env={**os.environ, "ZJTX_CACHE": "off", **(env or {})},
        timeout=60,
    )


def _shipped(folder: Path) -> dict[str, str]:
    """id → version, straight from the files' own top-level lines."""
    out = {}
    for p in sorted(folder.glob("*.yaml")):
        text = p.read_text(encoding="utf-8")
        fid = re.search(r"^id: *(\S+)", text, re.M)
        ver = re.search(r"^version: *\"?([^\"\n]+)", text, re.M)
        assert fid and ver, p
        out[fid.group(1)] = ver.group(1)
    return out


def test_version_lists_app_forms_and_rule_sets_with_versions(tmp_path: Path) -> None:
    r = _zjtx("--db", str(tmp_path / "d.sqlite3"), "--version")
    assert r.returncode == 0, r.stderr
    first = r.stdout.splitlines()[0]
    init = (ROOT / "zjtx_desktop" / "__init__.py").read_text(encoding="utf-8")
    version = re.search(r'__version__ = "([^"]+)"', init)
    assert version and first == f"专精特新申报助手 ZJTX Desktop {version.group(1)}"
    # the 申请书 is at its own version 2021.1, the others at 1 (forms/*.yaml)
    assert re.search(
        r"nat-xjr-application-2021 +v2021\.1 +第三批专精特新“小巨人”企业申请书", r.stdout
    )
    forms = _shipped(ROOT / "forms")
    rules = _shipped(ROOT / "forms" / "programmes" / "criteria")
    assert len(forms) >= 7 and len(rules) >= 5
    for fid, ver in {**forms, **rules}.items():
        assert re.search(rf"^  {re.escape(fid)} +v{re.escape(ver)} ", r.stdout, re.M), fid
    assert f"草稿数据库：{tmp_path / 'd.sqlite3'}" in r.stdout


def test_about_json_says_where_data_lives(tmp_path: Path) -> None:
    r = _zjtx("about", "--json", env={"ZJTX_USER_DATA": str(tmp_path)})
    assert r.returncode == 0, r.stderr
    info = json.loads(r.stdout)
    assert info["data_root"] == str(ROOT) and info["data_root_kind"] == "checkout"
    assert info["user_data_dir"] == str(tmp_path)
    assert info["db_path"] == str(tmp_path / "drafts.sqlite3")
    assert info["frozen"] is False
    assert {f["id"] for f in info["forms"]} == set(_shipped(ROOT / "forms"))


def test_one_unreadable_form_is_named_and_the_rest_still_listed(tmp_path: Path) -> None:
    shutil.copytree(ROOT / "forms", tmp_path / "forms")
    (tmp_path / "resources").mkdir()
    bad = tmp_path / "forms" / "nat-zd-targets-2021.yaml"
    bad.write_text(bad.read_text(encoding="utf-8") + "\n  : : [unclosed\n", encoding="utf-8")
    r = _zjtx("--version", env={"ZJTX_HOME": str(tmp_path)})
    assert r.returncode == 0, r.stderr
    assert re.search(r"^  nat-zd-targets-2021 +无法读取：", r.stdout, re.M)
    assert re.search(r"^  nat-zd-basic-2021 +v1 ", r.stdout, re.M)
    assert "（ZJTX_HOME）" in r.stdout


def test_about_needs_no_qt() -> None:
    code = (
        "import sys; from zjtx_desktop.core.about import about; about(); "
        "print(any(m.startswith('PySide6') for m in sys.modules))"
    )
    r = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert r.returncode == 0, r.stderr
    assert r.stdout.strip() == "False"


def test_a_broken_install_is_reported_not_a_traceback(tmp_path: Path) -> None:
    (tmp_path / "forms").mkdir()  # resources/ missing
    r = _zjtx("forms", "list", env={"ZJTX_HOME": str(tmp_path)})
    assert r.returncode == 2
    assert r.stderr.startswith("错误：找不到程序数据（forms/ 与 resources/），安装不完整。")
    assert "Traceback" not in r.stderr


def test_version_and_about_list_an_installed_pack_beside_the_shipped_rule_sets(
    tmp_path: Path,
) -> None:
    """A pack installed into the user packs dir (ZJTX_PACKS) is listed with its rule set's
    version and grade; the shipped rule sets carry their grade (from the files' own lines)."""
    from zjtx_desktop.core.packs import build_pack

    src = tmp_path / "src" / "criteria"
    src.mkdir(parents=True)
    text = (ROOT / "forms/programmes/criteria/xjr-2026.yaml").read_text(encoding="utf-8")
    (src / "xjr-2026.yaml").write_text(
        text.replace('version: "2026.1"', 'version: "2026.2"'), encoding="utf-8"
    )
    meta = {
        "id": "xjr-2026-rev",
        "version": "7",
        "date": "2026-07-01",
        "title": "小巨人认定标准（2026，修订）",
        "sources": [{"document": "工信部企业〔2026〕2号"}],
    }
    pack = build_pack(tmp_path / "x.zjtxpack", meta, [src / "xjr-2026.yaml"])
    env = {"ZJTX_PACKS": str(tmp_path / "packs")}
    before = _zjtx("--version", env=env)
    assert "已安装的安装包" in before.stdout and "xjr-2026-rev" not in before.stdout
    r = _zjtx("packs", "install", str(pack), env=env)
    assert r.returncode == 0, r.stderr
    r = _zjtx("--version", env=env)
    assert r.returncode == 0, r.stderr
    head, _, installed = r.stdout.partition(f"已安装的安装包（{tmp_path / 'packs'}）：")
    assert installed, r.stdout
    pack_line = r"^  xjr-2026-rev 第7版（2026-07-01）小巨人认定标准（2026，修订）"
    assert re.search(pack_line, installed, re.M)
    rule_line = r"^    xjr-2026 +v2026\.2 +可信度C级 专精特新“小巨人”企业认定标准（2026）"
    assert re.search(rule_line, installed, re.M)
    # the shipped rule sets are still listed above, each with its own version and grade
    grades = {}
    for p in sorted((ROOT / "forms/programmes/criteria").glob("*.yaml")):
        t = p.read_text(encoding="utf-8")
        fid = re.search(r"^id: *(\S+)", t, re.M)
        grade = re.search(r"^grade: *([A-D])", t, re.M)
        assert fid and grade, p
        grades[fid.group(1)] = grade.group(1)
    for fid, ver in _shipped(ROOT / "forms" / "programmes" / "criteria").items():
        line = rf"^  {re.escape(fid)} +v{re.escape(ver)} +可信度{grades[fid]}级 "
        assert re.search(line, head, re.M), fid
    info = json.loads(_zjtx("about", "--json", env=env).stdout)
    [p] = info["packs"]
    assert (p["id"], p["version"], p["problems"]) == ("xjr-2026-rev", "7", [])
    assert p["rulesets"] == [
        {
            "id": "xjr-2026",
            "version": "2026.2",
            "title": "专精特新“小巨人”企业认定标准（2026）",
            "grade": "C",
        }
    ]
    assert {r["id"]: r["grade"] for r in info["rulesets"]} == grades
