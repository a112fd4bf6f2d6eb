"""The 安装包 dialog is reachable from the 文件 menu, on the home list and with an application
open, and what it installs is used at once."""

from __future__ import annotations

import pytest

from tests.gui.test_packs_dialog import _pack
from zjtx_desktop.core.eligibility import rulesets
from zjtx_desktop.core.packs.install import _forget_caches
from zjtx_desktop.gui.packs_dialog import PacksDialog


@pytest.fixture(autouse=True)
def packs_dir(tmp_path, monkeypatch):
    monkeypatch.setenv("ZJTX_PACKS", str(tmp_path / "packs"))
    _forget_caches()
    yield tmp_path / "packs"
    monkeypatch.delenv("ZJTX_PACKS")
    _forget_caches()


def _open_dialogs(window) -> list[PacksDialog]:
    return [d for d in window.findChildren(PacksDialog) if d.isVisible()]


def test_file_menu_opens_the_packs_dialog_which_installs(window, qtbot, tmp_path):
    action = window.menus.packs
    assert action in window.menus.file.actions()
    assert action.isEnabled()
    action.trigger()
    [dialog] = _open_dialogs(window)
    assert dialog.install_file(_pack(tmp_path))
    assert rulesets()["xjr-2026"].version == "2026.2"
    dialog.accept()
    qtbot.waitUntil(lambda: not _open_dialogs(window))


def test_the_menu_entry_works_with_an_application_open(window, qtbot):
    window.open_demo("jl-zd-2021b2")
    assert window.menus.packs.isEnabled()
    window.menus.packs.trigger()
    assert len(_open_dialogs(window)) == 1
