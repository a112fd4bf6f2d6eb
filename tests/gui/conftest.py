"""The main window on a fresh database, with message boxes recorded instead of shown."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtWidgets import QMessageBox

from zjtx_desktop.core.store.drafts import DraftStore
from zjtx_desktop.gui.app import make_qapp
from zjtx_desktop.gui.main_window import MainWindow


@pytest.fixture
def window(qtbot, tmp_path: Path, monkeypatch):
    make_qapp()
    boxes: list[tuple[str, str]] = []
    for name in ("warning", "information", "critical"):
        monkeypatch.setattr(
            QMessageBox, name, staticmethod(lambda p, t, m, *a: boxes.append((t, m)))
        )
    store = DraftStore(tmp_path / "gui.sqlite3")
    w = MainWindow(store)
    w.boxes = boxes
    qtbot.addWidget(w)
    w.resize(1366, 768)
    w.show()
    yield w
    store.close()


@pytest.fixture
def dialog(window, qtbot):
    """The export dialog of the demo application, its first preview page drawn."""
    from tests.gui.test_eligibility_and_export import open_demo
    from zjtx_desktop.gui.export_dialog import ExportDialog

    page = open_demo(window)
    d = ExportDialog(page.app, window)
    qtbot.addWidget(d)
    d.show()
    qtbot.waitUntil(lambda: d.pages > 0, timeout=20000)
    return d
