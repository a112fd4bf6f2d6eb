"""The export dialog offers the formats of the export registry, in its order, with its labels:
a format added to the registry appears as a button, and the save dialog's filter is its own."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.export.test_format_registry import TXT
from tests.gui.test_eligibility_and_export import open_demo
from zjtx_desktop.core.export import formats as registry
from zjtx_desktop.gui.export_dialog import ExportDialog


@pytest.fixture
def with_txt():
    registry.register_format(TXT)
    yield TXT
    registry.unregister_format(".txt")


def _buttons(d: ExportDialog) -> list[tuple[str, str]]:
    return [(b.text(), str(b.property("suffix"))) for b in d.format_group.buttons()]


def test_the_dialog_offers_the_three_formats_with_pdf_chosen(window, qtbot):
    d = ExportDialog(open_demo(window).app, window)
    qtbot.addWidget(d)
    qtbot.waitUntil(lambda: d.pages > 0, timeout=20000)  # the preview's work has ended
    assert _buttons(d) == [
        ("PDF（打印、盖章用）", ".pdf"),
        ("Word（可编辑电子版）", ".docx"),
        ("Excel（可编辑表格）", ".xlsx"),
    ]
    assert d.suffix == ".pdf"


def test_a_format_added_to_the_registry_is_a_button_of_the_dialog(window, qtbot, with_txt):
    d = ExportDialog(open_demo(window).app, window)
    qtbot.addWidget(d)
    qtbot.waitUntil(lambda: d.pages > 0, timeout=20000)
    assert _buttons(d)[-1] == ("纯文本（核对用）", ".txt")
    d.format_buttons[".txt"].setChecked(True)
    assert d.suffix == ".txt"
    assert Path(d.path.text()).suffix == ".txt"  # the file name follows the chosen format
