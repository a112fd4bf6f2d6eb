"""The self-check panel of an open application evaluates again as soon as a rule pack is
installed or removed in the 安装包 dialog, without waiting for the next edit."""

from __future__ import annotations

import pytest

from tests.gui.test_packs_dialog import _pack
from zjtx_desktop.core.packs.install import _forget_caches


@pytest.fixture(autouse=True)
def packs_dir(tmp_path, monkeypatch):
    monkeypatch.setenv("ZJTX_PACKS", str(tmp_path / "packs"))
    _forget_caches()
    yield tmp_path / "packs"
    monkeypatch.delenv("ZJTX_PACKS")
    _forget_caches()


def _xjr_line(panel) -> str:
    return next(ln for ln in panel.rules_label.text().splitlines() if ln.startswith("小巨人"))


def test_installing_and_removing_a_pack_updates_the_open_panel(window, qtbot, tmp_path):
    page = window.open_demo("self-check-2026")
    panel = page.eligibility
    qtbot.waitUntil(lambda: bool(panel.results), timeout=10000)
    # the demo 自评表 is dated in 2026 after 04-01, a 新申请: 2号 附件2 as shipped (2026.1)
    assert "工信部企业〔2026〕2号 附件2（第2026.1版）" in _xjr_line(panel)
    offered = [panel.version_box.itemData(i) for i in range(panel.version_box.count())]
    edits = len(page.app.store.history(page.app.id))
    dialog = window.home.show_packs()
    # the pack: the shipped xjr-2026 as version 2026.2, same document date (chosen by version)
    assert dialog.install_file(_pack(tmp_path))
    # no edit, no timer: the panel already reads the newer version
    assert "（第2026.2版）" in _xjr_line(panel)
    assert [panel.version_box.itemData(i) for i in range(panel.version_box.count())] == offered
    dialog.tree.setCurrentItem(dialog.tree.topLevelItem(0))
    dialog.remove_selected()
    assert "（第2026.1版）" in _xjr_line(panel)
    assert len(page.app.store.history(page.app.id)) == edits  # nothing was written
    dialog.accept()
