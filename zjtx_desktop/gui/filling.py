"""Filling an application: navigator of forms and parts, the part's table, help, issue list.

Every edit goes to the core (validate + save at once); the page redraws only the fields the
engine says changed. Undo/redo ask the core (one undo for every view, declarations included);
Ctrl+Z/Ctrl+Y typed inside a field run the same application undo, not the field's own.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from decimal import Decimal
from typing import Any

from PySide6.QtCore import QEvent, QObject, QPoint, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QKeyEvent, QKeySequence
from PySide6.QtWidgets import (
    QApplication,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPushButton,
    QScrollArea,
    QSplitter,
    QStackedWidget,
    QTextBrowser,
    QToolBar,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from zjtx_desktop.core.application import (
    DeclarationRefused,
    FinaliseRefused,
    OpenApplication,
    ReopenRefused,
)
from zjtx_desktop.core.engine.session import FieldRef
from zjtx_desktop.core.issues import Issue, Severity
from zjtx_desktop.core.rights import EditRefused
from zjtx_desktop.core.store.errors import DiskFull, StoreError
from zjtx_desktop.gui.eligibility_panel import EligibilityPanel
from zjtx_desktop.gui.part_page import PartPage

KIND_NAMES = {
    "application": "申请书",
    "basic_info": "基本情况表",
    "targets": "目标表",
    "self_assessment": "自评表",
}
SEVERITY_NAME = {Severity.ERROR: "错误", Severity.WARNING: "警告", Severity.HINT: "提示"}
STATUS_MARK = {
    "complete": "✔ 完成",
    "errors": "✖ 有错误",
    "warnings": "▲ 有警告",
    "partial": "◐ 未完成",
    "untouched": "○ 未填写",
    "official": "— 推荐单位填写",
    "enterprise_part": "— 企业填写（只读）",
}


DURABLE_AFTER_PAUSE_MS = 2000  # typing paused this long: synced to disk (power-loss safe)
RETRY_UNSAVED_MS = 2000  # a full disk refused what was typed: tried again this often


class FillingPage(QWidget):
    back = Signal()
    changed = Signal()
    role_requested = Signal(str)  # reopen the application as "enterprise" or "recommender"
    renamed = Signal()  # the application's name followed 企业名称

    def __init__(self, app: OpenApplication, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.app = app
        self.pages: dict[tuple[str, str], PartPage] = {}
        self.page_index: dict[tuple[str, str], int] = {}
        self.current_part: tuple[str, str] | None = None
        self._issues_timer = QTimer(self)
        self._issues_timer.setSingleShot(True)
        self._issues_timer.setInterval(150)
        self._issues_timer.timeout.connect(self.refresh_overview)
        self._eligibility_timer = QTimer(self)
        self._eligibility_timer.setSingleShot(True)
        self._eligibility_timer.setInterval(60)
        self._eligibility_timer.timeout.connect(self.refresh_eligibility)
        # typing is committed without an fsync (safe from a killed window, not from power
        # loss: core/store/drafts.py); a pause in typing is one of the points that syncs it
        self._durable_timer = QTimer(self)
        self._durable_timer.setSingleShot(True)
        self._durable_timer.setInterval(DURABLE_AFTER_PAUSE_MS)
        self._durable_timer.timeout.connect(self.app.store.durable)
        # what a full disk refused stays in its field and is saved as soon as there is room,
        # without typing again (a lock is not retried by itself: each try waits for it)
        self._unsaved: dict[FieldRef, Any] = {}
        self._retry_timer = QTimer(self)
        self._retry_timer.setSingleShot(True)
        self._retry_timer.setInterval(RETRY_UNSAVED_MS)
        self._retry_timer.timeout.connect(self._retry_unsaved)

        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        self.toolbar = QToolBar(self)
        lay.addWidget(self.toolbar)
        self._build_toolbar()
        # why the database cannot be written (只读, 被占用, 磁盘已满): one line at the top,
        # shown once per message, never a message box per keystroke
        self.store_banner = QLabel(self)
        self.store_banner.setObjectName("storeProblem")
        self.store_banner.setWordWrap(True)
        self.store_banner.setStyleSheet(
            "background:#fff3e0; color:#b71c1c; padding:4px 8px; border-bottom:1px solid #e0a060"
        )
        self.store_banner.hide()
        lay.addWidget(self.store_banner)

        split = QSplitter(Qt.Orientation.Horizontal, self)
        lay.addWidget(split, 1)
        self.nav = QTreeWidget(split)
        self.nav.setHeaderHidden(True)
        self.nav.setWordWrap(True)
        self.nav.setAccessibleName("表单和部分")
        self.nav.itemClicked.connect(self._nav_clicked)
        centre = QSplitter(Qt.Orientation.Vertical, split)
        self.stack = QStackedWidget(centre)
        issues_box = QWidget(centre)
        il = QVBoxLayout(issues_box)
        il.setContentsMargins(0, 0, 0, 0)
        il.setSpacing(2)
        banner = QWidget(issues_box)
        bl = QHBoxLayout(banner)
        bl.setContentsMargins(6, 2, 6, 2)
        self.blocking_label = QLabel(banner)
        self.blocking_label.setObjectName("blocking")
        self.blocking_label.setWordWrap(True)
        show_all = QPushButton("显示全部问题", banner)
        show_all.clicked.connect(lambda: self.show_blocking(False))
        bl.addWidget(self.blocking_label, 1)
        bl.addWidget(show_all)
        banner.hide()
        self.blocking_banner = banner
        self.blocking_only = False
        il.addWidget(banner)
        self.issue_list = QListWidget(issues_box)
        il.addWidget(self.issue_list, 1)
        self.issue_list.setAccessibleName("问题清单")
        self.issue_list.setWordWrap(True)
        self.issue_list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.issue_list.itemActivated.connect(self._issue_clicked)
        self.issue_list.itemClicked.connect(self._issue_clicked)
        centre.setStretchFactor(0, 4)
        centre.setStretchFactor(1, 1)
        self.side = QSplitter(Qt.Orientation.Vertical, split)
        self.help = QTextBrowser(self.side)
        self.help.setAccessibleName("填报说明")
        self.eligibility = EligibilityPanel(app.session, app.role, self.side)
        self.eligibility.jump.connect(self.jump_to)
        self.eligibility.declared.connect(self.on_declare)
        self.side.setStretchFactor(0, 2)
        self.side.setStretchFactor(1, 3)
        self.split = split
        split.setSizes([200, 876, 290])
        split.setCollapsible(1, False)
        self.help.setHtml(
            "<p>点击任一字段，这里显示它的填报说明、单位、字数限制和示例。</p>"
            "<p>红色 ✖ 为错误（须改正才能定稿）；橙色 ▲ 为警告（如属实，写明说明即可保留）；"
            "灰色 ℹ 为提示。</p><p>快捷键：Ctrl+F 查找字段，Ctrl+PgDown/PgUp 下一/上一部分，"
            "Enter 到下一项，Ctrl+Z 撤销。</p>"
        )
        split.setStretchFactor(1, 1)

        self._build_nav()
        first = self.first_part()
        if first is not None:
            self.show_part(*first)
        self.refresh_overview()
        if app.store.read_only:
            self.show_store_problem(f"只读：{app.store.read_only_reason}")
        self._update_mode()
        # after the window is shown: the first evaluation also loads the rule sets
        self._eligibility_timer.start()

    # --- toolbar and actions -----------------------------------------------------------

    def _build_toolbar(self) -> None:
        tb = self.toolbar
        back = QAction("◀ 返回列表", self)
        back.triggered.connect(self.back.emit)
        tb.addAction(back)
        self.title = QLabel(self)
        self.title.setObjectName("appTitle")
        tb.addWidget(self.title)
        tb.addSeparator()
        # fixed words on the buttons: the step they undo is in the tooltip (a label such as
        # “根据《中小企业划型标准规定》…” grew the button until 定稿 fell off the toolbar)
        self.undo_action = QAction("撤销", self)
        self.undo_action.setShortcut(QKeySequence.StandardKey.Undo)
        self.undo_action.triggered.connect(self.undo)
        self.redo_action = QAction("重做", self)
        self.redo_action.setShortcut(QKeySequence.StandardKey.Redo)
        self.redo_action.triggered.connect(self.redo)
        # Ctrl+Z in a field is the application's undo, not the field's own
        app_instance = QApplication.instance()
        if app_instance is not None:
            app_instance.installEventFilter(self)
        tb.addAction(self.undo_action)
        tb.addAction(self.redo_action)
        self.prev_part_action = prev_part = QAction("上一部分", self)
        prev_part.setShortcut(QKeySequence("Ctrl+PgUp"))
        prev_part.triggered.connect(lambda: self.step_part(-1))
        self.next_part_action = next_part = QAction("下一部分", self)
        next_part.setShortcut(QKeySequence("Ctrl+PgDown"))
        next_part.triggered.connect(lambda: self.step_part(1))
        tb.addAction(prev_part)
        tb.addAction(next_part)
        self.find_action = find = QAction("查找字段", self)
        find.setShortcut(QKeySequence.StandardKey.Find)
        find.triggered.connect(self.find_field)
        tb.addAction(find)
        self.history_action = history = QAction("修改记录", self)
        history.triggered.connect(self.show_history)
        tb.addAction(history)
        self.blocking_action = QAction("只看阻碍定稿的问题", self)
        self.blocking_action.setCheckable(True)
        self.blocking_action.toggled.connect(self.show_blocking)
        tb.addSeparator()
        self.export_action = QAction("导出…", self)
        self.export_action.setShortcut(QKeySequence("Ctrl+E"))
        self.export_action.triggered.connect(self.export)
        tb.addAction(self.export_action)
        self.review_action = QAction("推荐单位初核", self)
        self.review_action.setCheckable(True)
        self.review_action.setChecked(self.app.role == "recommender")
        self.review_action.setToolTip("以推荐单位身份填写第六部分（初核推荐）；企业填写的部分只读")
        self.review_action.setVisible("recommender" in self.app.fillers)
        self.review_action.toggled.connect(
            lambda on: self.role_requested.emit("recommender" if on else "enterprise")
        )
        tb.addAction(self.review_action)
        self.finalise_action = QAction("定稿", self)
        self.finalise_action.triggered.connect(self.finalise)
        tb.addAction(self.finalise_action)
        self.reopen_action = QAction("重新编辑", self)
        self.reopen_action.triggered.connect(self.reopen)
        tb.addAction(self.reopen_action)
        self.saved = QLabel("", self)
        self.saved.setObjectName("saved")
        tb.addWidget(self.saved)
        self.focused_field: FieldRef | None = None

    def show_store_problem(self, message: str) -> None:
        """The database refused a write (or opens read-only): the banner says why, once."""
        if self.store_banner.text() != message or self.store_banner.isHidden():
            self.store_banner.setText(message)
            self.store_banner.show()
        self.saved.setText("  未保存")

    def _store_failed(self, e: StoreError) -> None:
        self.show_store_problem(f"没有保存：{e}")

    def _store_ok(self) -> None:
        """A write went through: a problem shown earlier (a lock since released) is over."""
        if not self.app.store.read_only:
            self.store_banner.hide()

    def _update_undo(self, *_: Any) -> None:
        """Asks the core what undo and redo would take back (the tooltip names it)."""
        writable = not self.app.store.read_only
        undo, redo = self.app.undo_label(), self.app.redo_label()
        self.undo_action.setEnabled(writable and bool(undo))
        self.redo_action.setEnabled(writable and bool(redo))
        self.undo_action.setToolTip(f"撤销：修改 {undo}（Ctrl+Z）" if undo else "撤销（Ctrl+Z）")
        self.redo_action.setToolTip(f"重做：修改 {redo}" if redo else "重做")

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """Undo/redo keys typed in one of this page's fields: the application's undo."""
        kind = event.type()
        if kind not in (QEvent.Type.ShortcutOverride, QEvent.Type.KeyPress):
            return False
        if not isinstance(event, QKeyEvent) or not isinstance(watched, QWidget):
            return False
        undo = event.matches(QKeySequence.StandardKey.Undo)
        redo = event.matches(QKeySequence.StandardKey.Redo)
        if not (undo or redo) or not self.isAncestorOf(watched):
            return False
        if kind == QEvent.Type.ShortcutOverride:
            event.accept()  # the key press comes to the field, where it is caught below
            return True
        if undo:
            self.undo()
        else:
            self.redo()
        return True

    def _update_mode(self) -> None:
        final = self.app.is_final
        status = "定稿" if final else "草稿"
        reviewer = self.app.role == "recommender"
        if reviewer:
            status += "  ·  推荐单位初核（企业填写部分只读）"
        self.title.setText(f" {self.app.record.name or '（未命名）'}  ·  {status} ")
        self.finalise_action.setVisible(not final and not reviewer)
        self.reopen_action.setVisible(final and not reviewer)
        writable = not self.app.store.read_only
        self.finalise_action.setEnabled(writable)
        self.reopen_action.setEnabled(writable)
        for page in self.pages.values():
            self._set_page_read_only(page)
        # declarations are the enterprise's statements: the reviewer reads them
        self.eligibility.read_only = final or reviewer or self.app.store.read_only
        self._update_undo()

    # --- navigator and pages -----------------------------------------------------------

    def _build_nav(self) -> None:
        """Forms, and under each its parts; a form of one part is a single entry."""
        self.nav.clear()
        self.nav_items: dict[tuple[str, str], QTreeWidgetItem] = {}
        self.nav_titles: dict[tuple[str, str], str] = {}
        kinds = [st.form.kind for st in self.app.session.states.values()]
        for st in self.app.session.states.values():
            form = st.form
            sections = [s for s in form.sections.values() if form.fields_in(s.id)]
            # 基本情况表 / 目标表 tell the forms apart in a narrow list; the long official
            # titles began alike and were cut to two identical entries
            unique = kinds.count(form.kind) == 1 and form.kind in KIND_NAMES
            form_title = KIND_NAMES[form.kind] if unique else (form.short_title or form.title)
            parent: QTreeWidget | QTreeWidgetItem = self.nav
            if len(sections) > 1:
                top = QTreeWidgetItem([form_title])
                top.setToolTip(0, form.title)
                self.nav.addTopLevelItem(top)
                top.setExpanded(True)
                parent = top
            for section in sections:
                title = section.title if len(sections) > 1 else form_title
                item = QTreeWidgetItem([title])
                item.setToolTip(0, f"{form.title}\n{section.title}")
                item.setData(0, Qt.ItemDataRole.UserRole, (form.id, section.id))
                if isinstance(parent, QTreeWidget):
                    parent.addTopLevelItem(item)
                else:
                    parent.addChild(item)
                self.nav_items[(form.id, section.id)] = item
                self.nav_titles[(form.id, section.id)] = title
                self.page_index[(form.id, section.id)] = -1

    def resizeEvent(self, event: Any) -> None:
        """Side panes in proportion when the window is narrow (150 % scaling): the part in
        the middle keeps most of the width. Only on crossing the threshold, so a width the
        user dragged is kept."""
        super().resizeEvent(event)
        narrow = self.width() < 1200
        if narrow != getattr(self, "_narrow", None):
            self._narrow = narrow
            w = max(self.width(), 1)
            side = (int(w * 0.15), int(w * 0.22)) if narrow else (200, 290)
            self.split.setSizes([side[0], max(w - sum(side), 300), side[1]])

    def first_part(self) -> tuple[str, str] | None:
        """Where an application opens: the first part with a field this role fills (the
        cover's lines are the 推荐单位's or copied from part 一: nothing to do there)."""
        for key in self.page_index:
            form = self.app.session.state(key[0]).form
            if form.sections[key[1]].layout == "cover":
                continue
            if any(self.app.fills((key[0], f.id)) for f in form.fields_in(key[1])):
                return key
        return next(iter(self.page_index), None)

    def _nav_clicked(self, item: QTreeWidgetItem) -> None:
        key = item.data(0, Qt.ItemDataRole.UserRole)
        if key:
            self.show_part(*key)

    def page(self, form_id: str, section_id: str) -> PartPage:
        key = (form_id, section_id)
        if key not in self.pages:  # built on first view: opening an application stays fast
            st = self.app.session.state(form_id)
            page = PartPage(st.form, st.form.sections[section_id])
            page.edited.connect(lambda fid, raw, f=form_id: self.on_edit((f, fid), raw))
            page.explained.connect(lambda fid, i, t, f=form_id: self.on_explain(f, i, t))
            page.focused.connect(lambda fid, f=form_id: self.show_help((f, fid)))
            scroll = QScrollArea(self)
            scroll.setWidgetResizable(True)
            # narrower than the table (150 % on 1366×768) the part reflows, labels above
            # their fields; what still cannot shrink scrolls instead of being cut off
            scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAsNeeded)
            scroll.setWidget(page)
            page.follow_width_of(scroll.viewport())
            self.pages[key] = page
            self.page_index[key] = self.stack.addWidget(scroll)
            for fid in page.cells:
                self.refresh_field((form_id, fid))
            self._set_page_read_only(page)
        return self.pages[key]

    def _set_page_read_only(self, page: PartPage) -> None:
        """Read-only when final, and where another role fills (part 六 for the enterprise)."""
        form_id = page.form.id
        for fid, cell in page.cells.items():
            locked = self.app.is_final or self.app.store.read_only
            cell.set_read_only(locked or not self.app.fills((form_id, fid)))

    def show_part(self, form_id: str, section_id: str) -> PartPage:
        self.app.store.durable()  # leaving a part: a natural point to sync what was typed
        page = self.page(form_id, section_id)
        self.stack.setCurrentIndex(self.page_index[(form_id, section_id)])
        self.current_part = (form_id, section_id)
        item = self.nav_items.get((form_id, section_id))
        if item is not None:
            self.nav.setCurrentItem(item)
        return page

    def step_part(self, step: int) -> None:
        keys = list(self.page_index)
        if self.current_part in keys:
            i = (keys.index(self.current_part) + step) % len(keys)
            self.show_part(*keys[i])

    def jump_to(self, ref: FieldRef) -> None:
        form_id, fid = ref
        section = self.app.session.field(ref).section
        page = self.show_part(form_id, section)
        cell = page.focus_field(fid)
        if cell is not None:
            scroll = self.stack.currentWidget()
            if isinstance(scroll, QScrollArea):
                scroll.ensureWidgetVisible(cell, 40, 80)
                self._show_row_start(scroll, page, fid, cell)
        self.show_help(ref)

    @staticmethod
    def _show_row_start(scroll: QScrollArea, page: PartPage, fid: str, cell: QWidget) -> None:
        """On a narrow window the part scrolls sideways: keep the row's label in view as long
        as the field itself stays in view (ensureWidgetVisible alone hid the labels)."""
        bar = scroll.horizontalScrollBar()
        if bar.maximum() == 0:
            return
        left = cell.mapTo(page, cell.rect().topLeft()).x()
        right = left + cell.width()
        start = min(
            [w.mapTo(page, w.rect().topLeft()).x() for w in page.row_widgets.get(fid, [])] or [left]
        )
        view = scroll.viewport().width()
        # from the label, as long as the start of the field (where one types) is in view too
        value = max(0, start - 10)
        need = left + min(right - left, 200)
        if need > value + view:
            value = need - view + 10
        bar.setValue(value)

    # --- editing ------------------------------------------------------------------------

    def on_edit(self, ref: FieldRef, raw: Any) -> None:
        name = self.app.record.name
        try:
            result = self.app.set_value(ref, raw)
        except EditRefused as e:  # the core decides; the field shows what is stored
            self.refresh_field(ref)
            self.saved.setText(f"  {e}")
            return
        except StoreError as e:  # not saved: what was typed stays in the field
            self._store_failed(e)
            if isinstance(e, DiskFull):
                self._unsaved[ref] = raw
                self._retry_timer.start()
            return
        self._unsaved.pop(ref, None)
        self._store_ok()
        if self.app.record.name != name:
            self._update_mode()
            self.renamed.emit()
        with self.focus_stays_put():
            self._redraw(result, keep=ref)

    @contextmanager
    def focus_stays_put(self) -> Iterator[None]:
        """Messages and notes that appear or go above the field being typed in (a rule on
        another field) must not move that field under the cursor: after the redraw, the
        part scrolls by what the content above it grew or shrank (issue 12 item 12)."""
        scroll = self.stack.currentWidget()
        focus = QApplication.focusWidget()
        if (
            not isinstance(scroll, QScrollArea)
            or focus is None
            or scroll.widget() is None
            or not scroll.widget().isAncestorOf(focus)
        ):
            yield
            return
        viewport = scroll.viewport()
        before = focus.mapTo(viewport, QPoint(0, 0)).y()
        yield
        # lay the part out now (a label shown or hidden only asks for a layout; the part,
        # then the scroll area's range, follow in turn), so nothing is painted in between
        for _ in range(3):
            QApplication.sendPostedEvents(None, QEvent.Type.LayoutRequest)
        moved = focus.mapTo(viewport, QPoint(0, 0)).y() - before
        if moved:
            bar = scroll.verticalScrollBar()
            bar.setValue(bar.value() + moved)

    def _retry_unsaved(self) -> None:
        for ref, raw in list(self._unsaved.items()):
            self._unsaved.pop(ref)
            self.on_edit(ref, raw)  # refused again: back in _unsaved, the timer restarted

    def _redraw(self, result: Any, keep: FieldRef | None = None) -> None:
        """After an edit, undo or redo: redraw what changed (not the text being typed)."""
        for changed in result.changed:
            self.refresh_field(changed, value=changed != keep)
        self.saved.setText(f"  已保存 {result.saved_at[11:19]}")
        self._issues_timer.start()
        self._eligibility_timer.start()
        self._durable_timer.start()
        self._update_undo()
        self.changed.emit()

    def undo(self) -> None:
        self._replay(self.app.undo)

    def redo(self) -> None:
        self._replay(self.app.redo)

    def _replay(self, step: Any) -> None:
        name = self.app.record.name
        try:
            result = step()
        except EditRefused as e:
            self.saved.setText(f"  {e}")
            return
        except StoreError as e:
            self._store_failed(e)
            return
        self._store_ok()
        if result is None:
            return
        if self.app.record.name != name:
            self._update_mode()
            self.renamed.emit()
        with self.focus_stays_put():
            self._redraw(result)
        if not result.changed:  # a declaration: the panel shows it
            self.refresh_eligibility()

    def on_declare(self, ruleset_id: str, quantity_id: str, answer: str | None) -> None:
        try:
            problem = self.app.declaration_problem(ruleset_id, quantity_id, answer or "")
            saved = "" if problem else self.app.declare(ruleset_id, quantity_id, answer)
        except DeclarationRefused as e:
            problem = str(e)
        except StoreError as e:
            self._store_failed(e)
            return
        if problem:
            self.eligibility.show_problem(problem)
            return
        self._store_ok()
        self.saved.setText(f"  已保存 {saved[11:19]}")
        self.refresh_eligibility()
        self._update_undo()
        self.changed.emit()

    def on_explain(self, form_id: str, issue: Issue, text: str) -> None:
        try:
            self.app.explain(form_id, issue, text)
        except EditRefused as e:
            self.saved.setText(f"  {e}")
            return
        except StoreError as e:
            self._store_failed(e)  # the 说明 stays in its box, unsaved
            return
        self._store_ok()
        self._issues_timer.start()
        self._durable_timer.start()

    def refresh_field(self, ref: FieldRef, value: bool = True) -> None:
        form_id, fid = ref
        st = self.app.session.state(form_id)
        page = self.pages.get((form_id, st.form.fields[fid].section))
        if page is None or fid not in page.cells:
            return
        cell = page.cells[fid]
        if value:
            cell.set_raw(st.raw(fid))
        page.set_relevant(fid, st.relevant.get(fid, True))
        issues = st.issues.get(fid, ())
        warning = next((i for i in issues if i.severity == Severity.WARNING), None)
        cell.set_issues(issues, self.app.explanation(form_id, warning) if warning else "")
        sugg = next((s for s in st.suggestions() if s.field == fid), None)
        current = st.value(fid)
        cell.set_suggestion(sugg, current if isinstance(current, Decimal) else None)
        note = st.note(fid)
        if note:  # the 划型 result: recomputed by the core whenever an input changes
            cell.show_note(note)
        advised = self.eligibility.advice_for(ref)
        if advised is not None:  # the reviewer's part 六: a suggestion, never a tick
            cell.show_note(f"初核建议：{advised.text}")

    def refresh_eligibility(self) -> None:
        before = {a.field for a in self.eligibility.advice}
        self.eligibility.refresh()
        with self.focus_stays_put():  # 60 ms after typing: the user may still be in a field
            for ref in before | {a.field for a in self.eligibility.advice}:
                self.refresh_field(ref)

    # --- overview: part statuses and the issue list --------------------------------------

    def part_status(self, form_id: str, section_id: str) -> str:
        st = self.app.session.state(form_id)
        if st.form.sections[section_id].filled_by != st.role:
            return "official" if st.role == "enterprise" else "enterprise_part"
        fields = [f for f in st.form.fields_in(section_id) if st.relevant.get(f.id, True)]
        issues = [i for f in fields for i in st.issues.get(f.id, ())]
        if any(i.severity == Severity.ERROR and not i.missing for i in issues):
            return "errors"
        filled = [f for f in fields if st.raw(f.id) not in (None, "", [])]
        if not filled:
            return "untouched"
        if any(i.severity == Severity.ERROR for i in issues):
            return "partial"
        if any(i.severity == Severity.WARNING for i in issues):
            return "warnings"
        return "complete"

    def refresh_overview(self) -> None:
        for key, item in self.nav_items.items():
            status = self.part_status(*key)
            item.setText(0, f"{STATUS_MARK[status].split()[0]} {self.nav_titles[key]}")
            item.setStatusTip(0, STATUS_MARK[status])
            item.setToolTip(0, f"{self.nav_titles[key]}：{STATUS_MARK[status].split()[1]}")
        self.issue_list.clear()
        listed = self.app.blocking_issues() if self.blocking_only else self.app.session.all_issues()
        if self.blocking_only:
            if not listed:
                self.show_blocking(False)
                return
            self.blocking_label.setText(
                f"<b style='color:#c62828'>还不能定稿</b>：以下 {len(listed)} 个问题需要先处理"
                "（错误须改正，警告须写明说明）。点击一行转到该字段。"
            )
        for form_id, issue in listed:
            st = self.app.session.state(form_id)
            f = st.form.fields[issue.field]
            part = st.form.sections[f.section].title
            explained = " （已说明）" if self.app.explanation(form_id, issue) else ""
            message = issue.message()
            # most messages name their field already: the label once, not twice
            named = f.display_label in message or f.label in message
            where = part if named else f"{part} › {f.display_label}"
            need = "（请填写说明）" if self.blocking_only and issue.severity == "warning" else ""
            text = f"[{SEVERITY_NAME[issue.severity]}] {where}：{message}{explained}{need}"
            item = QListWidgetItem(text)
            item.setData(Qt.ItemDataRole.UserRole, (form_id, issue.field))
            colour = {"error": "#c62828", "warning": "#b26a00", "hint": "#616161"}
            from PySide6.QtGui import QColor

            item.setForeground(QColor(colour[str(issue.severity)]))
            self.issue_list.addItem(item)
        if self.issue_list.count() == 0:
            self.issue_list.addItem("✔ 没有发现问题")
        filled, required = self.app.completeness()
        pct = 100 * filled // required if required else 100
        self.issue_list.setToolTip(f"完成度 {pct}%")

    def _issue_clicked(self, item: QListWidgetItem) -> None:
        ref = item.data(Qt.ItemDataRole.UserRole)
        if ref:
            self.jump_to(tuple(ref))

    # --- help, find, history ------------------------------------------------------------

    def show_help(self, ref: FieldRef) -> None:
        if ref != self.focused_field:  # another field: its typing is a new undo step
            self.app.end_burst()
        self.focused_field = ref
        f = self.app.session.field(ref)
        parts = [f"<h3>{f.display_label}</h3>"]
        if f.unit:
            parts.append(f"<p>单位：{f.unit}（只填数字，单位已印在表上）</p>")
        if f.max_chars:
            parts.append(f"<p>字数限制：{f.max_chars}字（每个汉字、字母、数字、标点各算一字）</p>")
        if f.help:
            parts.append(f"<p>{f.help}</p>".replace("\n", "<br>"))
        if f.example:
            parts.append(f"<p>示例：{f.example}</p>")
        if f.options:
            parts.append("<p>选项：" + "、".join(o.label for o in f.options) + "</p>")
        self.help.setHtml("".join(parts))

    def find_field(self) -> None:
        labels: dict[str, FieldRef] = {}
        for form_id, st in self.app.session.states.items():
            for fid, f in st.form.fields.items():
                labels.setdefault(
                    f"{f.display_label}（{st.form.short_title or st.form.id}）", (form_id, fid)
                )
        from zjtx_desktop.gui.find_dialog import FindFieldDialog

        dialog = FindFieldDialog(labels, self)
        if dialog.exec() and dialog.found is not None:
            self.jump_to(dialog.found)
            if dialog.note:
                self.saved.setText(f"  {dialog.note}")

    def show_history(self) -> None:
        ref = self.focused_field
        if ref is None:
            QMessageBox.information(self, "修改记录", "请先点击一个字段。")
            return
        rows = self.app.history(ref)
        f = self.app.session.field(ref)
        lines = [
            f"{c.at[:19].replace('T', ' ')}　{c.old or '（空）'} → {c.new or '（空）'}"
            for c in rows
        ] or ["（没有修改记录）"]
        QMessageBox.information(self, f"修改记录：{f.display_label}", "\n".join(lines))

    # --- export ---------------------------------------------------------------------------

    def export(self) -> None:
        from zjtx_desktop.gui.export_dialog import ExportDialog

        self.app.store.durable()  # what is exported is on disk, whatever happens next
        dialog = ExportDialog(self.app, self)
        dialog.exec()

    # --- finalise -------------------------------------------------------------------------

    def show_blocking(self, on: bool) -> None:
        """The issue list as the list of what stops 定稿 (scrollable, each line jumps to its
        field), or back to every issue."""
        self.blocking_only = on
        self.blocking_banner.setVisible(on)
        if self.blocking_action.isChecked() != on:
            self.blocking_action.setChecked(on)
        self.refresh_overview()
        if on and self.issue_list.count():
            self.issue_list.setCurrentRow(0)
            self.issue_list.setFocus(Qt.FocusReason.OtherFocusReason)

    def finalise(self) -> None:
        try:
            self.app.finalise()
        except FinaliseRefused:
            self.show_blocking(True)
            return
        except EditRefused as e:
            QMessageBox.warning(self, "不能定稿", str(e))
            return
        except StoreError as e:
            self._store_failed(e)
            return
        self.show_blocking(False)
        self._update_mode()
        self.changed.emit()
        QMessageBox.information(self, "已定稿", "申报材料已定稿。如需修改，请点击“重新编辑”。")

    def reopen(self) -> None:
        prompt = "重新编辑的原因（将记录在案）："
        while True:
            reason, ok = QInputDialog.getText(self, "重新编辑", prompt)
            if not ok:
                return
            try:
                self.app.reopen(reason)
                break
            except ReopenRefused as e:  # no reason: asked again, saying why
                if e.code != "REOPEN_NEEDS_REASON":
                    QMessageBox.warning(self, "不能重新编辑", str(e))
                    return
                prompt = f"{e}。\n重新编辑的原因："
            except EditRefused as e:
                QMessageBox.warning(self, "不能重新编辑", str(e))
                return
            except StoreError as e:
                self._store_failed(e)
                return
        self._update_mode()
        self.changed.emit()
