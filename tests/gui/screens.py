"""Run in a fresh process (the scale factor is fixed when Qt starts): open the window and
every dialog on a given screen, print one JSON line per window saying whether it fits.

    QT_QPA_PLATFORM=offscreen:configfile=S.json QT_SCALE_FACTOR=1.5 python -m tests.gui.screens DB
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any


def report(name: str, w: Any) -> dict[str, Any]:
    from PySide6.QtWidgets import QApplication

    QApplication.processEvents()
    area = w.screen().availableGeometry()
    frame = w.frameGeometry()
    hint = w.minimumSizeHint()
    return {
        "name": name,
        "screen": [area.width(), area.height()],
        "size": [frame.width(), frame.height()],
        "min": [hint.width(), hint.height()],
        "inside": area.contains(frame),
        "fits": frame.width() <= area.width()
        and frame.height() <= area.height()
        and hint.width() <= area.width()
        and hint.height() <= area.height(),
    }


def parts_reachable(page: Any, sideways: list[str] | None = None,
                    reflowed: list[str] | None = None) -> list[str]:
    """Parts whose content is wider than the view and cannot be scrolled to; ``sideways``
    collects those that need scrolling sideways, ``reflowed`` those laid out narrow."""
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QApplication, QScrollArea

    cut = []
    for key in list(page.page_index):
        page.show_part(*key)
        QApplication.processEvents()
        scroll = page.stack.currentWidget()
        assert isinstance(scroll, QScrollArea)
        need = scroll.widget().minimumSizeHint().width()
        off = scroll.horizontalScrollBarPolicy() == Qt.ScrollBarPolicy.ScrollBarAlwaysOff
        name = "/".join(key)
        if need > scroll.viewport().width() and off:
            cut.append(name)
        if sideways is not None and scroll.horizontalScrollBar().maximum() > 0:
            sideways.append(name)
        if reflowed is not None and getattr(scroll.widget(), "narrow", False):
            reflowed.append(name)
    return cut


def main(db: str) -> None:
    from PySide6.QtWidgets import QDialog

    from zjtx_desktop.core.store.drafts import DraftStore
    from zjtx_desktop.gui.app import make_qapp
    from zjtx_desktop.gui.main_window import MainWindow
    from zjtx_desktop.gui.screen_fit import show_main_window

    make_qapp()
    store = DraftStore(Path(db))
    window = MainWindow(store)
    show_main_window(window)
    out = [report("main", window)]
    sideways: list[str] = []
    reflowed: list[str] = []
    page = window.open_demo("jl-zd-2021b2")
    out[0]["cut_parts"] = parts_reachable(page, sideways, reflowed)
    page = window.open_demo("nat-xjr-2021b3")
    out[0]["cut_parts"] += parts_reachable(page, sideways, reflowed)
    out[0]["sideways_parts"] = sideways
    out[0]["reflowed_parts"] = reflowed
    dialogs: list[tuple[str, Any]] = []
    from zjtx_desktop.gui.export_dialog import ExportDialog
    from zjtx_desktop.gui.find_dialog import FindFieldDialog
    from zjtx_desktop.gui.help_dialogs import AboutDialog, GuideDialog
    from zjtx_desktop.gui.new_dialog import NewApplicationDialog
    from zjtx_desktop.gui.reuse_dialogs import MigrateDialog, NextYearDialog

    dialogs = [
        ("export", lambda: ExportDialog(page.app, window)),
        ("new", lambda: NewApplicationDialog(store, window)),
        ("find", lambda: FindFieldDialog({"营业收入": ("x", "y")}, window)),
        ("about", lambda: AboutDialog(store.path, window)),
        ("guide", lambda: GuideDialog(window)),
        ("next_year", lambda: NextYearDialog(store, page.app, window)),
        ("migrate", lambda: MigrateDialog(store, page.app.id, window)),
    ]
    for name, make in dialogs:
        d: QDialog = make()
        d.show()
        out.append(report(name, d))
        d.close()
    page.show_blocking(True)  # what a refused 定稿 shows: inside the window, no tall box
    out.append(report("main_after_finalise", window))
    from zjtx_desktop.gui.worker import wait_for_background

    wait_for_background()
    for line in out:
        print(json.dumps(line, ensure_ascii=False))
    store.close()


if __name__ == "__main__":
    main(sys.argv[1])
