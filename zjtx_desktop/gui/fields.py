"""One widget per field type, built by a factory from the definition.

Every field widget has the same small interface: ``set_raw`` (show a stored value without
emitting), ``raw`` (what the user typed, unaltered), ``set_read_only`` and the ``edited``
signal. Messages, counters and calculation offers are drawn by ``FieldCell`` around it.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QEvent, QObject, QStringListModel, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QAbstractButton,
    QButtonGroup,
    QCheckBox,
    QCompleter,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QRadioButton,
    QWidget,
)

from zjtx_desktop.core.fieldtypes import char_count
from zjtx_desktop.core.forms.model import FieldDef

PLACEHOLDERS = {
    "date": "例如 2015-03-12",
    "uscc": "18位统一社会信用代码",
    "phone": "例如 0431-88888888",
    "mobile": "11位手机号",
    "postcode": "6位邮编",
    "email": "例如 name@example.com",
    "industry2": "代码或名称，例如 35 专用设备制造业",
    "industry4": "代码或名称，例如 3421 金属切削机床制造",
    "product_code": "例如 3507060000 冲孔机床",
    "year": "例如 2015",
}


class FieldWidget(QWidget):
    """Base class: the interface every field type offers to the pages."""

    edited = Signal(object)  # the raw value as typed

    def __init__(self, field: FieldDef, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.field = field
        self._updating = False
        self.setAccessibleName(field.display_label)

    def set_raw(self, raw: Any) -> None:
        raise NotImplementedError

    def raw(self) -> Any:
        raise NotImplementedError

    def set_read_only(self, read_only: bool) -> None:
        self.setEnabled(not read_only)

    def focus_target(self) -> QWidget:
        return self

    def focus_widgets(self) -> list[QWidget]:
        """Every widget that takes focus inside the field (each option of a choice)."""
        return [self.focus_target()]

    def _emit(self, *_: Any) -> None:
        if not self._updating:
            self.edited.emit(self.raw())


def repolish(w: QWidget) -> None:
    """Apply the style sheet again after a property it selects on changed (readOnly: a
    finalised field must look read-only, not merely refuse typing)."""
    w.style().unpolish(w)
    w.style().polish(w)


class _EnterMovesOn(QObject):
    """Enter in a one-line field moves to the next field, as on a paper form."""

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:
        enter = (Qt.Key.Key_Return, Qt.Key.Key_Enter)
        if (
            event.type() == QEvent.Type.KeyPress
            and isinstance(event, QKeyEvent)
            and event.key() in enter
            and isinstance(obj, QWidget)
        ):
            obj.focusNextChild()
            return True
        return False


_ENTER = _EnterMovesOn()


class LineField(FieldWidget):
    def __init__(self, field: FieldDef, parent: QWidget | None = None) -> None:
        super().__init__(field, parent)
        lay = QHBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        self.edit = QLineEdit(self)
        self.edit.setAccessibleName(field.display_label)
        # only the format of a type, worded as a hint: a grey example value (26800, 吉林省)
        # in an empty field looked like data; the field's own example is in the help pane
        self.edit.setPlaceholderText(PLACEHOLDERS.get(field.type, ""))
        self.edit.installEventFilter(_ENTER)
        lay.addWidget(self.edit, 1)
        if field.unit:
            unit = QLabel(field.unit, self)
            unit.setObjectName("unit")
            lay.addWidget(unit)
        self.edit.textEdited.connect(self._emit)
        self.edit.setMinimumWidth(60)
        self.setFocusProxy(self.edit)

    def set_raw(self, raw: Any) -> None:
        self._updating = True
        text = "" if raw is None else str(raw)
        if self.edit.text() != text:
            self.edit.setText(text)
        self._updating = False

    def raw(self) -> Any:
        return self.edit.text()

    def set_read_only(self, read_only: bool) -> None:
        self.edit.setReadOnly(read_only)
        repolish(self.edit)

    def focus_target(self) -> QWidget:
        return self.edit


class IndustryField(LineField):
    """Type-ahead over GB/T 4754-2017 codes and names."""

    def __init__(self, field: FieldDef, parent: QWidget | None = None) -> None:
        super().__init__(field, parent)
        from zjtx_desktop.core.refdata.industry import industries

        level = "大类" if field.type == "industry2" else "小类"
        items = [r.display for r in industries().by_code.values() if r.level == level]
        completer = QCompleter(QStringListModel(items, self), self)
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        completer.setMaxVisibleItems(12)
        self.edit.setCompleter(completer)
        completer.activated.connect(self._emit)


class TextAreaField(FieldWidget):
    def __init__(self, field: FieldDef, parent: QWidget | None = None) -> None:
        super().__init__(field, parent)
        self.edit = QPlainTextEdit(self)
        self.edit.setAccessibleName(field.display_label)
        self.edit.setTabChangesFocus(True)
        self.edit.setMinimumHeight(90 if (field.max_chars or 0) <= 500 else 160)
        lay = QHBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.addWidget(self.edit)
        self.edit.textChanged.connect(self._emit)
        self.setFocusProxy(self.edit)

    def set_raw(self, raw: Any) -> None:
        self._updating = True
        text = "" if raw is None else str(raw)
        if self.edit.toPlainText() != text:
            self.edit.setPlainText(text)
        self._updating = False

    def raw(self) -> Any:
        return self.edit.toPlainText()

    def set_read_only(self, read_only: bool) -> None:
        self.edit.setReadOnly(read_only)
        repolish(self.edit)

    def focus_target(self) -> QWidget:
        return self.edit

    def count(self) -> int:
        return char_count(self.edit.toPlainText())


class _OptionLabel(QLabel):
    """The text of a long option beside its button: it wraps at the column's width (a radio
    button's own text cannot), and a click on it is a click on the button."""

    def __init__(self, text: str, button: QAbstractButton, parent: QWidget) -> None:
        super().__init__(text, parent)
        self.button = button
        self.setWordWrap(True)
        self.setTextInteractionFlags(Qt.TextInteractionFlag.NoTextInteraction)
        self.setBuddy(button)

    def mousePressEvent(self, event: Any) -> None:
        if self.button.isEnabled():
            self.button.setFocus(Qt.FocusReason.MouseFocusReason)
            self.button.click()


