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
    "email": "name@example.com",
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

    def _emit(self, *_: Any) -> None:
        if not self._updating:
            self.edited.emit(self.raw())


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
        self.edit.setPlaceholderText(field.example or PLACEHOLDERS.get(field.type, ""))
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

    def focus_target(self) -> QWidget:
        return self.edit

    def count(self) -> int:
        return char_count(self.edit.toPlainText())


def wrapped(label: str, width: int = 40) -> str:
    """A long option (分类指标 c runs to 120 characters) in lines of ``width`` characters:
    radio buttons and check boxes cannot wrap, and a long line would widen the whole part."""
    return "\n".join(label[i : i + width] for i in range(0, len(label), width)) or label


class ChoiceField(FieldWidget):
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
            # a year or target column is a third of the table: shorter lines there
            b = QRadioButton(wrapped(opt.label, 12 if field.column else 40), self)
            b.setAccessibleName(f"{field.display_label}：{opt.label}")
            self.group.addButton(b)
            self.buttons[opt.value] = b
            lay.addWidget(b)
            b.clicked.connect(lambda checked, v=opt.value: self._clicked(v, checked))
        lay.addStretch(1)
        if field.options:
            self.setFocusProxy(self.buttons[field.options[0].value])

    def _clicked(self, value: str, checked: bool) -> None:
        for v, b in self.buttons.items():
            if v != value:
                b.setChecked(False)
        self._emit()

    def set_raw(self, raw: Any) -> None:
        self._updating = True
        for v, b in self.buttons.items():
            b.setChecked(raw == v)
        self._updating = False

    def raw(self) -> Any:
        for v, b in self.buttons.items():
            if b.isChecked():
                return v
        return ""


class MultiChoiceField(FieldWidget):
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
            b = QCheckBox(wrapped(opt.label), self)
            b.setAccessibleName(f"{field.display_label}：{opt.label}")
            self.boxes[opt.value] = b
            lay.addWidget(b, i // per_row, i % per_row)
            b.toggled.connect(self._emit)
        if field.options:
            self.setFocusProxy(self.boxes[field.options[0].value])

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
