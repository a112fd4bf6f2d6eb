"""Issue 12 item 12, as the user met it: typing in a field low on a long part at 1366×768,
live validation shows (or takes away) a message on a field *above* it, everything below
moves by the message's height, and the field being typed in jumps under the cursor.

Part 四 of the national 申请书: 发明专利 sits below 有效专利总数; typing a count larger
than the total puts "…不能大于…" under the total, taking it back removes it. The field
being typed in must stay where it is on the screen (the content above grows or shrinks out
of sight instead)."""

from __future__ import annotations

from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QApplication, QScrollArea

from tests.gui.test_user_path import cell_of

APP = "nat-xjr-application-2021"


def screen_y(widget, scroll: QScrollArea) -> int:
    return widget.mapTo(scroll.viewport(), QPoint(0, 0)).y()


def test_the_field_being_typed_in_stays_put_when_a_message_appears_above(window, qtbot):
    page = window.open_demo("nat-xjr-2021b3")
    _ref, total = cell_of(page, "有效专利总数", form_kind="application")
    ref, cell = cell_of(page, "发明专利", form_kind="application")
    scroll = page.stack.currentWidget()
    assert isinstance(scroll, QScrollArea)
    QApplication.processEvents()
    # the user scrolled until the field is low in the window, the total above it in view
    bar = scroll.verticalScrollBar()
    view = scroll.viewport().height()
    bar.setValue(max(0, cell.mapTo(scroll.widget(), QPoint(0, 0)).y() - int(view * 0.7)))
    QApplication.processEvents()
    target = cell.widget.focus_target()
    qtbot.mouseClick(target, Qt.MouseButton.LeftButton)
    target.selectAll()
    QApplication.processEvents()
    assert not total.message.isVisible()
    where = screen_y(cell, scroll)
    assert 0 < where < view - cell.height()  # on the screen, low

    qtbot.keyClicks(target, "99999")  # more invention patents than 知识产权 in total
    QApplication.processEvents()
    assert total.message.isVisible(), "the rule above did not fire: the test proves nothing"
    assert screen_y(cell, scroll) == where  # not pushed down under the cursor
    for _ in range(5):  # and back: the message goes, the field must not jump up
        qtbot.keyClick(target, Qt.Key.Key_Backspace)
    qtbot.keyClicks(target, "1")
    QApplication.processEvents()
    assert not total.message.isVisible()
    assert screen_y(cell, scroll) == where
    assert target.hasFocus() and page.app.raw(ref) == "1"
