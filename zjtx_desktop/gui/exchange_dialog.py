"""导出交换包…: the enterprise's signing key, its 佐证材料 (drag files in) and the package.

A thin view over ``core.exchange``: the key is made or loaded there, evidence is attached
there, and the package is written in the background with its own database connection.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from zjtx_desktop.core.exchange import keyfiles
from zjtx_desktop.core.exchange.evidence import (
    ITEMS,
    EvidenceError,
    add_evidence,
    list_evidence,
    remove_evidence,
)
from zjtx_desktop.core.exchange.identity import NOT_LEGAL_SEAL, grouped


class EvidenceList(QListWidget):
    """The 佐证材料 of the application; files dropped on it are attached."""

    dropped = Signal(list)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAcceptDrops(True)
        self.setAccessibleName("佐证材料（可把文件拖到这里）")

    def dragEnterEvent(self, e: QDragEnterEvent) -> None:
        if e.mimeData().hasUrls():
            e.acceptProposedAction()

    def dragMoveEvent(self, e: Any) -> None:
        if e.mimeData().hasUrls():
            e.acceptProposedAction()

    def dropEvent(self, e: QDropEvent) -> None:
        paths = [Path(u.toLocalFile()) for u in e.mimeData().urls() if u.isLocalFile()]
        if paths:
            e.acceptProposedAction()
            self.dropped.emit(paths)


class ExchangeDialog(QDialog):
    exported = Signal(object)  # ExportedPackage

    def __init__(self, app: Any, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.app = app
        self.data_dir = Path(app.store.path).parent
        self.setWindowTitle("导出交换包")
        self.resize(620, 520)
        lay = QVBoxLayout(self)

        self.key_label = QLabel(self)
        self.key_label.setWordWrap(True)
        self.key_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        key_row = QHBoxLayout()
        key_row.addWidget(self.key_label, 1)
        self.create_key = QPushButton("生成签名证书…", self)
        self.create_key.clicked.connect(lambda: self.create_identity())
        key_row.addWidget(self.create_key)
        lay.addLayout(key_row)
        note = QLabel(NOT_LEGAL_SEAL, self)
        note.setWordWrap(True)
        note.setObjectName("note")
        lay.addWidget(note)

        self.count_label = QLabel(self)
        lay.addWidget(self.count_label)
        self.evidence = EvidenceList(self)
        self.evidence.dropped.connect(self.add_files)
        lay.addWidget(self.evidence, 1)
        row = QHBoxLayout()
        self.item_box = QComboBox(self)
        self.item_box.addItem("（不对应清单项）", "")
        for key, text in ITEMS.items():
            self.item_box.addItem(f"{key} {text}", key)
        self.item_box.setAccessibleName("新添材料对应的清单项")
        row.addWidget(self.item_box, 1)
        add = QPushButton("添加文件…", self)
        add.clicked.connect(self.choose_files)
        row.addWidget(add)
        self.remove = QPushButton("移除", self)
        self.remove.clicked.connect(self.remove_selected)
        row.addWidget(self.remove)
        lay.addLayout(row)

        self.status = QLabel(self)
        self.status.setWordWrap(True)
        lay.addWidget(self.status)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        self.export_button = QPushButton("导出交换包…", self)
        self.export_button.setDefault(True)
        self.export_button.clicked.connect(lambda: self.export())
        buttons.addWidget(self.export_button)
        close = QPushButton("关闭", self)
        close.clicked.connect(self.reject)
        buttons.addWidget(close)
        lay.addLayout(buttons)
        self.refresh()

    # --- state ----------------------------------------------------------------------------

    def refresh(self) -> None:
        from zjtx_desktop.core.exchange.package import error_count

        fp = keyfiles.certificate_fingerprint(self.data_dir)
        if fp:
            self.key_label.setText(f"签名证书指纹：{grouped(fp)}（打印在目录页和签名页上）")
        else:
            self.key_label.setText(
                "还没有签名证书：导出交换包前请先生成（或用 zjtx keys import 导入）"
            )
        self.create_key.setVisible(not fp)
        self.evidence.clear()
        items = list_evidence(self.app.store, self.app.id)
        for ev in items:
            item = f"  [{ev.item}]" if ev.item else ""
            text = f"{ev.id}  {ev.title}{item}  {ev.pages}页  {ev.sha256[:12].upper()}"
            li = QListWidgetItem(text, self.evidence)
            li.setData(Qt.ItemDataRole.UserRole, ev.id)
        self.count_label.setText(f"佐证材料 {len(items)} 份（PDF、JPG、PNG，可把文件拖到下面）")
        n = error_count(self.app)
        self.export_button.setEnabled(bool(fp) and n == 0)
        if n:
            self.status.setText(f"有 {n} 个错误，不能生成交换包")

    # --- evidence -------------------------------------------------------------------------

    def add_files(self, paths: list[Path]) -> list[str]:
        """Attach files; returns the problems (also shown) for files that were refused."""
        problems = []
        item = str(self.item_box.currentData() or "")
        for p in paths:
            try:
                add_evidence(self.app.store, self.app.id, Path(p), "", item)
            except EvidenceError as e:
                problems.append(str(e))
        self.refresh()
        if problems:
            self.status.setText("\n".join(problems))
        return problems

    def choose_files(self) -> None:
        files, _ = QFileDialog.getOpenFileNames(
            self, "添加佐证材料", "", "佐证材料 (*.pdf *.jpg *.jpeg *.png)"
        )
        if files:
            self.add_files([Path(f) for f in files])

    def remove_selected(self) -> None:
        for li in self.evidence.selectedItems():
            remove_evidence(self.app.store, self.app.id, li.data(Qt.ItemDataRole.UserRole))
        self.refresh()

    # --- key and export -------------------------------------------------------------------

    def _ask(self, label: str) -> bytes | None:
        text, ok = QInputDialog.getText(self, "签名证书口令", label, QLineEdit.EchoMode.Password)
        return text.encode("utf-8") if ok and text else None

    def create_identity(self, passphrase: bytes | None = None) -> bool:
        from zjtx_desktop.core.exchange.identity import IdentityError, identity_path
        from zjtx_desktop.core.exchange.identity import create_identity as make
        from zjtx_desktop.core.exchange.package import enterprise_of

        if passphrase is None:
            passphrase = self._ask("设置口令（以后每次导出交换包时输入）：")
            if passphrase is None or self._ask("再输入一次：") != passphrase:
                self.status.setText("口令未设置，签名证书未生成")
                return False
        name, code = enterprise_of(self.app)
        try:
            make(identity_path(self.data_dir), name, code, passphrase)
        except IdentityError as e:
            self.status.setText(str(e))
            return False
        self.refresh()
        return True

    def export(self, target: Path | None = None, passphrase: bytes | None = None) -> bool:
        """Ask where and for the passphrase (unless given), then write in the background."""
        from zjtx_desktop.core.exchange.identity import IdentityError, identity_path, load_identity
        from zjtx_desktop.core.exchange.package import (
            _previous,
            enterprise_of,
            package_file_name,
        )

        if target is None:
            from zjtx_desktop.gui.export_dialog import default_dir

            _name, code = enterprise_of(self.app)
            revision, _ = _previous(self.app)
            suggested = default_dir() / package_file_name(code, self.app.record.programme, revision)
            chosen, _ = QFileDialog.getSaveFileName(
                self, "导出交换包", str(suggested), "交换包 (*.zjtx)"
            )
            if not chosen:
                return False
            target = Path(chosen)
        if passphrase is None:
            passphrase = self._ask("签名证书口令：")
            if passphrase is None:
                return False
        try:
            ident = load_identity(identity_path(self.data_dir), passphrase)
        except IdentityError as e:
            self.status.setText(str(e))
            return False
        self.export_button.setEnabled(False)
        self.status.setText("正在生成交换包…")
        from zjtx_desktop.gui.worker import run_in_background

        db, app_id = Path(self.app.store.path), self.app.id

        def work(_progress: Any) -> Any:
            from zjtx_desktop.core.application import OpenApplication
            from zjtx_desktop.core.exchange.package import export_package
            from zjtx_desktop.core.store.drafts import DraftStore

            store = DraftStore(db)  # its own connection, as background work must
            try:
                return export_package(OpenApplication(store, app_id), target, ident)
            finally:
                store.close()

        run_in_background(work, self._done, self._failed)
        return True

    def _done(self, result: Any) -> None:
        codes = "、".join(f"{f} {c}" for f, c in result.forms)
        self.status.setText(f"已导出：{result.path}（第 {result.revision} 版）\n校验码：{codes}")
        self.refresh()
        self.exported.emit(result)

    def _failed(self, message: str) -> None:
        self.refresh()
        self.status.setText(f"未能导出：{message.split(': ', 1)[-1]}")
        QMessageBox.warning(self, "导出交换包", self.status.text())
