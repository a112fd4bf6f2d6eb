"""Issue 13 items 18, 21, 24 in the window: a database that is locked by another program,
read-only, or refuses writes never raises out of a Qt slot (pytest-qt fails the test if it
does), keeps what the user typed on the screen, and says why once, at the top.

Real SQLite files throughout: the lock is another connection holding BEGIN IMMEDIATE; the
read-only store is the core's own read-only open of the file (``mode=ro`` + query_only), as
it opens a file it cannot write (root ignores chmod, so the file mode alone proves nothing).
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtWidgets import QInputDialog, QMessageBox

from tests.gui.test_user_path import PROGRAMME, cell_of, type_into
from zjtx_desktop.core.issues import Issue, Severity
from zjtx_desktop.core.store import database, drafts
from zjtx_desktop.core.store.drafts import DraftStore
from zjtx_desktop.core.store.errors import translate
from zjtx_desktop.gui.app import make_qapp
from zjtx_desktop.gui.main_window import MainWindow

FULL = "nat-xjr-2021b3-full"


def make_window(qtbot, store: DraftStore, monkeypatch) -> MainWindow:
    make_qapp()
    boxes: list[tuple[str, str]] = []
    for name in ("warning", "information", "critical"):
        monkeypatch.setattr(
            QMessageBox, name, staticmethod(lambda p, t, m, *a: boxes.append((t, m)))
        )
    w = MainWindow(store)
    w.boxes = boxes  # type: ignore[attr-defined]
    qtbot.addWidget(w)
    w.resize(1366, 768)
    w.show()
    return w


@pytest.fixture
def locked_window(qtbot, tmp_path: Path, monkeypatch) -> Iterator[tuple[MainWindow, object]]:
    """The demo open in the window; ``lock()``/``unlock()`` make another connection hold the
    write lock. The core waits 0.3 s (not 10) before giving up, so the test stays short."""
    monkeypatch.setattr(database, "LOCK_WAIT_S", 0.3)  # the wait, and what is said
    db = tmp_path / "gui.sqlite3"
    store = DraftStore(db)
    w = make_window(qtbot, store, monkeypatch)
    w.open_demo(PROGRAMME)
    other = sqlite3.connect(db, isolation_level=None)

    class Lock:
        def lock(self) -> None:
            other.execute("BEGIN IMMEDIATE")

        def unlock(self) -> None:
            if other.in_transaction:
                other.execute("ROLLBACK")

    lock = Lock()
    yield w, lock
    lock.unlock()
    other.close()
    store.close()


def test_typing_while_another_program_holds_the_lock_keeps_the_text_and_says_so(
    locked_window, qtbot
):
    window, lock = locked_window
    page = window.filling
    ref, cell = cell_of(page, "法定代表人")
    before = page.app.raw(ref)
    lock.lock()
    type_into(qtbot, cell, "Wang")  # five writes refused (delete + 4 keys): no traceback
    assert cell.widget.raw() == "Wang"  # what was typed stays on the screen
    assert page.store_banner.isVisible()
    assert "占用" in page.store_banner.text() and "没有保存" in page.store_banner.text()
    assert "未保存" in page.saved.text()
    assert window.boxes == []  # a banner, not a flood of message boxes
    assert page.app.raw(ref) == before  # the session is what the database holds
    assert DraftStore(window.store.path).values(page.app.id).get(page.app.session.slot(ref)) == (
        before
    )

    lock.unlock()
    type_into(qtbot, cell, "Wang Jianguo")  # the lock is gone: the next keystroke saves it all
    assert not page.store_banner.isVisible()
    stored = DraftStore(window.store.path).values(page.app.id)
    assert stored[page.app.session.slot(ref)] == "Wang Jianguo"


def test_every_write_path_of_the_window_survives_a_locked_database(
    locked_window, qtbot, monkeypatch
):
    """说明, declarations, undo/redo, finalise/reopen, duplicate and delete: each refused
    with the message, none raising."""
    window, lock = locked_window
    page = window.filling
    ref, cell = cell_of(page, "法定代表人")
    type_into(qtbot, cell, "Li")  # saved: something to undo
    assert page.undo_action.isEnabled()
    app_id = page.app.id
    lock.lock()

    page.undo_action.trigger()
    assert "占用" in page.store_banner.text()
    page.store_banner.hide()

    issue = Issue("plausibility", ref[1], Severity.WARNING)  # a warning the user explains
    page.on_explain(ref[0], issue, "属实，已核对")
    assert page.store_banner.isVisible() and "没有保存" in page.store_banner.text()
    page.store_banner.hide()

    page.on_declare(FULL, "legal_person", "是")
    assert page.store_banner.isVisible()
    page.store_banner.hide()

    monkeypatch.setattr(page.app, "blocking_issues", lambda: [])  # finalise reaches the store
    page.finalise()
    assert page.store_banner.isVisible() and not page.app.is_final
    page.store_banner.hide()

    n = len(window.store.list_all())
    assert window.duplicate_current() is None
    assert len(window.store.list_all()) == n
    assert "无法复制" in page.store_banner.text()

    lock.unlock()
    page.finalise()  # the lock is gone: finalise and reopen work again
    assert page.app.is_final
    lock.lock()
    monkeypatch.setattr(QInputDialog, "getText", staticmethod(lambda *a, **k: ("补充材料", True)))
    page.reopen()
    assert page.app.is_final and "占用" in page.store_banner.text()
    assert [t for t, _m in window.boxes] == ["已定稿"]  # only the successful finalise's
    lock.unlock()
    window.show_home()
    assert app_id in {r.id for r in window.store.list_all()}


def _seeded(tmp_path: Path) -> Path:
    """A database holding the demo application, closed, as a user left it."""
    from zjtx_desktop.core.demo import open_or_create_demo

    db = tmp_path / "ro.sqlite3"
    store = DraftStore(db)
    open_or_create_demo(store, PROGRAMME)
    store.close()
    return db


def test_a_read_only_database_opens_with_a_banner_and_read_only_fields(
    qtbot, tmp_path, monkeypatch
):
    db = _seeded(tmp_path)
    why = translate(sqlite3.OperationalError("attempt to write a readonly database"), db)
    # the core's own read-only open, as when the file or its folder cannot be written
    monkeypatch.setattr(drafts, "open_database_why", lambda p: (database._open_read_only(p), why))
    store = DraftStore(db)
    assert store.read_only
    window = make_window(qtbot, store, monkeypatch)
    page = window.open_demo(PROGRAMME)
    assert page.store_banner.isVisible()
    assert page.store_banner.text().startswith("只读") and "不能修改" in page.store_banner.text()
    ref, cell = cell_of(page, "法定代表人")
    shown = cell.widget.raw()
    assert cell.widget.edit.isReadOnly()
    assert page.eligibility.read_only
    assert not page.finalise_action.isEnabled()
    page.on_edit(ref, shown + "X")  # however a write is reached, it is refused in words
    assert "只读" in page.store_banner.text()
    assert cell.widget.raw() == shown
    assert window.boxes == []
    store.close()


def test_a_database_that_becomes_read_only_under_the_window_refuses_in_words(
    qtbot, tmp_path, monkeypatch
):
    """Opened writable, then the file can no longer be written (a USB stick's lock switch,
    a remount): SQLite's "attempt to write a readonly database" reaches the window."""
    db = _seeded(tmp_path)
    store = DraftStore(db)
    window = make_window(qtbot, store, monkeypatch)
    page = window.open_demo(PROGRAMME)
    ref, cell = cell_of(page, "法定代表人")
    before = page.app.raw(ref)
    store.conn.close()
    store.conn = database._read_only(db)
    type_into(qtbot, cell, "Zhao")
    assert cell.widget.raw() == "Zhao"
    assert "只读" in page.store_banner.text() and page.store_banner.isVisible()
    assert page.app.raw(ref) == before
    assert window.boxes == []
    store.close()


