"""The enterprise's side of a 退回 (officials.md §3.6, R2): open the unit's return package,
see the banner (补正截止, the unit), a marker at each commented field, answer each comment in
place, and export the next revision (r+1) with the answers.

A view over ``core.workspace.return_package.open_return`` and ``core.workspace.replies``:
the return is checked and remembered there, each answer is recorded there, and the package
writer adds the answers as ``meta/replies.json``. Installed on the main window with
``install_returns`` (文件 menu, drag-drop of a ``.zjtx`` file, a dock beside the open
application); the enterprise window itself is not otherwise changed.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QDockWidget,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from zjtx_desktop.core.workspace.replies import ReplyRefused, ReturnState, answer, current_return
from zjtx_desktop.gui.deadline_text import deadline_note

if TYPE_CHECKING:
    from zjtx_desktop.core.store.drafts import DraftStore
    from zjtx_desktop.gui.filling import FillingPage

SEVERITY_COLOURS = {"须修改": "#c62828", "请说明": "#b26a00", "提示": "#1565c0"}
RETURN_SUFFIX = ".zjtx"


def where(comment: dict[str, Any]) -> str:
    """The commented place as a person names it: “营业收入（2020年）”, “佐证材料 E003”, “整体”."""
    form_id = str(comment.get("form_id") or "")
    if form_id == "evidence":
        return f"佐证材料 {comment.get('file') or ''}".strip()
    fid = str(comment.get("field_id") or "")
    if not fid or form_id == "general":
        return "整体"
    from zjtx_desktop.core.forms.registry import get_form

    try:
        return get_form(form_id).fields[fid].display_label
    except KeyError:  # a form this installation does not have: the id, as sent
        return fid


def marker_text(comment: dict[str, Any], answered: bool) -> str:
    """A short badge under the field (a long text would not fit a table cell); the full
    comment is its tooltip and stands in the 退回意见 list."""
    colour = SEVERITY_COLOURS.get(str(comment.get("severity")), "#616161")
    state = "已答复" if answered else "未答复"
    return (
        f"<span style='color:{colour}'>◆ 退回意见 #{comment['id']}【{comment.get('severity', '')}】"
        f"</span><span style='color:#616161'>{state}</span>"
    )


class ReturnPanel(QWidget):
    """Banner, the list of comments (a click focuses the field), the answer box, export."""

    export_requested = Signal()
    answered = Signal(int)  # comment id
    focus_requested = Signal(str, str)  # form id, field id

    def __init__(self, store: DraftStore, app_id: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.store = store
        self.app_id = app_id
        self.today = date.today()
        lay = QVBoxLayout(self)
        self.banner = QLabel(self)
        self.banner.setObjectName("returnBanner")
        self.banner.setWordWrap(True)
        self.banner.setStyleSheet(
            "background:#fff3e0; color:#8d2a00; padding:6px; border:1px solid #e0a060"
        )
        lay.addWidget(self.banner)
        self.comments = QListWidget(self)
        self.comments.setAccessibleName("退回意见")
        self.comments.setWordWrap(True)
        lay.addWidget(self.comments, 2)
        lay.addWidget(QLabel("答复所选意见（如何修改，或为何不改）：", self))
        self.reply = QPlainTextEdit(self)
        self.reply.setAccessibleName("答复")
        self.reply.setPlaceholderText("例如：已按审计报告更正为 26900 万元，见佐证材料 E003")
        lay.addWidget(self.reply, 1)
        row = QHBoxLayout()
        self.save = QPushButton("保存答复", self)
        self.export = QPushButton("导出交换包（重新提交）…", self)
        row.addWidget(self.save)
        row.addStretch(1)
        row.addWidget(self.export)
        lay.addLayout(row)
        self.message = QLabel(self)
        self.message.setObjectName("note")
        self.message.setWordWrap(True)
        lay.addWidget(self.message)
        self.save.clicked.connect(self.save_reply)
        self.export.clicked.connect(self.request_export)
        self.comments.currentRowChanged.connect(self._selected)
        self.state: ReturnState | None = None
        self.refresh()

    def refresh(self) -> None:
        keep = self.comments.currentRow()
        self.state = current_return(self.store, self.app_id)
        s = self.state
        self.comments.clear()
        if s is None:
            self.banner.setText("这份申报没有推荐单位的退回意见")
            return
        answered = len(s.comments) - len(s.unanswered)
        contact = f"　联系人：{s.contact}" if s.contact else ""
        self.banner.setText(
            f"<b>{s.banner}</b>{deadline_note(s.deadline, self.today)}<br>"
            f"推荐单位：{s.unit}{contact}<br>已答复 {answered}/{len(s.comments)} 条。"
            "改好后点“导出交换包（重新提交）”，生成下一版交换包交回推荐单位。"
        )
        for c in s.comments:
            reply = s.replies.get(int(c["id"]))
            text = f"#{c['id']}【{c.get('severity', '')}】{where(c)}：{c.get('text', '')}"
            text += f"\n　答复：{reply.text}" if reply else "\n　（未答复）"
            item = QListWidgetItem(text)
            item.setData(Qt.ItemDataRole.UserRole, int(c["id"]))
            item.setForeground(Qt.GlobalColor.darkGray if reply else Qt.GlobalColor.black)
            self.comments.addItem(item)
        if 0 <= keep < self.comments.count():
            self.comments.setCurrentRow(keep)

    def comment_id(self) -> int:
        item = self.comments.currentItem()
        return int(item.data(Qt.ItemDataRole.UserRole)) if item is not None else 0

    def comment(self, cid: int) -> dict[str, Any] | None:
        if self.state is None:
            return None
        return next((c for c in self.state.comments if int(c["id"]) == cid), None)

    def _selected(self, _row: int) -> None:
        cid = self.comment_id()
        c = self.comment(cid)
        if c is None or self.state is None:
            return
        reply = self.state.replies.get(cid)
        self.reply.setPlainText(reply.text if reply else "")
        form_id, fid = str(c.get("form_id") or ""), str(c.get("field_id") or "")
        if form_id not in ("evidence", "general", "") and fid:
            self.focus_requested.emit(form_id, fid)
        elif form_id == "evidence":
            self.message.setText(
                f"{where(c)}：在“导出交换包…”对话框中替换或补充佐证材料，并在此答复"
            )

    def save_reply(self) -> bool:
        cid = self.comment_id()
        if not cid:
            self.message.setText("请先在上面的列表中选择一条意见")
            return False
        try:
            answer(self.store, self.app_id, cid, self.reply.toPlainText())
        except ReplyRefused as e:
            self.message.setText(str(e))  # the typed answer stays in the box
            return False
        self.message.setText(f"已保存对 #{cid} 的答复（随下一版交换包交回）")
        self.refresh()
        self.answered.emit(cid)
        return True

    def request_export(self) -> None:
        s = self.state
        if s is not None and s.unanswered:
            ids = "、".join(f"#{c['id']}" for c in s.unanswered)
            go = QMessageBox.question(
                self,
                "导出交换包",
                f"还有 {len(s.unanswered)} 条意见未答复（{ids}）。仍要导出吗？",
            )
            if go != QMessageBox.StandardButton.Yes:
                return
        self.export_requested.emit()


class ReturnMarkers:
    """A line under each commented field of the open application, added as its part is
    built (parts are built when first shown) and redrawn when a comment is answered."""

    def __init__(self, page: FillingPage, state: ReturnState) -> None:
        self.page = page
        self.state = state
        self.labels: dict[tuple[str, str], QLabel] = {}
        page.stack.currentChanged.connect(lambda _i: self.apply())
        self.apply()

    def by_field(self) -> dict[tuple[str, str], list[dict[str, Any]]]:
        out: dict[tuple[str, str], list[dict[str, Any]]] = {}
        for form_id, target, _slot, c in self.state.markers():
            if form_id not in ("evidence", "general") and target:
                out.setdefault((form_id, target), []).append(c)
        return out

    def apply(self) -> None:
        for (form_id, fid), comments in self.by_field().items():
            cell = None
            for (f, _section), part in self.page.pages.items():
                if f == form_id and fid in part.cells:
                    cell = part.cells[fid]
            if cell is None:
                continue  # its part is not built yet: marked when first shown
            label = self.labels.get((form_id, fid))
            if label is None:
                label = QLabel(cell)
                label.setObjectName("returnMarker")
                label.setTextFormat(Qt.TextFormat.RichText)
                layout = cell.layout()
                if layout is not None:
                    layout.addWidget(label)
                self.labels[(form_id, fid)] = label
            label.setText("<br>".join(
                marker_text(c, int(c["id"]) in self.state.replies) for c in comments
            ))  # fmt: skip
            label.setToolTip("\n".join(f"#{c['id']}【{c.get('severity', '')}】{c.get('text', '')}"
                                        for c in comments))  # fmt: skip
            label.show()

    def update(self, state: ReturnState) -> None:
        self.state = state
        self.apply()


class ReturnSupport(QObject):
    """On the enterprise window: 文件 → 打开退回意见…, drop a ``.zjtx`` return on the window,
    and the 退回意见 dock beside an application that has a return."""

    def __init__(self, window: Any) -> None:  # the MainWindow (which imports this module)
        super().__init__(window)
        self.window = window
        self.action = QAction("打开退回意见（.zjtx）…", window)
        self.action.triggered.connect(lambda _c=False: self.choose_file())
        menu = window.menus.file
        menu.insertAction(window.menus.packs, self.action)
        self.dock = QDockWidget("退回意见", window)
        self.dock.setObjectName("returnDock")
        self.dock.setFeatures(QDockWidget.DockWidgetFeature.DockWidgetMovable)
        window.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, self.dock)
        self.dock.hide()
        self.panel: ReturnPanel | None = None
        self.markers: ReturnMarkers | None = None
        self._page: FillingPage | None = None
        window.setAcceptDrops(True)
        window.installEventFilter(self)
        window.stack.currentChanged.connect(lambda _i: self.sync())

    # --- opening ----------------------------------------------------------------------

    def choose_file(self) -> None:
        name, _ = QFileDialog.getOpenFileName(
            self.window, "打开推荐单位的退回意见", str(Path.home()), "退回意见交换包 (*.zjtx)"
        )
        if name:
            self.open_file(Path(name))

    def open_file(self, path: Path) -> ReturnState | None:
        """Check and remember the return, open its application, show the dock."""
        from zjtx_desktop.core.workspace.return_package import ReturnRefused, open_return

        try:
            state = open_return(self.window.store, path)
        except ReturnRefused as e:
            QMessageBox.warning(self.window, "无法打开退回意见", str(e))
            return None
        except OSError as e:
            QMessageBox.warning(self.window, "无法打开退回意见", f"无法读取文件：{e}")
            return None
        self.window.open_application(state.application_id)
        self.sync()
        return state

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        kind = event.type()
        if kind in (QEvent.Type.DragEnter, QEvent.Type.DragMove):
            if _return_files(event):
                event.acceptProposedAction()  # type: ignore[attr-defined]
                return True
        elif kind == QEvent.Type.Drop:
            files = _return_files(event)
            if files:
                event.acceptProposedAction()  # type: ignore[attr-defined]
                self.open_file(files[0])
                return True
        return False

    # --- the dock beside the open application -------------------------------------------

    def sync(self) -> None:
        """Show the dock when the open application has a return; hide it on the home list."""
        page = self.window.filling
        shown = page is not None and self.window.stack.currentWidget() is page
        state = current_return(self.window.store, page.app.id) if shown and page else None
        if page is None or state is None:
            self.dock.hide()
            return
        if page is not self._page:
            self._page = page
            self.panel = ReturnPanel(self.window.store, page.app.id, self.dock)
            self.panel.focus_requested.connect(lambda f, fid: page.jump_to((f, fid)))
            self.panel.answered.connect(lambda _cid: self._answered())
            self.panel.export_requested.connect(self.export)
            self.dock.setWidget(self.panel)
            self.markers = ReturnMarkers(page, state)
        self.dock.show()

    def _answered(self) -> None:
        if self.markers is not None and self.panel is not None and self.panel.state is not None:
            self.markers.update(self.panel.state)

    def export(self) -> object:
        dialog = self.window.export_package_current()
        if dialog is not None and self.panel is not None:
            panel = self.panel
            dialog.exported.connect(  # type: ignore[attr-defined]
                lambda p: panel.message.setText(
                    f"已导出第 {p.revision} 版交换包（含答复）：{p.path}"
                )
            )
        return dialog


def _return_files(event: QEvent) -> list[Path]:
    mime = event.mimeData() if hasattr(event, "mimeData") else None
    if mime is None or not mime.hasUrls():
        return []
    return [
        Path(u.toLocalFile())
        for u in mime.urls()
        if u.isLocalFile() and u.toLocalFile().lower().endswith(RETURN_SUFFIX)
    ]


def install_returns(window: Any) -> ReturnSupport:
    return ReturnSupport(window)
