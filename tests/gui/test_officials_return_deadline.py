"""Audit item 13b in the window: a 补正截止 already past is asked about (the laptop's clock
may be wrong, or the official means it); an unreadable one is said; a later one goes on."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

from PySide6.QtWidgets import QMessageBox

from tests.core.workspace_helpers import fixture, new_workspace
from zjtx_desktop.core.workspace import inbox
from zjtx_desktop.gui.app import make_qapp
from zjtx_desktop.gui.officials.review_panel import ReviewPanel


def test_a_past_deadline_is_confirmed_before_the_return(qtbot, tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    make_qapp()
    ws = new_workspace(tmp_path)
    inbox.import_files(ws, [fixture("E01")])
    panel = ReviewPanel(ws)
    qtbot.addWidget(panel)
    asked: list[str] = []

    def answer(reply: QMessageBox.StandardButton):  # type: ignore[no-untyped-def]
        def question(_parent, _title, text):  # type: ignore[no-untyped-def]
            asked.append(text)
            return reply

        return question

    monkeypatch.setattr(QMessageBox, "question", answer(QMessageBox.StandardButton.No))
    assert panel._past_deadline_meant("2021-05-10") is None  # not meant: no return
    assert asked[-1].startswith("补正截止日期 2021-05-10 已经过去（今天是 ")
    monkeypatch.setattr(QMessageBox, "question", answer(QMessageBox.StandardButton.Yes))
    assert panel._past_deadline_meant("2021-05-10") is True
    later = (date.today() + timedelta(days=3)).isoformat()
    assert panel._past_deadline_meant(later) is False and len(asked) == 2
    assert panel._past_deadline_meant("下周一") is None and len(asked) == 2
    assert panel.message.text() == (
        "补正截止日期“下周一”无法识别：请写成 2021-05-08 或 2021-05-08 17:00"
    )
