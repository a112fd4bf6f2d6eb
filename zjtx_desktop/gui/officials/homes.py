"""Which home this installation opens, and switching between them (issue 10).

An installation serves an enterprise (企业首页: its applications) or a 推荐单位/主管部门
(推荐单位工作台: a workspace's inbox and batch list). The app asks once, at the first start,
and keeps the answer and the last workspace in the user settings (``settings.json`` in the
per-user data directory, beside the drafts database); the 文件 menu of either window
switches to the other home, and 本机用途… asks again.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from zjtx_desktop.core.paths import user_data_dir

if TYPE_CHECKING:  # imported when the workbench opens: the enterprise home starts without them
    from zjtx_desktop.core.workspace.workspace import Workspace
    from zjtx_desktop.gui.officials.window import OfficialsWindow

ENTERPRISE = "enterprise"
OFFICIAL = "official"
ROLES = {ENTERPRISE: "企业首页", OFFICIAL: "推荐单位工作台"}
SETTINGS = "settings.json"


# --- the user settings ----------------------------------------------------------------------


def official_trust_store() -> Any:
    """The trust store ``zjtx trust`` writes: ``trust/`` beside the default drafts database."""
    from zjtx_desktop.core.exchange.keyfiles import trust_dir
    from zjtx_desktop.core.exchange.trust import TrustStore
    from zjtx_desktop.core.paths import default_db_path

    return TrustStore(trust_dir(default_db_path().parent))


def settings_path() -> Path:
    return user_data_dir() / SETTINGS


def load_settings() -> dict[str, Any]:
    """The settings, or {} when none were saved or the file cannot be read (asked again)."""
    try:
        data = json.loads(settings_path().read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return data if isinstance(data, dict) else {}


def save_setting(key: str, value: Any) -> None:
    """One setting, the others kept; written whole to a temporary file, then renamed."""
    data = load_settings()
    data[key] = value
    path = settings_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(path.name + ".tmp")
    tmp.write_text(json.dumps(data, ensure_ascii=False, indent=1), encoding="utf-8")
    tmp.replace(path)


def saved_role() -> str | None:
    role = load_settings().get("role")
    return role if role in ROLES else None


# --- the question -----------------------------------------------------------------------------


class RoleDialog(QDialog):
    """“本机用于…”: asked once; the answer can be changed from the 文件 menu."""

    def __init__(self, current: str | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("本机用途")
        lay = QVBoxLayout(self)
        head = QLabel("这台电脑上的“专精特新申报助手”主要用于：")
        head.setObjectName("partTitle")
        lay.addWidget(head)
        self.enterprise = QRadioButton(
            "企业申报：填写本企业的申请书、基本情况表、目标表，导出交换包"
        )
        self.official = QRadioButton(
            "推荐单位 / 主管部门初核：接收多家企业的交换包，初核、退回、排序、生成汇总表"
        )
        self.group = QButtonGroup(self)
        for b in (self.enterprise, self.official):
            self.group.addButton(b)
            lay.addWidget(b)
        (self.official if current == OFFICIAL else self.enterprise).setChecked(True)
        note = QLabel("以后可在“文件”菜单中切换到另一个首页，或重新选择本机用途。")
        note.setObjectName("note")
        lay.addWidget(note)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok)
        buttons.accepted.connect(self.accept)
        lay.addWidget(buttons)

    @property
    def role(self) -> str:
        return OFFICIAL if self.official.isChecked() else ENTERPRISE


def ask_role(parent: QWidget | None = None, current: str | None = None) -> str | None:
    """Ask, save and return the role; None when the question was closed unanswered."""
    dialog = RoleDialog(current, parent)
    if dialog.exec() != QDialog.DialogCode.Accepted:
        return None
    save_setting("role", dialog.role)
    return dialog.role


class NewWorkspaceDialog(QDialog):
    """新建工作区: one file per unit, programme and 批次 (officials.md §3.2)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        from zjtx_desktop.core.forms.registry import programmes
        from zjtx_desktop.core.workspace.workspace import LEVELS

        super().__init__(parent)
        self.setWindowTitle("新建推荐单位工作区")
        form = QFormLayout(self)
        self.unit = QLineEdit()
        self.unit.setPlaceholderText("如 长春市工业和信息化局")
        self.level = QComboBox()
        self.level.addItems(list(LEVELS))
        self.programme = QComboBox()
        for pid, p in programmes().items():
            self.programme.addItem(p.short_title, pid)
        self.officer = QLineEdit()
        self.deadline = QLineEdit()
        self.deadline.setPlaceholderText("如 2021-05-14 17:00")
        self.quota = QLineEdit()
        self.quota.setPlaceholderText("本单位可推荐的家数，可不填")
        form.addRow("单位名称：", self.unit)
        form.addRow("单位级别：", self.level)
        form.addRow("申报项目：", self.programme)
        form.addRow("经办人：", self.officer)
        form.addRow("上报截止：", self.deadline)
        form.addRow("推荐名额：", self.quota)
        self.message = QLabel("")
        self.message.setObjectName("note")
        self.message.setWordWrap(True)
        form.addRow(self.message)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.create)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)
        self.path: Path | None = None

    def create(self, folder: Path | None = None) -> bool:
        """Create the workspace file (in ``folder``, else the per-user workspaces folder)."""
        quota = self.quota.text().strip()
        if quota and not quota.isdigit():
            self.message.setText(f"推荐名额应为整数家数，而不是“{quota}”")
            return False
        unit = self.unit.text().strip()
        programme = str(self.programme.currentData())
        from zjtx_desktop.core.workspace.workspace import Workspace, WorkspaceError

        where = folder or user_data_dir() / "workspaces"
        where.mkdir(parents=True, exist_ok=True)
        path = where / f"{unit or '工作区'}-{programme}.sqlite"
        try:
            officer = self.officer.text().strip()
            level = self.level.currentText()
            ws = Workspace.init(path, unit=unit, level=level, programme=programme, officer=officer)
            try:
                if self.deadline.text().strip():
                    ws.set_profile("deadline", self.deadline.text().strip())
                if quota:
                    ws.set_profile("quotas", {"total": int(quota)})
            finally:
                ws.close()
        except WorkspaceError as e:
            self.message.setText(str(e))
            return False
        self.path = path
        self.accept()
        return True


