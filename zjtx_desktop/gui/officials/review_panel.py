"""The review panel of one application in the workspace: state, comments, diff, decisions.

Everything it does goes through ``Workspace`` (guards, audit rows); a refusal is shown as
the core's Chinese message, nothing is changed behind the user's back.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QCompleter,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QLineEdit,
    QListWidget,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QTabBar,
    QVBoxLayout,
    QWidget,
)

from zjtx_desktop.core.store.errors import StoreError
from zjtx_desktop.core.workspace.comment_targets import (
    GENERAL_TEXT,
    CommentTarget,
    comment_targets,
    find_target,
)
from zjtx_desktop.core.workspace.diff import compare
from zjtx_desktop.core.workspace.states import State, TransitionRefused
from zjtx_desktop.core.workspace.workspace import Workspace, WorkspaceError
from zjtx_desktop.gui.officials.part6_editor import Part6Editor

SEVERITIES = ("须修改", "请说明", "提示")
BUTTONS_PER_ROW = 3  # the panel is narrow at 150 % (its buttons wrap into rows, never cut)


def button_grid(buttons: list[QPushButton], per_row: int = BUTTONS_PER_ROW) -> QGridLayout:
    grid = QGridLayout()
    for i, b in enumerate(buttons):
        grid.addWidget(b, i // per_row, i % per_row)
    for c in range(per_row):
        grid.setColumnStretch(c, 1)
    return grid


class ReviewPanel(QWidget):
    changed = Signal()  # the application's row must be redrawn
    record_written = Signal(str)  # the 初核记录单 file
    signed = Signal(str)  # the booklet signed by the unit (part 六)

    def __init__(self, ws: Workspace, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ws = ws
        self.app_id = ""
        # everything scrolls inside the panel: at 150 % on a 1366×768 laptop (911×512) the
        # panel is a few hundred pixels each way, and part 六 alone is taller than that
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        self.scroll = QScrollArea(self)
        self.scroll.setWidgetResizable(True)
        self.scroll.setFrameShape(QFrame.Shape.NoFrame)
        outer.addWidget(self.scroll)
        body = QWidget()
        self.scroll.setWidget(body)
        lay = QVBoxLayout(body)
        self.title = QLabel("（未选择申报）")
        self.title.setObjectName("appTitle")
        self.title.setWordWrap(True)
        self.state = QLabel("")
        self.state.setWordWrap(True)
        lay.addWidget(self.title)
        state_row = QHBoxLayout()
        state_row.addWidget(self.state, 1)
        self.ack_button = QPushButton("确认标记…")  # shown while a flag awaits a paper check
        self.ack_button.setToolTip(
            "核对企业盖章纸质件目录页上的签名指纹（或在签章平台核验签名）后确认交换包的标记，"
            "须写明核对情况；内容不一致的标记不能确认，须退回企业"
        )
        self.ack_button.hide()
        state_row.addWidget(self.ack_button, 0, Qt.AlignmentFlag.AlignTop)
        lay.addLayout(state_row)
        self.open_button = QPushButton("开始初核")
        self.open_button.setToolTip(
            "把这份申报标为“初核中”（记入操作记录）。只是查看不改变状态；"
            "填写第六部分或提出意见时也会转为“初核中”"
        )
        self.recommend = QPushButton("拟推荐")
        self.reject = QPushButton("不予推荐…")
        self.undo = QPushButton("撤销意见…")
        self.send_back = QPushButton("退回企业…")
        lay.addLayout(button_grid([self.open_button, self.recommend, self.reject, self.undo,
                                   self.send_back]))  # fmt: skip
        self.booklet_button = QPushButton("查看装订本")
        self.record_button = QPushButton("初核记录单…")
        self.record_button.setToolTip(
            "打印本申报的初核记录单（PDF 供签字存档，或 xlsx）：核对的版本和校验码、"
            "第六部分勾选与程序判断、佐证材料、纸质件、核查、意见和答复、状态变化"
        )
        self.sign_button = QPushButton("签署推荐意见（第六部分）…")
        self.sign_button.setToolTip(
            "在企业签章的 PDF 申请书上填入第六部分（分类、项数、推荐意见、日期）并加本单位的签名，"
            "另存为新文件：防篡改，不是电子公章；签署后再改推荐意见，这个签名即失效"
        )
        lay.addLayout(button_grid([self.booklet_button, self.record_button, self.sign_button], 2))
        self.message = QLabel("")
        self.message.setObjectName("note")
        self.message.setWordWrap(True)
        lay.addWidget(self.message)
        # the pages under a tab bar, only the chosen one laid out: the panel scrolls over its
        # height alone (a QTabWidget asks for its tallest page's height for width, which left
        # the comments above a screen of empty space)
        self.tabs = QTabBar()
        self.tabs.setExpanding(False)
        self.part6 = Part6Editor(ws)
        self.part6.follow_width_of(self.scroll.viewport())
        diff_tab = QWidget()
        dl = QVBoxLayout(diff_tab)
        dl.setContentsMargins(0, 0, 0, 0)
        self.diff_button = QPushButton("与上次比较")
        dl.addWidget(self.diff_button)
        self.diff = QPlainTextEdit()
        self.diff.setReadOnly(True)
        self.diff.setMinimumHeight(160)
        dl.addWidget(self.diff, 1)
        self.pages: list[QWidget] = [self.part6, self._comments_tab(), diff_tab]
        lay.addWidget(self.tabs)
        for page, name in zip(self.pages, ("第六部分（初核推荐）", "意见", "与上次比较"),
                              strict=True):  # fmt: skip
            self.tabs.addTab(name)
            lay.addWidget(page, 1)
        self.tabs.currentChanged.connect(self._tab_shown)
        self._tab_shown(0)
        self.open_button.clicked.connect(self.start_review)
        self.add.clicked.connect(self.add_comment)
        self.resolve.clicked.connect(self.resolve_selected)
        self.recommend.clicked.connect(lambda: self.decide(State.RECOMMENDED, ""))
        self.reject.clicked.connect(self.reject_with_reason)
        self.undo.clicked.connect(self.undo_opinion)
        self.diff_button.clicked.connect(self.show_diff)
        self.booklet_button.clicked.connect(self.open_booklet)
        self.record_button.clicked.connect(self.choose_record)
        self.send_back.clicked.connect(self.choose_return)
        self.sign_button.clicked.connect(self.choose_sign)
        self.ack_button.clicked.connect(lambda: self.acknowledge())
        self.part6.saved.connect(self._part6_saved)
        self.setEnabled(False)

    def _comments_tab(self) -> QWidget:
        tab = QWidget()
        lay = QVBoxLayout(tab)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.addWidget(QLabel("意见（追加，不可修改；关闭须写说明）："))
        self.comments = QListWidget()
        self.comments.setWordWrap(True)  # a long comment and its answer wrap, never cut
        self.comments.setMinimumHeight(120)
        lay.addWidget(self.comments, 2)
        row = QHBoxLayout()
        self.targets: dict[str, CommentTarget] = {}
        self._targets_of: tuple[str, int] = ("", 0)  # (application, revision) listed
        self.field = self._target_picker()
        self.severity = QComboBox()
        self.severity.addItems(SEVERITIES)
        row.addWidget(self.field, 2)
        row.addWidget(self.severity)
        lay.addLayout(row)
        self.field_message = QLabel("")  # a refused target, right under the picker
        self.field_message.setObjectName("fieldError")
        self.field_message.setStyleSheet("color: #b00020")
        self.field_message.setWordWrap(True)
        self.field_message.hide()
        lay.addWidget(self.field_message)
        self.text = QLineEdit()
        self.text.setPlaceholderText("意见内容")
        lay.addWidget(self.text)
        self.add = QPushButton("提出意见")
        self.resolve = QPushButton("关闭所选意见…")
        lay.addLayout(button_grid([self.add, self.resolve]))
        return tab

    def _tab_shown(self, index: int) -> None:
        from PySide6.QtCore import QCoreApplication, QEvent

        for i, page in enumerate(self.pages):
            page.setVisible(i == index)
        # laid out now, not on the next turn of the event loop: the scroll area takes the
        # shown page's height at once (a picture or a click right after the switch sees it)
        QCoreApplication.sendPostedEvents(None, QEvent.Type.LayoutRequest)

    def _target_picker(self) -> QComboBox:
        """Where the comment points: typed words match anywhere in "表名 › 部分 › 标签（年份）"
        (officials search by the label they see on paper, not by field ids)."""
        box = QComboBox()
        box.setEditable(True)
        box.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)  # typed text never becomes an entry
        box.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        box.setMinimumContentsLength(16)
        box.setMaxVisibleItems(15)
        line = box.lineEdit()
        assert line is not None
        line.setPlaceholderText("意见针对：输入字段名称查找，如“营业收入”")
        completer = QCompleter(box.model(), box)
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        completer.setCompletionMode(QCompleter.CompletionMode.PopupCompletion)
        completer.setMaxVisibleItems(12)
        box.setCompleter(completer)
        for view in (box.view(), completer.popup()):  # long names: keep the year at the end
            view.setMinimumWidth(600)
            view.setTextElideMode(Qt.TextElideMode.ElideMiddle)
        box.currentTextChanged.connect(lambda _t: self.field_message.hide())
        return box

    def _fill_targets(self, revision: int) -> None:
        """The picker's entries for the application's current revision (a re-submission may
        bring other 佐证材料); the official's text stays when it is the same application."""
        keep = self.field.currentText() if self._targets_of[0] == self.app_id else GENERAL_TEXT
        self._targets_of = (self.app_id, revision)
        self.targets = {t.text: t for t in comment_targets(self.ws, self.app_id)}
        self.field.blockSignals(True)
        self.field.clear()
        self.field.addItems(list(self.targets))
        self.field.setCurrentText(keep)
        self.field.blockSignals(False)
        self.field_message.hide()

    def chosen_target(self) -> CommentTarget | None:
        """The entry the picker's text names (or, for those who know them, a field id or an
        evidence number such as E003); None, with the reason shown at the picker, otherwise."""
        try:
            return find_target(list(self.targets.values()), self.field.currentText())
        except WorkspaceError as e:
            self.field_message.setText(str(e))
            self.field_message.show()
            return None

    def show_application(self, app_id: str) -> None:
        """Show an application: only looking, its state stays as it is (an official who
        reads a row has not started its 初核; 开始初核 or a first edit does that)."""
        self.part6.flush()  # what was typed for the previous one is kept first
        self.app_id = app_id
        self.setEnabled(bool(app_id))
        self.diff.clear()
        self.say("")
        self.part6.show_application(app_id)
        self.refresh()

    def refresh(self) -> None:
        if not self.app_id:
            return
        app = self.ws.application(self.app_id)
        if self._targets_of != (self.app_id, app.revision):
            self._fill_targets(app.revision)
            if self._targets_of[0] == self.app_id and self.part6.app_id == self.app_id:
                self.part6.refresh()  # a new revision: other figures beside the boxes
        source = self.ws.source_label(app.id)
        self.title.setText(f"{app.enterprise}（{app.credit_code}）")
        unopened = app.state in (State.RECEIVED, State.RESUBMITTED)
        hint = "（查看不改变状态）" if unopened else ""
        self.state.setText(f"状态：{app.state}{hint}　第{app.revision}版　{source}")
        self.open_button.setEnabled(unopened)
        self._booklet_state(app.submission)
        from zjtx_desktop.core.workspace.forward import lower_reviews

        lower = []
        for r in lower_reviews(self.ws, app.id):
            p6 = r["part6"]
            lower.append(
                f"{r['unit']}（{r['level']}级，只读）：推荐意见 {p6.get('review_opinion', '—')}，"
                f"分类 {p6.get('review_class', '—')}，"
                f"必备 {p6.get('review_mandatory_count', '—')} 项"
            )
        self.state.setText(self.state.text() + "".join(f"\n{line}" for line in lower))
        self.comments.clear()
        for c in self.ws.comments(app.id):
            # the label as printed ("营业收入（2020年）"), not the id the official never typed
            reply = f"　{c.reply_line}" if c.reply else ""
            self.comments.addItem(
                f"#{c.id} [{c.severity}] {c.place}：{c.text}（{c.status_text}）{reply}"
            )
        self.diff_button.setEnabled(app.revision > 1)
        self.ack_button.setVisible(bool(self.ws.flags_to_acknowledge(app.id)))

    def acknowledge(self, code: str = "", note: str | None = None) -> bool:
        """确认标记…: which flag (when several), then what was checked; a key flag also pins
        the key in the official's trust store, so later packages with it pass."""
        from zjtx_desktop.core.workspace.flags import KEY_FLAGS, name, what_to_do

        codes = self.ws.flags_to_acknowledge(self.app_id)
        if not codes:
            return False
        if not code:
            code = codes[0]
            if len(codes) > 1:
                names = [name(c) for c in codes]
                chosen, ok = QInputDialog.getItem(self, "确认标记", "标记：", names, 0, False)
                if not ok:
                    return False
                code = codes[names.index(chosen)]
        pin = code in KEY_FLAGS and self.ws.trust is not None
        if note is None:
            sub = self.ws.current(self.app_id)
            also = "\n确认后同时在信任库中固定该签名指纹。" if pin else ""
            note, ok = QInputDialog.getText(
                self, f"确认标记：{name(code)}",
                f"{what_to_do(code, sub.signer)}{also}\n\n核对情况：")  # fmt: skip
            if not ok:
                return False
        return self._run(lambda: self.ws.acknowledge_flag(self.app_id, code, note, pin=pin))

    def _run(self, action: object) -> bool:
        try:
            action()  # type: ignore[operator]
        except (WorkspaceError, TransitionRefused, StoreError) as e:  # busy, read-only: said
            self.say(str(e))
            self.scroll.ensureWidgetVisible(self.message)  # the panel may be scrolled down
            return False
        self.say("")
        self.refresh()
        self.changed.emit()
        return True

    def add_comment(self) -> None:
        target = self.chosen_target()
        if target is None:
            return
        text = self.text.text()
        severity = self.severity.currentText()
        ok = self._run(lambda: self.ws.add_comment(
            self.app_id, target.form_id, target.field_id, severity, text,
            slot=target.slot, file=target.file))  # fmt: skip
        if ok:
            self.text.clear()

    def _selected_comment(self) -> int:
        item = self.comments.currentItem()
        return int(item.text()[1:].split(" ", 1)[0]) if item is not None else 0

    def resolve_selected(self) -> None:
        cid = self._selected_comment()
        if not cid:
            self.message.setText("请先选择一条意见")
            return
        note, ok = QInputDialog.getText(self, "关闭意见", "处理说明：")
        if ok:
            self._run(lambda: self.ws.resolve_comment(cid, note))

    def decide(self, state: State, reason: str) -> bool:
        self.part6.flush()  # the decision judges part 六 as typed, not as of a moment ago
        return self._run(lambda: self.ws.set_state(self.app_id, state, reason))

    def start_review(self) -> None:
        """开始初核: 已接收 / 已重新提交 → 初核中 (one audit row); the list shows it at once."""
        self._run(lambda: self.ws.open_for_review(self.app_id))

    def _part6_saved(self) -> None:
        """A part 六 value was kept: the first edit moves 已接收 to 初核中, so the state line
        and the list row are redrawn now (the list shows the 分类（初核）and 推荐意见 too)."""
        self.refresh()
        self.changed.emit()

    # --- the enterprise's booklet -------------------------------------------------------

    def _booklet_state(self, submission_id: str) -> None:
        kind = self.ws.submission(submission_id).kind
        package = kind == "package"
        self.booklet_button.setEnabled(package)
        self.booklet_button.setToolTip(
            "用本机的 PDF 阅读器打开企业签章的申请书装订本（交换包中的原文件，只读副本）"
            if package
            else "只收到 DATA.json，没有企业签章的装订本（PDF）：请企业用交换包报送"
        )

    def open_booklet(self) -> None:
        """The enterprise's signed booklet of the current revision, byte for byte from the
        archived package, written to a temporary file and opened with the system's viewer."""
        import tempfile

        from PySide6.QtCore import QUrl
        from PySide6.QtGui import QDesktopServices

        from zjtx_desktop.core.workspace.booklets import booklet_bytes, file_name

        if not self.app_id:
            return
        app = self.ws.application(self.app_id)
        try:
            pdf = booklet_bytes(self.ws, app.id)
        except WorkspaceError as e:
            self.say(f"不能打开装订本：{e}")
            return
        folder = Path(tempfile.mkdtemp(prefix="zjtx-booklet-"))
        # “第2版_吉林某某有限公司.pdf”: the booklets' own safe file name, the revision first
        target = folder / f"第{file_name(app.revision, 1, app.enterprise).replace('_', '版_', 1)}"
        target.write_bytes(pdf)
        target.chmod(0o444)  # a copy to read: the archived one is the record
        if QDesktopServices.openUrl(QUrl.fromLocalFile(str(target))):
            self.say(f"已用 PDF 阅读器打开装订本（副本）：{target}")
        else:
            self.say(f"本机没有可用的 PDF 阅读器；装订本副本已保存为 {target}")

    def reject_with_reason(self) -> None:
        reason, ok = QInputDialog.getText(self, "不予推荐", "原因（具体说明，至少6个字）：")
        if ok:
            self.decide(State.NOT_RECOMMENDED, reason)

    def undo_opinion(self) -> None:
        reason, ok = QInputDialog.getText(self, "撤销意见", "撤销原因：")
        if ok:
            self.decide(State.IN_REVIEW, reason)

    def choose_return(self) -> None:
        """退回企业: the unit's key (beside the workspace file), the 补正截止 date, a folder."""
        from PySide6.QtWidgets import QFileDialog, QLineEdit

        from zjtx_desktop.core.exchange.identity import IdentityError, load_identity

        key = self.ws.path.with_name(self.ws.path.name + ".identity.p12")
        if not key.exists():
            self.message.setText("还没有本单位的签名证书：请先用 zjtx workspace key 生成")
            return
        deadline, ok = QInputDialog.getText(self, "退回企业", "补正截止日期（如 2021-05-10）：")
        if not ok:
            return
        allow_past = self._past_deadline_meant(deadline)
        if allow_past is None:
            return
        secret, ok = QInputDialog.getText(
            self, "退回企业", "单位签名证书的口令：", QLineEdit.EchoMode.Password
        )
        if not ok:
            return
        try:
            identity = load_identity(key, secret.encode("utf-8"))
        except IdentityError as e:
            self.message.setText(str(e))
            return
        folder = QFileDialog.getExistingDirectory(self, "退回意见保存到")
        if folder:
            self.write_return(Path(folder), deadline, identity, allow_past=allow_past)

    def _past_deadline_meant(self, deadline: str) -> bool | None:
        """False: the date is fine; True: it is past and the official confirmed it; None: not
        a date, or past and not meant (said in the message line, nothing written)."""
        from datetime import datetime

        from zjtx_desktop.core.workspace.deadline import PastDeadline, check_correction_deadline

        try:
            check_correction_deadline(deadline, datetime.now())
        except PastDeadline as e:
            answer = QMessageBox.question(self, "退回企业", f"{e}。\n仍按这个日期退回吗？")
            return True if answer == QMessageBox.StandardButton.Yes else None
        except WorkspaceError as e:
            self.message.setText(str(e))
            return None
        return False

    def write_return(
        self, folder: Path, deadline: str, identity: object, *, allow_past: bool = False
    ) -> bool:
        from zjtx_desktop.core.workspace.return_package import write_return_package

        done: list[Path] = []
        ok = self._run(
            lambda: done.append(
                write_return_package(
                    self.ws, self.app_id, folder, identity, deadline, allow_past=allow_past
                )
            )
        )
        if ok and done:
            self.message.setText(f"已退回：{done[0]}")
        return ok

    def choose_record(self) -> None:
        from PySide6.QtWidgets import QFileDialog

        if not self.app_id:
            return
        self.part6.flush()
        name = self.ws.application(self.app_id).enterprise or self.app_id
        chosen, _ = QFileDialog.getSaveFileName(
            self, "导出初核记录单", f"{name}_初核记录单.pdf", "PDF (*.pdf);;Excel (*.xlsx)"
        )
        if chosen:
            self.write_record(Path(chosen))

    def write_record(self, target: Path) -> None:
        """In the background on its own connection (the PDF takes a moment; it is logged)."""
        from zjtx_desktop.core.workspace.check_record_print import write_record
        from zjtx_desktop.gui.worker import run_in_background

        path, officer, app_id = self.ws.path, self.ws.officer, self.app_id
        self.record_button.setEnabled(False)
        self.message.setText("正在生成初核记录单…")

        def work(_report: object) -> str:
            other = Workspace(path, officer)
            try:
                return write_record(other, app_id, target).code_text
            finally:
                other.close()

        def done(code: str) -> None:
            self.record_button.setEnabled(True)
            self.message.setText(f"已导出初核记录单：{target}（{code}）")
            self.record_written.emit(str(target))

        def failed(message: str) -> None:
            self.record_button.setEnabled(True)
            self.message.setText(f"未能导出初核记录单：{message.split(': ', 1)[-1]}")

        run_in_background(work, done, failed)

    def choose_sign(self) -> None:
        """签署推荐意见（第六部分）… (gui/officials/part6_sign.py)."""
        from zjtx_desktop.gui.officials.part6_sign import choose_sign

        self.part6.flush()  # part 六 as typed is what gets signed
        choose_sign(self)

    def say(self, text: str) -> None:
        """A message of several lines (every reason of a refusal), all of them in view: the
        word-wrapped label asks for the height it needs at its width; the lists give way."""
        self.message.setText(text)
        width = max(self.message.width(), 200)
        self.message.setMinimumHeight(self.message.heightForWidth(width) if text else 0)

    def show_diff(self) -> None:
        try:
            self.diff.setPlainText("\n".join(compare(self.ws, self.app_id).lines()))
        except WorkspaceError as e:
            QMessageBox.information(self, "与上次比较", str(e))
