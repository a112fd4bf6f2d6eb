"""New application: choose the programme and enter the common enterprise facts once."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QVBoxLayout,
    QWidget,
)

from zjtx_desktop.core.engine.session import ApplicationSession, FieldRef, slot_of
from zjtx_desktop.core.forms.registry import get_form, programmes
from zjtx_desktop.core.store.drafts import DraftStore
from zjtx_desktop.gui.cell import FieldCell

COMMON_FACTS = (
    "enterprise_name",
    "credit_code",
    "legal_representative",
    "registration_date",
    "registered_capital",
    "employees",
    "industry_code2",
    "main_product_name",
)


class NewApplicationDialog(QDialog):
    def __init__(self, store: DraftStore, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("新建申报")
        self.store = store
        self.app_id: str | None = None
        lay = QVBoxLayout(self)
        self.programme = QComboBox(self)
        self.programme.setAccessibleName("申报项目")
        for p in programmes().values():
            self.programme.addItem(p.title, p.id)
        top = QFormLayout()
        top.addRow("申报项目：", self.programme)
        lay.addLayout(top)
        lay.addWidget(QLabel("以下信息在各表中通用，只需填写一次：", self))
        self.facts_box = QWidget(self)
        self.facts_layout = QFormLayout(self.facts_box)
        lay.addWidget(self.facts_box)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText("创建")
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText("取消")
        buttons.accepted.connect(self._create)
        buttons.rejected.connect(self.reject)
        lay.addWidget(buttons)
        self.cells: dict[str, tuple[FieldRef, FieldCell]] = {}
        self.programme.currentIndexChanged.connect(self._build_facts)
        self._build_facts()

    def _build_facts(self) -> None:
        while self.facts_layout.rowCount():
            self.facts_layout.removeRow(0)
        self.cells.clear()
        prog = programmes()[self.programme.currentData()]
        forms = [get_form(f) for f in prog.forms]
        self.session = ApplicationSession(forms)
        for fact in COMMON_FACTS:
            ref = next(
                ((fm.id, f.id) for fm in forms for f in fm.fields.values() if f.fact == fact), None
            )
            if ref is None:
                continue
            field = self.session.field(ref)
            cell = FieldCell(field, self.facts_box)
            cell.edited.connect(lambda raw, r=ref: self._edited(r, raw))
            self.facts_layout.addRow(field.label + "：", cell)
            self.cells[fact] = (ref, cell)

    def _edited(self, ref: FieldRef, raw: Any) -> None:
        result = self.session.set_value(ref, raw)
        for r, cell in self.cells.values():
            if r == ref:
                cell.set_issues(tuple(result.issues))

    def _create(self) -> None:
        prog = programmes()[self.programme.currentData()]
        forms = [get_form(f) for f in prog.forms]
        name = str(self.session.raw.get(("", "enterprise_name"), "") or "")
        self.app_id = self.store.create(forms, name=name, programme=prog.id)
        values: dict[tuple[str, str], Any] = {}
        for ref, _cell in self.cells.values():
            field = self.session.field(ref)
            raw = self.session.raw.get(slot_of(self.session.state(ref[0]).form, field))
            if raw not in (None, ""):
                values[("", field.fact)] = raw
        if values:
            self.store.set_many(self.app_id, values, kind="edit")
        self.accept()
