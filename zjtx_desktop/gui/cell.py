"""A field cell: the input widget, its message under it, a character counter, the offer of a
calculated value, and the 说明 box that lets a warning stand."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QLineEdit, QPushButton, QVBoxLayout, QWidget

from zjtx_desktop.core.engine.session import Suggestion
from zjtx_desktop.core.forms.model import FieldDef
from zjtx_desktop.core.issues import Issue, Severity
from zjtx_desktop.gui.fields import FieldWidget, TextAreaField, make_widget

COLOURS = {Severity.ERROR: "#c62828", Severity.WARNING: "#b26a00", Severity.HINT: "#616161"}
MARKS = {Severity.ERROR: "✖", Severity.WARNING: "▲", Severity.HINT: "ℹ"}


class FieldCell(QWidget):
    edited = Signal(object)  # raw value
    explained = Signal(object, str)  # issue, 说明 text
    focused = Signal()

    def __init__(self, field: FieldDef, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.field = field
        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.setSpacing(2)
        self.widget: FieldWidget = make_widget(field, self)
        self.widget.edited.connect(self._on_edit)
        lay.addWidget(self.widget)
        self.counter: QLabel | None = None
        if isinstance(self.widget, TextAreaField) and field.max_chars:
            self.counter = QLabel(self)
            self.counter.setAlignment(Qt.AlignmentFlag.AlignRight)
            self.counter.setObjectName("counter")
            lay.addWidget(self.counter)
        self.message = QLabel(self)
        self.message.setWordWrap(True)
        self.message.setObjectName("message")
        self.message.setTextFormat(Qt.TextFormat.RichText)
        self.message.hide()
        lay.addWidget(self.message)
        self.explain_box = QLineEdit(self)
        self.explain_box.setPlaceholderText(
            "如数据属实，请在此写明说明（说明将随申报材料提交审核）"
        )
        self.explain_box.setAccessibleName(f"{field.display_label} 的说明")
        self.explain_box.hide()
        # saved as it is typed, like every field (a crash loses nothing)
        self.explain_box.textEdited.connect(self._on_explain)
        lay.addWidget(self.explain_box)
        self.offer = QWidget(self)
        ol = QHBoxLayout(self.offer)
        ol.setContentsMargins(0, 0, 0, 0)
        self.offer_label = QLabel(self.offer)
        self.offer_label.setObjectName("formula")
        self.offer_label.setWordWrap(True)
        self.offer_button = QPushButton("使用计算值", self.offer)
        self.offer_button.setAccessibleName(f"{field.display_label} 使用计算值")
        self.offer_button.clicked.connect(self._use_offer)
        ol.addWidget(self.offer_label, 1)
        ol.addWidget(self.offer_button)
        self.offer.hide()
        lay.addWidget(self.offer)
        self._suggestion: Suggestion | None = None
        self._warning: Issue | None = None
        for w in self.widget.focus_widgets():
            w.installEventFilter(self)
        self._update_counter()

    def eventFilter(self, obj: Any, event: Any) -> bool:
        from PySide6.QtCore import QEvent

        if event.type() == QEvent.Type.FocusIn:
            self.focused.emit()
        return False

    def _on_edit(self, raw: Any) -> None:
        self._update_counter()
        self.edited.emit(raw)

    def _update_counter(self) -> None:
        if self.counter is not None and isinstance(self.widget, TextAreaField):
            n, limit = self.widget.count(), self.field.max_chars or 0
            colour = "#c62828" if n > limit else "#616161"
            self.counter.setText(f"<span style='color:{colour}'>{n}/{limit}</span>")

    def set_raw(self, raw: Any) -> None:
        self.widget.set_raw(raw)
        self._update_counter()

    def set_issues(self, issues: tuple[Issue, ...], explanation: str = "") -> None:
        if not issues:
            self.message.hide()
            self.explain_box.hide()
            self._warning = None
            return
        lines = []
        for i in issues:
            colour = COLOURS[i.severity]
            lines.append(f"<span style='color:{colour}'>{MARKS[i.severity]} {i.message()}</span>")
        self.message.setText("<br>".join(lines))
        self.message.show()
        warnings = [i for i in issues if i.severity == Severity.WARNING]
        self._warning = warnings[0] if warnings else None
        if self._warning is not None:
            if not self.explain_box.hasFocus():
                self.explain_box.setText(explanation)
            self.explain_box.show()
        else:
            self.explain_box.hide()

    def message_text(self) -> str:
        return self.message.text() if self.message.isVisible() else ""

    def _on_explain(self, *_: Any) -> None:
        if self._warning is not None:
            self.explained.emit(self._warning, self.explain_box.text())

    def set_suggestion(self, s: Suggestion | None, current: Decimal | None) -> None:
        self._suggestion = s
        if s is None or (current is not None and current == s.value):
            self.offer.hide()
            return
        self.offer_label.setText(f"计算值 <b>{s.value.normalize():f}</b>　＝ {s.formula}")
        self.offer_button.show()
        self.offer.show()

    def show_note(self, text: str) -> None:
        """A line under the field with nothing to apply (the 划型 result, part 六 advice)."""
        self.offer_label.setText(text)
        self.offer_button.hide()
        self.offer.show()

    def _use_offer(self) -> None:
        if self._suggestion is not None:
            text = f"{self._suggestion.value.normalize():f}"
            self.widget.set_raw(text)
            self.edited.emit(text)

    def set_read_only(self, read_only: bool) -> None:
        self.widget.set_read_only(read_only)
        self.offer_button.setEnabled(not read_only)
        self.explain_box.setReadOnly(read_only)
