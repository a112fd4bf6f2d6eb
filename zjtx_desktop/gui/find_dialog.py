"""Ctrl+F: find a field by (part of) its name. One Enter goes to it; a name that matches
nothing says so in the dialog instead of closing silently."""

from __future__ import annotations

from PySide6.QtCore import QStringListModel, Qt
from PySide6.QtWidgets import (
    QCompleter,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from zjtx_desktop.core.engine.session import FieldRef


def lookup(labels: dict[str, FieldRef], text: str) -> tuple[FieldRef | None, str]:
    """The field ``text`` names: exact, else the first containing it (and how many do);
    (None, why) when nothing matches."""
    t = text.strip()
    if not t:
        return None, "请输入字段名称的一部分，例如“营业收入”。"
    if t in labels:
        return labels[t], ""
    hits = [k for k in labels if t.lower() in k.lower()]
    if not hits:
        return None, f"没有名称含“{t}”的字段：请换个说法，例如只输入其中两三个字。"
    more = f"共有 {len(hits)} 个字段含“{t}”，已转到第一个：{hits[0]}" if len(hits) > 1 else ""
    return labels[hits[0]], more


class FindFieldDialog(QDialog):
    def __init__(self, labels: dict[str, FieldRef], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("查找字段")
        self.labels = labels
        self.found: FieldRef | None = None
        self.note = ""
        lay = QVBoxLayout(self)
        lay.addWidget(QLabel("字段名称（输入其中几个字即可）：", self))
        self.edit = QLineEdit(self)
        self.edit.setAccessibleName("字段名称")
        completer = QCompleter(QStringListModel(list(labels), self), self)
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        completer.setMaxVisibleItems(12)
        # choosing a suggestion goes there at once: no second Enter
        completer.activated.connect(self.go)
        self.edit.setCompleter(completer)
        lay.addWidget(self.edit)
        self.message = QLabel(self)
        self.message.setWordWrap(True)
        self.message.setObjectName("findMessage")
        self.message.setStyleSheet("color:#c62828")
        self.message.hide()
        lay.addWidget(self.message)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText("转到")
        buttons.accepted.connect(lambda: self.go(self.edit.text()))
        buttons.rejected.connect(self.reject)
        lay.addWidget(buttons)
        self.setMinimumWidth(420)

    def go(self, text: str) -> None:
        ref, why = lookup(self.labels, text)
        if ref is None:
            self.message.setText(why)
            self.message.show()
            self.edit.setFocus()
            return
        self.found, self.note = ref, why
        self.accept()
