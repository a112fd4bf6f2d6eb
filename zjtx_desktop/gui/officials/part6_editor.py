"""Part 六 (初核推荐) of the open application, filled in the review panel.

The enterprise window's own part page and field cells (labels as printed on the 申请书, options
from the form definition), over ``Workspace.set_part6``: what the official ticks or types is
kept as typed (one audit row per change, typed text after a pause rather than per key), and
every recommender field's issues — the consistency of 项数 with the ticks and of the class with
the ticked 分类指标 included — are redrawn at their fields after each change. Beside the boxes,
the program's verdict on each indicator with the enterprise's figures (the 初核记录单's
“程序判断（参考）”), never a tick.
"""

from __future__ import annotations

import html
from typing import Any

from PySide6.QtCore import QTimer, Signal
from PySide6.QtWidgets import QGridLayout, QLabel, QVBoxLayout, QWidget

from zjtx_desktop.core.forms.registry import get_form
from zjtx_desktop.core.store.errors import StoreError
from zjtx_desktop.core.workspace.check_record import ADVICE_NOTE, indicator_advice
from zjtx_desktop.core.workspace.review import APPLICATION_FORM, recommender_fields
from zjtx_desktop.core.workspace.states import State
from zjtx_desktop.core.workspace.workspace import Workspace, WorkspaceError
from zjtx_desktop.gui.cell import FieldCell
from zjtx_desktop.gui.fields import LineField, TextAreaField
from zjtx_desktop.gui.part_page import PartPage

RECOMMENDER = "recommender"
TYPING_PAUSE_MS = 600  # typed text is kept this long after the last key (one audit row)
LOCKED = (State.REPORTED, State.VOID)  # set_part6 refuses these (先撤销)


