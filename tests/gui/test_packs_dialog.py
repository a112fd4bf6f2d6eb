"""The window's 安装包 dialog installs, lists and removes packs as `zjtx packs` does."""

from __future__ import annotations

import pytest

from zjtx_desktop.core.eligibility import rulesets
from zjtx_desktop.core.eligibility.loader import criteria_dir
from zjtx_desktop.core.packs import build_pack
from zjtx_desktop.core.packs.install import _forget_caches
from zjtx_desktop.gui.packs_dialog import PacksDialog

META = {
    "id": "xjr-2026-rev",
    "version": "2026.2",
    "date": "2026-07-01",
    "title": "小巨人认定标准（2026，修订）",
    "sources": [{"document": "工信部企业〔2026〕2号"}],
}


@pytest.fixture(autouse=True)
def packs_dir(tmp_path, monkeypatch):
    monkeypatch.setenv("ZJTX_PACKS", str(tmp_path / "packs"))
    _forget_caches()
    yield tmp_path / "packs"
    monkeypatch.delenv("ZJTX_PACKS")
    _forget_caches()


def _pack(tmp_path, text_change=("", "")):
    text = (criteria_dir() / "xjr-2026.yaml").read_text(encoding="utf-8")
    text = text.replace('version: "2026.1"', 'version: "2026.2"').replace(*text_change)
    d = tmp_path / "criteria"
    d.mkdir(exist_ok=True)
    (d / "xjr-2026.yaml").write_text(text, encoding="utf-8")
    return build_pack(tmp_path / "x.zjtxpack", META, [d / "xjr-2026.yaml"])


def test_install_list_and_remove_in_the_window(qtbot, tmp_path):
    dialog = PacksDialog()
    qtbot.addWidget(dialog)
    assert dialog.install_file(_pack(tmp_path))
    assert "已安装" in dialog.message.text()
    top = dialog.tree.topLevelItem(0)
    assert top.text(1) == "2026.2"
    assert rulesets()["xjr-2026"].version == "2026.2"
    dialog.tree.setCurrentItem(top)
    dialog.remove_selected()
    assert rulesets()["xjr-2026"].version == "2026.1"
    assert "没有已安装" in dialog.tree.topLevelItem(0).text(0)


def test_a_refused_pack_says_why_and_installs_nothing(qtbot, tmp_path, packs_dir):
    dialog = PacksDialog()
    qtbot.addWidget(dialog)
    bad = _pack(tmp_path, ("expr: operating_revenue.y2", "expr: turnover.y2"))
    assert not dialog.install_file(bad)
    assert "拒绝安装" in dialog.message.text() and "turnover" in dialog.message.text()
    assert not packs_dir.exists() or not [p for p in packs_dir.rglob("*") if p.is_file()]
