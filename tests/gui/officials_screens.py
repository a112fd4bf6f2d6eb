"""Run in a fresh process (the scale factor is fixed when Qt starts): open the officials'
window as ``zjtx workspace open`` does, on a workspace with two applications, one selected
and its part 六 shown; print one JSON line saying whether it fits and what cannot be reached.

    QT_QPA_PLATFORM=offscreen:configfile=S.json QT_SCALE_FACTOR=1.5 \\
        python -m tests.gui.officials_screens FOLDER [SHOT.png]
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any


def unreachable(window: Any, scroll: Any) -> list[str]:
    """Buttons and part 六 fields that cannot be seen whole, even scrolled to: outside the
    window, clipped by their parents, or narrower than their text needs."""
    from PySide6.QtWidgets import QApplication, QPushButton, QWidget

    panel = window.home.panel
    targets: list[tuple[str, QWidget]] = [
        (b.text(), b) for b in window.findChildren(QPushButton) if b.isVisibleTo(window)
    ]
    targets += [(f"第六部分 {fid}", cell.widget) for fid, cell in panel.part6.cells.items()]
    cut = []
    for name, w in targets:
        if scroll.isAncestorOf(w):
            scroll.ensureWidgetVisible(w, 0, 0)
            QApplication.processEvents()
        seen = w.visibleRegion().boundingRect()
        whole = seen.size() == w.size()
        inside = window.rect().contains(w.mapTo(window, w.rect().bottomRight()))
        wide = w.width() >= w.minimumSizeHint().width()
        if not (whole and inside and wide):
            cut.append(name)
    return cut


def main(folder: str, shot: str = "") -> None:
    from PySide6.QtWidgets import QApplication

    from tests.core.workspace_helpers import fixture, new_workspace
    from tests.gui.screens import report
    from zjtx_desktop.core.workspace import inbox
    from zjtx_desktop.gui.app import make_qapp
    from zjtx_desktop.gui.officials.homes import Homes

    make_qapp()
    ws = new_workspace(Path(folder))
    ids = [inbox.import_files(ws, [fixture(n)])[0].application_id for n in ("E01", "E02")]
    window = Homes(lambda: None, officer="张三").show_workspace(ws)
    QApplication.processEvents()
    window.home.select(ids[0])
    panel = window.home.panel
    for _ in range(5):
        QApplication.processEvents()
    out = report("officials", window)
    out["min_size"] = [window.minimumSize().width(), window.minimumSize().height()]
    out["unreachable"] = unreachable(window, panel.scroll)
    panel.scroll.verticalScrollBar().setValue(0)
    panel.tabs.setCurrentIndex(1)  # the comments: their own height, not part 六's
    QApplication.processEvents()
    out["comments_height"] = panel.scroll.widget().height()
    out["part6_height"] = panel.part6.sizeHint().height()
    panel.tabs.setCurrentIndex(0)
    QApplication.processEvents()
    if shot:  # part 六 half done: ticks, a class, a 项数 that disagrees with the ticks
        cells = panel.part6.cells
        cells["class_indicator"].widget.buttons["a"].click()
        for t in ("1", "3", "4", "5"):
            cells["mandatory_indicators"].widget.boxes[t].click()
        cells["review_class"].widget.buttons["a"].click()
        cells["review_mandatory_count"].widget.edit.setText("5")
        panel.part6._edited("review_mandatory_count", "5")
        panel.part6.flush()
        panel.recommend.click()  # refused: the message says why
        QApplication.processEvents()
        window.grab().save(shot)  # the refusal under the buttons, part 六 beginning below
        cell = cells["review_mandatory_count"]
        panel.scroll.ensureWidgetVisible(cell, 0, 160)
        QApplication.processEvents()
        window.grab().save(shot.replace(".png", "-fields.png"))  # the message at the field
    print(json.dumps(out, ensure_ascii=False))
    from zjtx_desktop.gui.officials.homes import (
        ChooseWorkspaceDialog,
        NewWorkspaceDialog,
        RoleDialog,
    )
    from zjtx_desktop.gui.officials.summary_dialog import SummaryDialog

    for name, make in (
        ("summary", lambda: SummaryDialog(ws, window)),
        ("role", lambda: RoleDialog(None, window)),
        ("new_workspace", lambda: NewWorkspaceDialog(window)),
        ("choose_workspace", lambda: ChooseWorkspaceDialog(window)),
    ):
        dialog = make()
        dialog.show()
        print(json.dumps(report(name, dialog), ensure_ascii=False))
        dialog.close()
    ws.close()


if __name__ == "__main__":
    main(*sys.argv[1:])