class ChooseWorkspaceDialog(QDialog):
    """No workspace yet (or it moved): open a workspace file or create one."""

    def __init__(self, parent: QWidget | None = None, missing: str = "") -> None:
        super().__init__(parent)
        self.setWindowTitle("推荐单位工作台")
        lay = QVBoxLayout(self)
        text = "推荐单位工作台需要一个工作区文件（每个单位、申报项目和批次一个）。"
        if missing:
            text = f"找不到上次的工作区：{missing}\n" + text
        label = QLabel(text)
        label.setWordWrap(True)
        lay.addWidget(label)
        self.open_button = QPushButton("打开工作区文件…")
        self.new_button = QPushButton("新建工作区…")
        lay.addWidget(self.open_button)
        lay.addWidget(self.new_button)
        cancel = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        cancel.rejected.connect(self.reject)
        lay.addWidget(cancel)
        self.open_button.clicked.connect(self.choose_file)
        self.new_button.clicked.connect(self.create)
        self.path: Path | None = None

    def choose_file(self) -> None:
        name, _ = QFileDialog.getOpenFileName(
            self, "打开工作区", str(user_data_dir()), "工作区 (*.sqlite *.sqlite3 *.db);;全部 (*)"
        )
        if name:
            self.path = Path(name)
            self.accept()

    def create(self) -> None:
        dialog = NewWorkspaceDialog(self)
        if dialog.exec() == QDialog.DialogCode.Accepted and dialog.path is not None:
            self.path = dialog.path
            self.accept()


# --- switching ---------------------------------------------------------------------------------


