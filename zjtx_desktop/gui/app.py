"""Start the window: one instance per database, a Chinese UI, and the --demo/--smoke/--screenshot
modes used for the README pictures and start-up timing."""

from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
import time
from pathlib import Path

from PySide6.QtCore import QLockFile, Qt, QTimer
from PySide6.QtGui import QFont, QGuiApplication
from PySide6.QtWidgets import QApplication, QMessageBox

from zjtx_desktop.core.paths import default_db_path
from zjtx_desktop.core.store.database import DatabaseRefused, DatabaseUnreadable
from zjtx_desktop.core.store.drafts import DraftStore
from zjtx_desktop.gui.event_loop import exec_until_quit
from zjtx_desktop.gui.main_window import MainWindow
from zjtx_desktop.gui.screen_fit import show_main_window
from zjtx_desktop.gui.style import STYLE


def install_chinese(app: QApplication) -> bool:
    """Qt's own words (OK/Cancel/&Yes/&No, file dialogs, context menus) in Chinese, from the
    qtbase_zh_CN catalogue that PySide6 ships in its translations directory."""
    if app.property("zjtx_translator") is not None:
        return True
    from PySide6.QtCore import QLibraryInfo, QTranslator

    translator = QTranslator(app)
    where = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    if not translator.load("qtbase_zh_CN", where):
        return False  # an unusual build without it: English buttons, nothing worse
    app.installTranslator(translator)
    app.setProperty("zjtx_translator", translator)
    return True


def make_qapp() -> QApplication:
    app = QApplication.instance()
    if not isinstance(app, QApplication):
        # Windows laptops run at 125 % or 150 %: scale by the exact factor, not rounded to 100 %
        # or 200 %, so the part still fits the screen and text stays sharp
        QGuiApplication.setHighDpiScaleFactorRoundingPolicy(
            Qt.HighDpiScaleFactorRoundingPolicy.PassThrough
        )
        app = QApplication(sys.argv[:1])
    app.setApplicationName("专精特新申报助手")
    install_chinese(app)
    font = QFont()
    font.setFamilies(["Microsoft YaHei", "Noto Sans CJK SC", "WenQuanYi Zen Hei", "sans-serif"])
    font.setPointSize(10)
    app.setFont(font)
    app.setStyleSheet(STYLE)
    return app


def open_store(path: Path, parent: object = None) -> DraftStore | None:
    """Open the database; if unreadable, offer a copy of the newest backup (never overwrite)."""
    try:
        return DraftStore(path)
    except DatabaseRefused as e:  # another program's file, or a newer version's: nothing to offer
        QMessageBox.critical(None, "无法打开草稿数据库", str(e))
        return None
    except DatabaseUnreadable as e:
        if e.backup is None:
            QMessageBox.critical(None, "无法打开草稿数据库", str(e))
            return None
        answer = QMessageBox.question(
            None, "无法打开草稿数据库", f"{e}\n\n是否打开最新备份的副本继续工作？（原文件保留不动）"
        )
        if answer != QMessageBox.StandardButton.Yes:
            return None
        restored = path.with_name(f"{path.stem}-从备份恢复-{time.strftime('%Y%m%d%H%M%S')}.sqlite3")
        shutil.copy2(e.backup, restored)
        return DraftStore(restored)


def run(args: argparse.Namespace) -> int:
    qapp = make_qapp()
    if getattr(args, "screenshot", None):
        from zjtx_desktop.gui.screenshots import render_screenshots

        with tempfile.TemporaryDirectory() as d:
            store = DraftStore(Path(d) / "screens.sqlite3")
            render_screenshots(store, Path(args.screenshot))
            store.close()
        return 0
    path = Path(args.db) if getattr(args, "db", None) else default_db_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    lock = QLockFile(str(path) + ".lock")
    lock.setStaleLockTime(0)
    if not lock.tryLock(100):
        QMessageBox.critical(
            None,
            "数据库正在使用",
            f"另一个“专精特新申报助手”窗口正在使用 {path}。\n请切换到那个窗口继续工作。",
        )
        return 1
    store = open_store(path)
    if store is None:
        return 2
    # --smoke opens what a user gets on start (the home list) and quits once it is shown:
    # the start-up benchmark's "usable window"; --smoke --demo times opening the demo too
    straight_to_demo = getattr(args, "demo", False)
    window = MainWindow(store, load_home=not straight_to_demo)
    if straight_to_demo:
        window.open_demo()
    show_main_window(window)
    smoke = getattr(args, "smoke", False)
    from zjtx_desktop.gui.officials.homes import start as start_homes

    # the role question at the first start; a 推荐单位 installation opens its workbench
    homes = start_homes(window, ask=not smoke and not straight_to_demo)
    if smoke:
        QTimer.singleShot(0, qapp.quit)
    code = exec_until_quit(qapp)
    from zjtx_desktop.gui.worker import wait_for_background

    wait_for_background()  # background jobs hold their own connections: let them finish
    if homes.officials is not None:
        homes.officials.ws.close()
    store.close()
    lock.unlock()
    return int(code)