LONG_OPTION = 16  # characters: longer options get a wrapping label beside a bare button


def option_row(
    button: QAbstractButton, label: str, parent: QWidget, narrow: bool = False
) -> tuple[QWidget, _OptionLabel | None]:
    """A button with its text; a long text wraps beside it instead of being cut. In a narrow
    column (a third of the 目标表) shorter texts wrap too."""
    if len(label) <= (LONG_OPTION // 2 if narrow else LONG_OPTION):
        button.setText(label)
        return button, None
    row = QWidget(parent)
    lay = QHBoxLayout(row)
    lay.setContentsMargins(0, 0, 0, 0)
    lay.setSpacing(4)
    text = _OptionLabel(label, button, row)
    lay.addWidget(button, 0, Qt.AlignmentFlag.AlignTop)
    lay.addWidget(text, 1)
    return row, text


NEXT_KEYS = (Qt.Key.Key_Right, Qt.Key.Key_Down)
PREV_KEYS = (Qt.Key.Key_Left, Qt.Key.Key_Up)


class _OptionsField(FieldWidget):
    """Options answered from the keyboard: Tab enters and leaves the field once, the arrow
    keys move between its options, Space ticks (or clears) the one with focus, Enter ticks
    it if nothing is chosen yet and moves on to the next field."""

    enter_ticks = True  # Enter on a question not answered yet answers it with the focused one

    def __init__(self, field: FieldDef, parent: QWidget | None = None) -> None:
        super().__init__(field, parent)
        self.order: list[QAbstractButton] = []
        self.labels: dict[str, _OptionLabel] = {}

    def _add(self, value: str, button: QAbstractButton) -> None:
        button.setAccessibleName(f"{self.field.display_label}：{self._label(value)}")
        button.installEventFilter(self)
        self.order.append(button)

    def _label(self, value: str) -> str:
        return next((o.label for o in self.field.options if o.value == value), value)

    def focus_widgets(self) -> list[QWidget]:
        return list(self.order)

    def focus_target(self) -> QWidget:
        return self.focusProxy() or self

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:
        if not isinstance(event, QKeyEvent) or obj not in self.order:
            return False
        button = obj
        assert isinstance(button, QAbstractButton)
        key = event.key()
        if event.type() == QEvent.Type.KeyPress:
            if key in NEXT_KEYS or key in PREV_KEYS:
                self._move(button, 1 if key in NEXT_KEYS else -1)
                return True
            if key == Qt.Key.Key_Space:
                if not event.isAutoRepeat() and button.isEnabled():
                    self._toggle(button)
                return True
            if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
                unanswered = not any(b.isChecked() for b in self.order)
                if self.enter_ticks and button.isEnabled() and unanswered:
                    self._toggle(button)
                button.focusNextChild()
                return True
        # Qt would click on the release of Space: the press has answered already
        return event.type() == QEvent.Type.KeyRelease and key == Qt.Key.Key_Space

    def _move(self, button: QAbstractButton, step: int) -> None:
        i = self.order.index(button)
        target = self.order[max(0, min(len(self.order) - 1, i + step))]
        self._tab_stop(target)
        target.setFocus(Qt.FocusReason.TabFocusReason)

    def _tab_stop(self, button: QAbstractButton) -> None:
        """One option of the group is in the Tab order (the chosen one or the last
        one visited, else the first),
        as in any radio group: Tab does not walk through every option."""
        for b in self.order:
            b.setFocusPolicy(
                Qt.FocusPolicy.StrongFocus if b is button else Qt.FocusPolicy.ClickFocus
            )
        self.setFocusProxy(button)

    def _toggle(self, button: QAbstractButton) -> None:
        button.click()


class ChoiceField(_OptionsField):
    """□-style radio buttons in the printed order; clicking the chosen one clears it."""

    def __init__(self, field: FieldDef, parent: QWidget | None = None) -> None:
        super().__init__(field, parent)
        from PySide6.QtWidgets import QBoxLayout, QVBoxLayout

        # in a narrow table cell (one of three columns), or when the options are sentences
        # (分类指标 a/b/c), the options stack vertically so nothing runs off the page
        long = sum(len(o.label) for o in field.options) > 40
        narrow = (bool(field.column) and len(field.options) > 2) or long
        lay: QBoxLayout = QVBoxLayout(self) if narrow else QHBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.setSpacing(2 if narrow else 12)
        self.group = QButtonGroup(self)
        self.group.setExclusive(False)  # so a second click can clear the answer
        self.buttons: dict[str, QRadioButton] = {}
        for opt in field.options:
            b = QRadioButton(self)
            row, text = option_row(b, opt.label, self, bool(field.column))
            if text is not None:
                self.labels[opt.value] = text
            self.group.addButton(b)
            self.buttons[opt.value] = b
            self._add(opt.value, b)
            lay.addWidget(row, 1 if text is not None else 0)
            b.clicked.connect(lambda checked, v=opt.value: self._clicked(v, checked))
        if not narrow:
            lay.addStretch(1)
        if field.options:
            self._tab_stop(self.buttons[field.options[0].value])

    def _clicked(self, value: str, checked: bool) -> None:
        for v, b in self.buttons.items():
            if v != value:
                b.setChecked(False)
        self._tab_stop(self.buttons[value])
        self._emit()

    def set_raw(self, raw: Any) -> None:
        self._updating = True
        for v, b in self.buttons.items():
            b.setChecked(raw == v)
        chosen = self.buttons.get(raw) if isinstance(raw, str) else None
        if chosen is not None and not any(b.hasFocus() for b in self.order):
            self._tab_stop(chosen)
        self._updating = False

    def raw(self) -> Any:
        for v, b in self.buttons.items():
            if b.isChecked():
                return v
        return ""


class MultiChoiceField(_OptionsField):
    enter_ticks = False  # several may be ticked: Enter only moves on

    def __init__(self, field: FieldDef, parent: QWidget | None = None) -> None:
        super().__init__(field, parent)
        from PySide6.QtWidgets import QGridLayout

        lay = QGridLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        self.boxes: dict[str, QCheckBox] = {}
        longest = max((len(o.label) for o in field.options), default=0)
        # about 40 characters fit across the value column of a 1366-pixel window
        per_row = max(1, min(3, 40 // (longest + 2)))
        for i, opt in enumerate(field.options):
            b = QCheckBox(self)
            row, text = option_row(b, opt.label, self, bool(field.column))
            if text is not None:
                self.labels[opt.value] = text
            self.boxes[opt.value] = b
            self._add(opt.value, b)
            lay.addWidget(row, i // per_row, i % per_row)
            b.toggled.connect(self._emit)
        for c in range(per_row):
            lay.setColumnStretch(c, 1)
        if field.options:
            self._tab_stop(self.boxes[field.options[0].value])

    def set_raw(self, raw: Any) -> None:
        self._updating = True
        chosen = set(raw) if isinstance(raw, list) else ({raw} if raw else set())
        for v, b in self.boxes.items():
            b.setChecked(v in chosen)
        self._updating = False

    def raw(self) -> Any:
        return [v for v, b in self.boxes.items() if b.isChecked()]


WIDGETS: dict[str, type[FieldWidget]] = {
    "text": LineField,
    "longtext": TextAreaField,
    "integer": LineField,
    "amount": LineField,
    "percent": LineField,
    "year": LineField,
    "date": LineField,
    "choice": ChoiceField,
    "multichoice": MultiChoiceField,
    "province": LineField,
    "industry2": IndustryField,
    "industry4": IndustryField,
    "product_code": LineField,
    "uscc": LineField,
    "phone": LineField,
    "mobile": LineField,
    "postcode": LineField,
    "email": LineField,
}


def make_widget(field: FieldDef, parent: QWidget | None = None) -> FieldWidget:
    return WIDGETS[field.type](field, parent)