class Homes(QObject):
    """The two homes of one installation; one is shown at a time.

    ``enterprise`` makes (or returns) the enterprise main window, or None when its
    database cannot be opened; the officials' window is made when first asked for, on the
    workspace of the user settings (or one chosen or created then).
    """

    def __init__(self, enterprise: Callable[[], QWidget | None], officer: str = "") -> None:
        super().__init__()
        self._make_enterprise = enterprise
        self.enterprise: QWidget | None = None
        self.officials: OfficialsWindow | None = None
        self.officer = officer

    # which window is on screen

    def show_enterprise(self) -> QWidget | None:
        if self.enterprise is None:
            window = self._make_enterprise()
            if window is None:
                return None
            self.adopt_enterprise(window)
        assert self.enterprise is not None
        self._show(self.enterprise, self.officials)
        return self.enterprise

    def adopt_enterprise(self, window: QWidget) -> None:
        """The enterprise window made elsewhere (gui.app): give it the switching actions."""
        self.enterprise = window
        self._add_enterprise_actions(window)

    def show_officials(self, path: Path | None = None) -> OfficialsWindow | None:
        """The officials' window on ``path``, else the open one, else the last workspace of
        the user settings, else one chosen or created now."""
        if path is None and self.officials is not None:
            self._show(self.officials, self.enterprise)
            return self.officials
        path = path or self._workspace_path()
        if path is None:
            return None
        from zjtx_desktop.core.workspace.workspace import Workspace, WorkspaceError

        try:
            ws = Workspace(path, self.officer, official_trust_store())
        except (WorkspaceError, OSError) as e:
            QMessageBox.warning(self.officials or self.enterprise, "无法打开工作区", str(e))
            return None
        return self.show_workspace(ws)

    def show_workspace(self, ws: Workspace) -> OfficialsWindow:
        """The officials' window on an open workspace (closing the one shown before)."""
        from zjtx_desktop.gui.officials.window import OfficialsWindow

        old = self.officials
        self.officials = OfficialsWindow(ws)
        self._add_officials_actions(self.officials)
        self.officials.resize(old.size() if old is not None else self._size())
        # never larger than the screen it opens on (911×512 at 150 % on a 1366×768 laptop):
        # the list and the review panel scroll below that size
        from zjtx_desktop.gui.screen_fit import fit_to_screen

        fit_to_screen(self.officials)
        save_setting("workspace", str(ws.path))
        self._show(self.officials, old if old is not None else self.enterprise)
        if old is not None:
            old.close()
            old.ws.close()
            old.deleteLater()
        return self.officials

    def choose_workspace(self) -> OfficialsWindow | None:
        dialog = ChooseWorkspaceDialog(self.officials or self.enterprise)
        if dialog.exec() == QDialog.DialogCode.Accepted and dialog.path is not None:
            return self.show_officials(dialog.path)
        return None

    def change_role(self) -> str | None:
        role = ask_role(self.officials or self.enterprise, saved_role())
        if role == OFFICIAL:
            self.show_officials()
        elif role == ENTERPRISE:
            self.show_enterprise()
        return role

    def _workspace_path(self) -> Path | None:
        last = str(load_settings().get("workspace") or "")
        if last and Path(last).is_file():
            return Path(last)
        dialog = ChooseWorkspaceDialog(self.enterprise, missing=last)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            return dialog.path
        return None

    def _size(self) -> Any:
        from PySide6.QtCore import QSize

        from zjtx_desktop.gui.style import WINDOW_SIZE

        return self.enterprise.size() if self.enterprise is not None else QSize(*WINDOW_SIZE)

    @staticmethod
    def _show(shown: QWidget, hidden: QWidget | None) -> None:
        if hidden is not None and hidden.isVisible():
            shown.move(hidden.pos())
            hidden.hide()
        shown.show()
        shown.raise_()
        shown.activateWindow()

    # the menus

    def _add_enterprise_actions(self, window: Any) -> None:
        menu = window.menus.file
        first = menu.actions()[0] if menu.actions() else None
        go = QAction("切换到推荐单位工作台", window)
        go.triggered.connect(lambda _c=False: self.show_officials())
        role = QAction("本机用途…", window)
        role.triggered.connect(lambda _c=False: self.change_role())
        menu.insertAction(first, go)
        menu.insertAction(first, role)
        menu.insertSeparator(first)
        window.switch_home_action = go

    def _add_officials_actions(self, window: OfficialsWindow) -> None:
        menu = window.menuBar().addMenu("文件(&F)")
        home = window.home
        for text, slot in (
            ("切换到企业首页", self.show_enterprise),
            ("本机用途…", self.change_role),
            (None, None),
            ("打开或新建工作区…", self.choose_workspace),
            ("导入交换包…", home.choose_files),
            ("导出初核清单…", home.choose_export),
            ("批量导出推荐企业申请书…", home.choose_booklets),
            ("所选申报的初核记录单…", home.panel.choose_record),
            ("签署推荐意见（第六部分）…", home.panel.choose_sign),
            ("生成汇总表…", home.open_summary),
            (None, None),
            ("退出", window.close),
        ):
            if text is None:
                menu.addSeparator()
                continue
            action = QAction(text, window)
            action.triggered.connect(lambda _c=False, s=slot: s())  # type: ignore[misc]
            menu.addAction(action)
        window.file_menu = menu  # type: ignore[attr-defined]


def start(enterprise_window: QWidget, ask: bool = True) -> Homes:
    """At start-up, after the enterprise window is shown: ask the role once (not when
    ``ask`` is False: --smoke and --demo runs), and for a 推荐单位 installation show its
    workbench instead (the enterprise window stays one menu click away)."""
    homes = Homes(lambda: enterprise_window)
    homes.adopt_enterprise(enterprise_window)
    if not ask:
        return homes
    role = saved_role() or ask_role(enterprise_window)
    if role == OFFICIAL:
        homes.show_officials()
    return homes
