"""One part (section) of a form, laid out like the official table.

Rows with year columns put 2019年/2020年 side by side; the 目标表 is a grid of indicators ×
三列; numbered blanks (1. 2. 3.) sit in one row. Tab order follows the official order.

Narrower than the table needs (150 % on a 1366×768 laptop leaves the part ~560 px), the part
reflows instead of scrolling sideways: each label goes above its fields, which then use the
whole width, and pairs printed on one row of the official table stack one under another.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtWidgets import (
    QBoxLayout,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QVBoxLayout,
    QWidget,
)

from zjtx_desktop.core.forms.model import FieldDef, FormDef, Section
from zjtx_desktop.gui.cell import FieldCell

NO_LIMIT = 16777215  # QWIDGETSIZE_MAX
LABEL_WIDTH = {False: 260, True: 150}  # beside its field: a label's widest (inline: in a pair)

# how a row is placed: ("header", head, [column headings]); ("full", widget) across the whole
# part; ("columns", label, [(widget, column)]) a row of year/indicator columns; ("span", label,
# widget) one field (or a box of several) using all the columns
Placement = tuple[Any, ...]

STATIC_PREFIX = {
    "signature": "（打印后签名）",
    "seal": "（打印后盖章）",
    "date_line": "（打印后填写）",
}


class PartPage(QWidget):
    edited = Signal(str, object)  # field id, raw
    explained = Signal(str, object, str)  # field id, issue, text
    focused = Signal(str)  # field id

    def __init__(
        self, form: FormDef, section: Section, parent: QWidget | None = None, printed: bool = False
    ) -> None:
        super().__init__(parent)
        self.form = form
        self.section = section
        # the labels as printed on the paper form (the officials' panel: part 六 beside the
        # stamped 申请书 in hand, “2.该企业符合“6项必备指标”中的　项。”)
        self.printed = printed
        self.cells: dict[str, FieldCell] = {}
        self.row_widgets: dict[str, list[QWidget]] = {}
        self._placements: list[Placement] = []
        self._boxes: list[QBoxLayout] = []  # rows of pairs / numbered blanks: stack when narrow
        self._labels: list[tuple[QLabel, bool]] = []  # (label, inline)
        self._ncols = 1
        self.narrow = False
        self._wide_min: int | None = None  # the width the side-by-side layout needs
        outer = QVBoxLayout(self)
        outer.setContentsMargins(16, 12, 16, 12)
        title = QLabel(section.title, self)
        title.setObjectName("partTitle")
        title.setWordWrap(True)
        outer.addWidget(title)
        if section.filled_by == "recommender":
            note = QLabel("本部分由推荐单位（省级中小企业主管部门）填写，企业无需填写。", self)
            note.setObjectName("note")
            note.setWordWrap(True)  # the officials' review panel is narrow at 150 %
            outer.addWidget(note)
        if section.help:
            h = QLabel(section.help, self)
            h.setWordWrap(True)
            h.setObjectName("note")
            outer.addWidget(h)
        self.grid = QGridLayout()
        self.grid.setHorizontalSpacing(10)
        self.grid.setVerticalSpacing(6)
        outer.addLayout(self.grid)
        self._build()
        self._place(narrow=False)
        outer.addStretch(1)

    # --- layout -------------------------------------------------------------------------

    def _table_columns(self, fields: list[FieldDef]) -> list[tuple[str, str]]:
        known = {c.id for cols in self.form.columns.values() for c in cols}
        seen: dict[str, str] = {}
        for f in fields:
            if f.column in known and f.column not in seen:
                seen[f.column] = f.column_label
        for fc in self.form.fixed_cells:
            if fc.column in known and fc.column not in seen:
                for cols in self.form.columns.values():
                    for c in cols:
                        if c.id == fc.column:
                            seen[c.id] = c.label
        return list(seen.items())

    def _build(self) -> None:
        fields = self.form.fields_in(self.section.id)
        columns = self._table_columns(fields)
        known = {c for c, _ in columns}
        self._ncols = max(1, len(columns))
        if columns:
            # the label column is the last heading before the value columns (二级指标 …)
            # (Beijing's table has a 注释 column after the value columns, so count from the
            # first heading that names a value column, not from the end)
            header = self.section.header
            first = columns[0][1].split()[0] if columns[0][1] else ""
            at = next((i for i, h in enumerate(header) if first and h.startswith(first)), None)
            head = header[at - 1] if at else "指标"
            self._header([head, *[label for _, label in columns]])
        statics_after: dict[str, list[Any]] = {}
        trailing = []
        headings = {f.group for f in fields if f.group}
        for s in self.form.statics:
            if s.section != self.section.id or s.kind == "title":
                continue
            if s.text in headings:  # printed as a heading already (part 六's two groups)
                continue
            if s.after:
                statics_after.setdefault(s.after, []).append(s)
            else:
                trailing.append(s)
        rows: dict[str, list[FieldDef]] = {}
        for f in fields:
            rows.setdefault(f.row, []).append(f)
        group = ""
        shared_rows: dict[str, tuple[QWidget, QHBoxLayout]] = {}
        for row_fields in rows.values():
            f0 = row_fields[0]
            if f0.print_row and not f0.column and f0.print_row not in shared_rows:
                box = QWidget(self)
                hl = QHBoxLayout(box)
                hl.setContentsMargins(0, 0, 0, 0)
                shared_rows[f0.print_row] = (box, hl)
        for row_id, row_fields in rows.items():
            first = row_fields[0]
            if first.group and first.group != group:
                group = first.group
                g = QLabel(group, self)
                g.setObjectName("group")
                g.setWordWrap(True)
                self._placements.append(("full", g))
            shared = shared_rows.get(first.print_row) if not first.column else None
            continuing = shared is not None and shared[1].count() > 0
            widgets: list[QWidget] = []
            label: QLabel | None = None
            if not continuing:
                label = self._label(first)
                widgets.append(label)
            if first.column in known:
                fixed = {fc.column: fc.text for fc in self.form.fixed_cells if fc.row == row_id}
                placed: list[tuple[QWidget, int]] = []
                for i, (cid, _) in enumerate(columns):
                    f = next((x for x in row_fields if x.column == cid), None)
                    if f is not None:
                        cell = self._cell(f)
                        placed.append((cell, i))
                        widgets.append(cell)
                    elif cid in fixed:
                        fl = QLabel(fixed[cid], self)
                        fl.setObjectName("fixed")
                        placed.append((fl, i))
                self._placements.append(("columns", label, placed))
            elif first.column:  # numbered blanks 1. 2. 3.
                box = QWidget(self)
                hl = QHBoxLayout(box)
                hl.setContentsMargins(0, 0, 0, 0)
                self._boxes.append(hl)
                for f in row_fields:
                    hl.addWidget(QLabel(f.column_label, box), 0, Qt.AlignmentFlag.AlignTop)
                    cell = self._cell(f)
                    hl.addWidget(cell, 1, Qt.AlignmentFlag.AlignTop)
                self._placements.append(("span", label, box))
                widgets.append(box)
            elif shared is not None:
                # several label/value pairs printed on one row of the official table
                box, hl = shared
                if continuing:
                    inline = self._label(first, inline=True)
                    # the top of each pair stays put when another pair's message
                    # appears below its field (a centred row jumped up and down)
                    hl.addWidget(inline, 0, Qt.AlignmentFlag.AlignTop)
                    widgets.append(inline)
                else:
                    self._boxes.append(hl)
                    self._placements.append(("span", label, box))
                cell = self._cell(first)
                hl.addWidget(cell, 1, Qt.AlignmentFlag.AlignTop)
                widgets.append(cell)
            else:
                cell = self._cell(first)
                self._placements.append(("span", label, cell))
                widgets.append(cell)
            for f in row_fields:
                self.row_widgets[f.id] = widgets
            keys = dict.fromkeys([row_id, *(f.id for f in row_fields)])
            for s in [x for k in keys for x in statics_after.get(k, [])]:
                self._placements.append(("full", self._static(s.kind, s.text)))
        for s in trailing:
            self._placements.append(("full", self._static(s.kind, s.text)))

    def _place(self, narrow: bool) -> None:
        """Put every row in the grid: side by side like the official table, or (``narrow``)
        each label above its fields and pairs stacked, so nothing needs sideways scrolling."""
        grid, n, top = self.grid, self._ncols, Qt.AlignmentFlag.AlignTop
        for entry in self._placements:
            for w in self._widgets_of(entry):
                grid.removeWidget(w)
        first = 0 if narrow else 1  # the column of the first value column
        r = 0
        for entry in self._placements:
            kind = entry[0]
            if kind == "header":
                head, headings = entry[1], entry[2]
                head.setVisible(not narrow)
                if not narrow:
                    grid.addWidget(head, r, 0)
                for i, h in enumerate(headings):
                    grid.addWidget(h, r, first + i)
            elif kind == "full":
                grid.addWidget(entry[1], r, 0, 1, n + 1)
            else:
                label = entry[1]
                if label is not None:
                    grid.addWidget(label, r, 0, 1, n if narrow else 1, top)
                    if narrow:
                        r += 1
                if kind == "columns":
                    for w, i in entry[2]:
                        grid.addWidget(w, r, first + i, top)
                else:
                    grid.addWidget(entry[2], r, first, 1, n)
            r += 1
        for i in range(n + 1):  # value columns share the width; the label column only wide
            value = first <= i < first + n
            grid.setColumnStretch(i, 1 if value else 0)
        grid.setColumnMinimumWidth(0, 0 if narrow else 180)
        direction = QBoxLayout.Direction.TopToBottom if narrow else QBoxLayout.Direction.LeftToRight
        for box in self._boxes:
            box.setDirection(direction)
        for label, inline in self._labels:
            label.setMaximumWidth(NO_LIMIT if narrow else LABEL_WIDTH[inline])
        self.narrow = narrow

    @staticmethod
    def _widgets_of(entry: Placement) -> list[QWidget]:
        kind = entry[0]
        if kind == "header":
            return [entry[1], *entry[2]]
        if kind == "full":
            return [entry[1]]
        out = [entry[1]] if entry[1] is not None else []
        if kind == "columns":
            return out + [w for w, _ in entry[2]]
        return [*out, entry[2]]

    def fit_width(self, width: int) -> None:
        """Side by side while the table fits ``width`` (the view's), else reflowed."""
        if not self.narrow:
            self._wide_min = self.minimumSizeHint().width()
        narrow = self._wide_min is not None and width < self._wide_min
        if narrow != self.narrow:
            self._place(narrow)

    def follow_width_of(self, viewport: QWidget) -> None:
        """Reflow whenever ``viewport`` (the scroll area's) changes width."""
        self._watcher = _WidthWatcher(self, viewport)

    def _header(self, texts: list[str]) -> None:
        headings = []
        for t in texts:
            h = QLabel(t, self)
            h.setObjectName("colHeader")
            h.setWordWrap(True)
            headings.append(h)
        self._placements.append(("header", headings[0], headings[1:]))

    def _label(self, f: FieldDef, inline: bool = False) -> QLabel:
        text = (f.print_label or f.label) if self.printed else f.label
        if f.star and not text.startswith("★"):
            text = "★" + text
        mark = "<span style='color:#c62828'>*</span>" if f.required else ""
        label = QLabel(f"{text}{mark}", self)
        # inline labels share a row with other pairs: they wrap too, in a narrower box
        label.setWordWrap(True)
        label.setMaximumWidth(LABEL_WIDTH[inline])
        self._labels.append((label, inline))
        label.setTextFormat(Qt.TextFormat.RichText)
        label.setObjectName("fieldLabel")
        return label

    def _static(self, kind: str, text: str) -> QLabel:
        prefix = STATIC_PREFIX.get(kind, "")
        label = QLabel(f"{text}{prefix}", self)
        label.setWordWrap(True)
        label.setObjectName("declaration" if kind == "declaration" else "note")
        label.setFrameShape(QFrame.Shape.NoFrame)
        return label

    def _cell(self, f: FieldDef) -> FieldCell:
        cell = FieldCell(f, self)
        cell.edited.connect(lambda raw, fid=f.id: self.edited.emit(fid, raw))
        cell.explained.connect(lambda issue, text, fid=f.id: self.explained.emit(fid, issue, text))
        cell.focused.connect(lambda fid=f.id: self.focused.emit(fid))
        self.cells[f.id] = cell
        return cell

    # --- state --------------------------------------------------------------------------

    def set_relevant(self, fid: str, relevant: bool) -> None:
        """Dependent fields enable when their condition holds; values stay visible."""
        cell = self.cells.get(fid)
        if cell is not None:
            cell.setEnabled(relevant)

    def focus_field(self, fid: str) -> QWidget | None:
        cell = self.cells.get(fid)
        if cell is None:
            return None
        target = cell.widget.focus_target()
        target.setFocus(Qt.FocusReason.OtherFocusReason)
        return cell


class _WidthWatcher(QObject):
    def __init__(self, page: PartPage, viewport: QWidget) -> None:
        super().__init__(page)
        self.page = page
        viewport.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Resize and isinstance(watched, QWidget):
            self.page.fit_width(watched.width())
        return False