def test_typing_on_a_full_disk_keeps_the_text_and_saves_it_when_there_is_room(
    qtbot, tmp_path, monkeypatch
):
    """Issue 12: the disk fills while the user types. Every keystroke's write is refused
    (the core's rollback and DiskFull, from SQLite's own "database or disk is full"); the
    window says so once, keeps the text on the screen and in no saved state, and saves it by
    itself once space is back — the user does not have to type it again."""
    from tests.gui.test_reuse_store_faults import Fault
    from zjtx_desktop.gui import filling

    monkeypatch.setattr(filling, "RETRY_UNSAVED_MS", 200)
    store = DraftStore(tmp_path / "full.sqlite3")
    window = make_window(qtbot, store, monkeypatch)
    page = window.open_demo(PROGRAMME)
    ref, cell = cell_of(page, "法定代表人")
    slot = page.app.session.slot(ref)
    before = page.app.raw(ref)
    fault = Fault("full", store, monkeypatch)
    fault.apply()
    type_into(qtbot, cell, "Wang Jianguo")
    assert cell.widget.raw() == "Wang Jianguo"  # what was typed stays on the screen
    assert page.store_banner.isVisible()
    assert "磁盘已满" in page.store_banner.text() and "没有保存" in page.store_banner.text()
    assert "未保存" in page.saved.text()
    assert window.boxes == []  # one banner, no message box per keystroke
    assert page.app.raw(ref) == before  # the session holds what the database holds
    qtbot.wait(500)  # retried while the disk is still full: still refused, still shown
    assert cell.widget.raw() == "Wang Jianguo" and page.store_banner.isVisible()
    assert DraftStore(store.path).values(page.app.id).get(slot) == before

    fault.lift()  # space is back; no key is pressed
    qtbot.waitUntil(lambda: not page.store_banner.isVisible(), timeout=5000)
    assert page.app.raw(ref) == "Wang Jianguo"
    assert DraftStore(store.path).values(page.app.id)[slot] == "Wang Jianguo"
    assert "已保存" in page.saved.text()
    assert cell.widget.raw() == "Wang Jianguo"
    store.close()
