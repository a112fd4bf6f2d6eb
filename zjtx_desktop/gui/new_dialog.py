"""New application: choose the programme and enter the common enterprise facts once.

Labels sit above their inputs (the long ones squeezed inputs to 100 px beside them); the
national programme is the default (it applies everywhere; a province's programme is chosen
on purpose); after a change of programme the Tab order runs programme → facts → 创建 again;
an application without 企业名称 is not created (Enter in the name field used to make one).
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from zjtx_desktop.core.engine.session import ApplicationSession, FieldRef, slot_of
from zjtx_desktop.core.forms.registry import get_form, programmes
from zjtx_desktop.core.store.drafts import DraftStore
from zjtx_desktop.core.store.errors import StoreError
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
# national first: it is the programme every province's enterprise can use
DEFAULT_PROGRAMME = "nat-xjr-2021b3"


def programme_order() -> list[str]:
    ids = list(programmes())
    return sorted(ids, key=lambda i: (not i.startswith("nat-"), i != DEFAULT_PROGRAMME, i))


class NewApplicationDialog(QDialog):
    def __init__(self, store: DraftStore, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("新建申报")
        self.store = store
        self.app_id: str | None = None
        lay = QVBoxLayout(self)
        self.programme = QComboBox(self)
        self.programme.setAccessibleName("申报项目")
        progs = programmes()
        for pid in programme_order():
            self.programme.addItem(progs[pid].title, pid)
        lay.addWidget(QLabel("申报项目：", self))
        lay.addWidget(self.programme)
        lay.addWidget(QLabel("以下信息在各表中通用，只需填写一次：", self))
        scroll = QScrollArea(self)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        self.facts_box = QWidget(scroll)
        self.facts_layout = QFormLayout(self.facts_box)
        self.facts_layout.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapAllRows)
        self.facts_layout.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        scroll.setWidget(self.facts_box)
        lay.addWidget(scroll, 1)
        self.problem = QLabel(self)
        self.problem.setStyleSheet("color:#c62828")
        self.problem.hide()
        lay.addWidget(self.problem)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText("创建")
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText("取消")
        self.buttons.accepted.connect(self._create)
        self.buttons.rejected.connect(self.reject)
        lay.addWidget(self.buttons)
        self.cells: dict[str, tuple[FieldRef, FieldCell]] = {}
        self.programme.currentIndexChanged.connect(self._programme_changed)
        self._build_facts()
        self.resize(560, 640)
        from zjtx_desktop.gui.screen_fit import fit_to_screen

        fit_to_screen(self)

    def _programme_changed(self) -> None:
        typed = {fact: cell.widget.raw() for fact, (_r, cell) in self.cells.items()}
        self._build_facts(typed)
        first = self.cells.get("enterprise_name")
        if first is not None:  # typing goes on where it makes sense, not into the list
            target = first[1].widget.focus_target()
            # the new cells are shown by the layout on the next turn of the event loop
            QTimer.singleShot(0, lambda: target.setFocus(Qt.FocusReason.OtherFocusReason))

    def _build_facts(self, typed: dict[str, Any] | None = None) -> None:
        while self.facts_layout.rowCount():
            self.facts_layout.removeRow(0)
        self.cells.clear()
        prog = programmes()[self.programme.currentData()]
        forms = [get_form(f) for f in prog.forms]
        self.session = ApplicationSession(forms)
        previous: Any = self.programme
        for fact in COMMON_FACTS:
            ref = next(
                ((fm.id, f.id) for fm in forms for f in fm.fields.values() if f.fact == fact), None
            )
            if ref is None:
                continue
            field = self.session.field(ref)
            cell = FieldCell(field, self.facts_box)
            cell.edited.connect(lambda raw, r=ref: self._edited(r, raw))
            label = QLabel(field.label + "：", self.facts_box)
            label.setWordWrap(True)
            self.facts_layout.addRow(label, cell)
            self.cells[fact] = (ref, cell)
            if typed and typed.get(fact) not in (None, "", []):  # kept across programmes
                cell.set_raw(typed[fact])
                self._edited(ref, typed[fact])
            for w in cell.widget.focus_widgets()[:1]:
                QWidget.setTabOrder(previous, w)
                previous = w
        QWidget.setTabOrder(previous, self.buttons.button(QDialogButtonBox.StandardButton.Ok))

    def _edited(self, ref: FieldRef, raw: Any) -> None:
        result = self.session.set_value(ref, raw)
        for r, cell in self.cells.values():
            if r == ref:
                cell.set_issues(tuple(result.issues))
        self.problem.hide()

    def name(self) -> str:
        return str(self.session.raw.get(("", "enterprise_name"), "") or "").strip()

    def _create(self) -> None:
        if not self.name():
            self.problem.setText("请先填写企业名称：申报以企业名称列在首页。")
            self.problem.show()
            cell = self.cells.get("enterprise_name")
            if cell is not None:
                cell[1].widget.focus_target().setFocus(Qt.FocusReason.OtherFocusReason)
            return
        prog = programmes()[self.programme.currentData()]
        forms = [get_form(f) for f in prog.forms]
        values: dict[tuple[str, str], Any] = {}
        for ref, _cell in self.cells.values():
            field = self.session.field(ref)
            raw = self.session.raw.get(slot_of(self.session.state(ref[0]).form, field))
            if raw not in (None, ""):
                values[("", field.fact)] = raw
        try:  # one transaction: a refused write leaves no empty application behind
            self.app_id = self.store.create(
                forms, name=self.name(), programme=prog.id, values=values or None
            )
        except StoreError as e:
            self.app_id = None
            self.problem.setText(str(e))
            self.problem.show()
            return
        self.accept()
