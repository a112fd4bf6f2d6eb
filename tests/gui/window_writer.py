"""Child process for the window crash test: a real window (offscreen) on the given database;
it types what the test asks through the keyboard, says READY, then waits to be killed.

Each line of the script is ``label<TAB>text`` (an empty text clears the field); edits go
through the window's own path (field widget → cell → page → core), nothing is closed or
flushed before the kill.
"""

import sys
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QInputMethodEvent
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from zjtx_desktop.core.store.drafts import DraftStore
from zjtx_desktop.gui.app import make_qapp
from zjtx_desktop.gui.main_window import MainWindow

db, app_id, script = Path(sys.argv[1]), sys.argv[2], sys.argv[3]
qapp = make_qapp()
window = MainWindow(DraftStore(db))
window.show()
page = window.open_application(app_id)


def cell_of(label: str):
    for form_id, section_id in list(page.page_index):
        part = page.page(form_id, section_id)
        for cell in part.cells.values():
            if cell.field.label == label:
                page.show_part(form_id, section_id)
                return cell
    raise SystemExit(f"no field {label}")


def type_text(target, text: str) -> None:
    """ASCII as key presses, Chinese as the input method commits it."""
    for ch in text:
        if ch.isascii():
            QTest.keyClicks(target, ch)
        else:
            event = QInputMethodEvent()
            event.setCommitString(ch)
            QApplication.sendEvent(target, event)


for line in Path(script).read_text(encoding="utf-8").splitlines():
    label, _, text = line.partition("\t")
    target = cell_of(label).widget.focus_target()
    target.setFocus()
    QTest.keyClick(target, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    QTest.keyClick(target, Qt.Key.Key_Delete)
    type_text(target, text)
    QApplication.processEvents()
print("READY", flush=True)
while True:  # the window stays open, its page shown, until SIGKILL
    QApplication.processEvents()
    QTest.qWait(50)
