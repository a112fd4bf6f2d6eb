"""Issue 12, narrow windows: a part narrower than its table reflows — each label above its
field, the pairs of one printed row (法定代表人 / 电话 / 手机) stacked — and needs no sideways
scrolling; given the width again it goes back to the printed table's layout."""

from __future__ import annotations

from PySide6.QtCore import QPoint
from PySide6.QtWidgets import QApplication, QScrollArea

from tests.gui.test_user_path import cell_of

APP = "nat-xjr-application-2021"


def at(widget, page) -> QPoint:
    return widget.mapTo(page, QPoint(0, 0))


def test_part_one_reflows_in_a_narrow_view_and_back(window, qtbot):
    page = window.open_demo("nat-xjr-2021b3")
    _ref, legal = cell_of(page, "法定代表人", form_kind="application")
    part = page.pages[(APP, "part1")]
    scroll = page.stack.currentWidget()
    assert isinstance(scroll, QScrollArea)
    QApplication.processEvents()
    label = part.row_widgets["legal_representative"][0]
    phone = next(c for fid, c in part.cells.items() if "电话" in c.field.label)
    assert not part.narrow  # 1366 wide: the printed table's layout
    assert at(label, part).y() == at(legal, part).y() and at(label, part).x() < at(legal, part).x()
    assert at(phone, part).y() == at(legal, part).y()  # the pair on the same row

    window.resize(911, 512)  # 1366×768 at 150 %: the part has ~560 px, far less than the table
    QApplication.processEvents()
    assert part.narrow
    assert scroll.horizontalScrollBar().maximum() == 0  # nothing to scroll sideways
    assert part.minimumSizeHint().width() <= scroll.viewport().width()
    assert at(label, part).y() + label.height() <= at(legal, part).y()  # label above
    assert abs(at(label, part).x() - at(legal, part).x()) < 12  # … at the field's start
    assert at(phone, part).y() > at(legal, part).y()  # the next pair stacked below
    assert legal.width() > scroll.viewport().width() * 0.8  # the field takes the width

    window.resize(1366, 768)
    QApplication.processEvents()
    assert not part.narrow
    assert at(label, part).y() == at(legal, part).y()