class Part6Editor(QWidget):
    saved = Signal()  # a value was kept: the state (已接收 → 初核中) and the list may change

    def __init__(self, ws: Workspace, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ws = ws
        self.app_id = ""
        form = get_form(APPLICATION_FORM)
        section = next(s for s in form.sections.values() if s.filled_by == RECOMMENDER)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        self.page = PartPage(form, section, self, printed=True)
        # the part's title as printed, at the panel's size (the part page's 16 pt is a page's)
        self.page.setStyleSheet("QLabel#partTitle { font-size: 12pt; }")
        self.page.edited.connect(self._edited)
        lay.addWidget(self.page)
        self.cells: dict[str, FieldCell] = dict(self.page.cells)
        # the recommender's fields printed elsewhere (the cover's 推荐单位, 推荐时间)
        others = [form.fields[f] for f in recommender_fields() if f not in self.cells]
        if others:
            box = QWidget(self)
            grid = QGridLayout(box)
            grid.setContentsMargins(16, 0, 16, 8)
            head = QLabel("封面（推荐单位填写）", box)
            head.setObjectName("group")
            grid.addWidget(head, 0, 0, 1, 2)
            for i, f in enumerate(others, start=1):
                label = QLabel(f.print_label or f.label, box)
                label.setObjectName("fieldLabel")
                label.setWordWrap(True)
                cell = FieldCell(f, box)
                cell.edited.connect(lambda raw, fid=f.id: self._edited(fid, raw))
                grid.addWidget(label, i, 0)
                grid.addWidget(cell, i, 1)
                self.cells[f.id] = cell
            grid.setColumnStretch(1, 1)
            lay.addWidget(box)
        self.note = QLabel(ADVICE_NOTE, self)
        self.note.setObjectName("note")
        self.note.setWordWrap(True)
        lay.addWidget(self.note)
        # (application, field) → the raw value not kept yet: typing waits for a pause, and a
        # value the workspace could not take (held by another program) is tried again later,
        # for its own application even after another one is shown
        self._pending: dict[tuple[str, str], Any] = {}
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(TYPING_PAUSE_MS)
        self._timer.timeout.connect(self.flush)

    def follow_width_of(self, viewport: QWidget) -> None:
        """Reflow (labels above fields) when the panel is narrower than the table."""
        self.page.follow_width_of(viewport)

    # --- the open application -----------------------------------------------------------

    def show_application(self, app_id: str) -> None:
        """The application's part 六 as kept (after any typing of the previous one is kept)."""
        self.flush()
        self.app_id = app_id
        if not app_id:
            return
        values = self.ws.part6(app_id)
        values.update({f: raw for (a, f), raw in self._pending.items() if a == app_id})
        for fid, cell in self.cells.items():
            cell.set_raw(values.get(fid))
        self.refresh()

    def refresh(self) -> None:
        """Issues at every field, the advice beside the indicators, read-only when locked."""
        if not self.app_id:
            return
        app = self.ws.application(self.app_id)
        locked = app.state in LOCKED or self.ws.read_only  # 已上报/已作废, or a read-only copy
        for cell in self.cells.values():
            cell.set_read_only(locked)
        self._show_issues()
        self._show_advice()

    def _show_issues(self) -> None:
        state = self.ws.session(self.app_id).state(APPLICATION_FORM)
        for fid, cell in self.cells.items():
            cell.set_issues(tuple(state.issues.get(fid, ())))
            # a warning here is for the official to resolve, not to explain away (the
            # enterprise's 说明 box does not apply to part 六)
            cell.explain_box.hide()

    def _show_advice(self) -> None:
        from zjtx_desktop.core.eligibility import rulesets
        from zjtx_desktop.core.eligibility.advice import advice
        from zjtx_desktop.core.eligibility.evaluate import evaluate
        from zjtx_desktop.core.workspace.review import INITIAL_RULES, build_session

        lines: dict[str, list[str]] = {}
        for a in indicator_advice(self.ws, self.app_id, figures=True):
            # the note is rich text: “5.49% < 6%” must not open a tag
            line = html.escape(f"{a.option}　{a.mark}　{a.figures}")
            lines.setdefault(a.field_id, []).append(line)
        for fid, texts in lines.items():
            if fid in self.cells:
                self.cells[fid].show_note("程序判断（参考）：<br>" + "<br>".join(texts))
        rs = rulesets().get(INITIAL_RULES)
        if rs is None:
            return
        sub = self.ws.current(self.app_id)
        result = evaluate(rs, build_session(sub.data, sub.declarations))
        for a in advice(result, RECOMMENDER):
            cell = self.cells.get(a.field[1])
            if cell is not None:  # a suggestion, never a tick (as the enterprise window)
                cell.show_note(f"初核建议：{a.text}")

    # --- keeping what the official typed ----------------------------------------------

    def _edited(self, field_id: str, raw: Any) -> None:
        if not self.app_id:
            return
        self._pending[(self.app_id, field_id)] = raw
        widget = self.cells[field_id].widget
        if isinstance(widget, LineField | TextAreaField):
            self._timer.start()  # typing: kept after a pause (and before any decision)
        else:
            self.flush()  # a tick or a choice: kept at once

    def flush(self) -> bool:
        """Keep every pending value; False when the workspace refused one (said at its field)."""
        self._timer.stop()
        pending, self._pending = self._pending, {}
        ok, saved = True, False
        for (app_id, field_id), raw in pending.items():
            try:
                self.ws.set_part6(app_id, field_id, raw)
                saved = True
            except (WorkspaceError, StoreError) as e:
                ok = False
                if isinstance(e, StoreError):  # held by another program: tried again later
                    self._pending.setdefault((app_id, field_id), raw)
                if app_id == self.app_id:  # the value stays in the field as typed
                    said = html.escape(f"未保存：{e}")
                    cell = self.cells[field_id]
                    cell.message.setText(f"<span style='color:#c62828'>✖ {said}</span>")
                    cell.message.show()
        if ok and self.app_id:
            self._show_issues()
        if saved:
            self.saved.emit()
        return ok

    def message_of(self, field_id: str) -> str:
        """The message shown at a field (tests and screen readers ask)."""
        return self.cells[field_id].message_text()
