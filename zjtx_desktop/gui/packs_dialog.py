"""安装包: install, list and remove packs of forms and rule sets, as ``zjtx packs`` does.

A thin view over ``core.packs``: installing checks the whole file first and installs nothing
when anything is wrong, saying every reason; the list shows each pack's files and any file
that no longer matches its manifest (skipped, the rest still used). After an install or a
removal ``pack_events().changed`` is emitted, so views that show rule verdicts (the self-check
panel) evaluate again at once instead of at the user's next edit.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import (
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)


class PackEvents(QObject):
    """One per process: the installed packs changed (the dialog emits; any view listens)."""

    changed = Signal()


_events: PackEvents | None = None


def pack_events() -> PackEvents:
    global _events
    if _events is None:
        _events = PackEvents()
    return _events


class PacksDialog(QDialog):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("安装包（表单定义和申报条件规则集）")
        self.resize(720, 420)
        lay = QVBoxLayout(self)
        note = QLabel(
            "安装包把新批次的表单和认定规则带到不联网的电脑上。安装前逐项检查清单、SHA-256 "
            "和每个定义文件，有任何问题则不安装；不会替换程序自带的定义，新版本与旧版本并存，"
            "按评估日期选用。",
            self,
        )
        note.setWordWrap(True)
        lay.addWidget(note)
        self.tree = QTreeWidget(self)
        self.tree.setHeaderLabels(["安装包", "版本", "日期", "依据文件"])
        self.tree.setAccessibleName("已安装的安装包")
        lay.addWidget(self.tree, 1)
        self.message = QLabel("", self)
        self.message.setWordWrap(True)
        self.message.setAccessibleName("安装结果")
        lay.addWidget(self.message)
        bar = QHBoxLayout()
        install = QPushButton("安装…", self)
        install.clicked.connect(self.choose_file)
        self.remove_button = QPushButton("删除所选", self)
        self.remove_button.clicked.connect(self.remove_selected)
        close = QPushButton("关闭", self)
        close.clicked.connect(self.accept)
        for b in (install, self.remove_button):
            bar.addWidget(b)
        bar.addStretch(1)
        bar.addWidget(close)
        lay.addLayout(bar)
        self.refresh()

    def refresh(self) -> None:
        from zjtx_desktop.core.packs import installed_packs

        self.tree.clear()
        for p in installed_packs():
            docs = "、".join(str(s.get("document", "")) for s in p.sources)
            top = QTreeWidgetItem([p.title or p.id, p.version, p.date, docs])
            top.setData(0, 256, (p.id, p.version))
            for rel in sorted(p.files):
                top.addChild(QTreeWidgetItem([rel]))
            for msg in p.problems:
                top.addChild(QTreeWidgetItem([f"有误：{msg}"]))
            self.tree.addTopLevelItem(top)
            top.setExpanded(bool(p.problems))
        if self.tree.topLevelItemCount() == 0:
            self.tree.addTopLevelItem(QTreeWidgetItem(["（没有已安装的安装包）"]))

    def choose_file(self) -> None:
        path, _ = QFileDialog.getOpenFileName(
            self, "选择安装包", "", "安装包 (*.zjtxpack *.zip);;所有文件 (*)"
        )
        if path:
            self.install_file(Path(path))

    def install_file(self, path: Path) -> bool:
        from zjtx_desktop.core.packs import PackError, install_pack

        try:
            install_pack(path)
        except PackError as e:
            self.message.setText(
                f"拒绝安装 {path.name}（未安装任何文件）：\n" + "\n".join(e.problems)
            )
            self.message.setStyleSheet("color: #c62828")
            return False
        self.message.setText(f"已安装 {path.name}")
        self.message.setStyleSheet("color: #2e7d32")
        self.refresh()
        pack_events().changed.emit()
        return True

    def remove_selected(self) -> None:
        from zjtx_desktop.core.packs import PackError, remove_pack

        item = self.tree.currentItem()
        while item is not None and item.parent() is not None:
            item = item.parent()
        key = item.data(0, 256) if item is not None else None
        if not key:
            self.message.setText("请先选择一个安装包")
            return
        try:
            remove_pack(key[0], key[1])
        except PackError as e:
            self.message.setText(str(e))
            return
        self.message.setText(f"已删除 {key[0]} 第{key[1]}版")
        self.message.setStyleSheet("")
        self.refresh()
        pack_events().changed.emit()
