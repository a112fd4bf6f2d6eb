"""Reuse in the window (以上年申报为基础新建, 迁移到新版表单, 复制) when the database refuses the
write: locked by another program, read-only, disk full. Locked and read-only are real SQLite
refusals on a real file (another connection holding BEGIN IMMEDIATE; the core's own read-only
connection). A full disk cannot be made on demand, and SQLite's ``max_page_count`` refuses
only a write that grows the file (a migration does not), so the connection's COMMIT raises
SQLite's own "database or disk is full" — where a full disk fails a WAL commit — and the
core's real rollback and translation turn it into ``DiskFull``.

What the user relies on: a Chinese message in the dialog (no traceback: pytest-qt fails a
test when a slot raises), the dialog still open to try again, nothing half done (no new
application, no half copy, the draft on its old form versions), the original unchanged, and
the same button working once the database can be written again.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtWidgets import QMessageBox

from zjtx_desktop.core.store import database
from zjtx_desktop.core.store.drafts import DraftStore
from zjtx_desktop.core.store.errors import DatabaseBusy, DiskFull, ReadOnlyStore, StoreError
from zjtx_desktop.gui.app import make_qapp
from zjtx_desktop.gui.main_window import MainWindow

PROGRAMME = "jl-zd-2021b2"
WORDS = {"locked": "占用", "read-only": "只读", "full": "磁盘已满"}
ERRORS: dict[str, type[StoreError]] = {
    "locked": DatabaseBusy,
    "read-only": ReadOnlyStore,
    "full": DiskFull,
}


class FullDisk:
    """The window's connection, whose COMMIT fails as on a full disk (everything else real)."""

    def __init__(self, conn: sqlite3.Connection, room: int = 0) -> None:
        self.real = conn
        self.room = room  # commits that still fit

    def execute(self, sql: str, *args: object) -> sqlite3.Cursor:
        if sql.strip().upper() == "COMMIT":
            if self.room <= 0:
                raise sqlite3.OperationalError("database or disk is full")
            self.room -= 1
        return self.real.execute(sql, *args)

    def __getattr__(self, name: str) -> object:
        return getattr(self.real, name)


class Fault:
    """Make the window's database refuse writes the way ``kind`` does, and lift it again."""

    def __init__(self, kind: str, store: DraftStore, monkeypatch: pytest.MonkeyPatch) -> None:
        self.kind, self.store = kind, store
        self.other: sqlite3.Connection | None = None
        self.writable = store.conn
        monkeypatch.setattr(database, "LOCK_WAIT_S", 0.3)  # the wait, and what is said

    def apply(self) -> None:
        if self.kind == "locked":
            self.other = sqlite3.connect(self.store.path, isolation_level=None)
            self.other.execute("BEGIN IMMEDIATE")
        elif self.kind == "read-only":  # the file became read-only under the window
            self.store.conn = database._read_only(self.store.path)
        else:
            # "full-later": room for one more commit (the disk fills half-way through work
            # that would take several)
            room = 1 if self.kind == "full-later" else 0
            self.store.conn = FullDisk(self.writable, room)  # type: ignore[assignment]

    def lift(self) -> None:
        if self.other is not None:
            self.other.execute("ROLLBACK")
            self.other.close()
            self.other = None
        if self.kind == "read-only":
            self.store.conn.close()
        self.store.conn = self.writable


@pytest.fixture
def window(qtbot, tmp_path: Path, monkeypatch) -> Iterator[MainWindow]:
    make_qapp()
    boxes: list[tuple[str, str]] = []
    for name in ("warning", "information", "critical"):
        monkeypatch.setattr(
            QMessageBox, name, staticmethod(lambda p, t, m, *a: boxes.append((t, m)))
        )
    store = DraftStore(tmp_path / "reuse.sqlite3")
    w = MainWindow(store)
    w.boxes = boxes  # type: ignore[attr-defined]
    qtbot.addWidget(w)
    w.resize(1366, 768)
    w.show()
    w.open_demo(PROGRAMME)
    yield w
    store.close()


def spy_problems(dialog: object, monkeypatch: pytest.MonkeyPatch) -> list[StoreError]:
    """The StoreErrors the dialog was given to show (which subclass the core raised)."""
    shown: list[StoreError] = []
    real = dialog.show_problem  # type: ignore[attr-defined]

    def show(what: str, e: StoreError) -> None:
        shown.append(e)
        real(what, e)

    monkeypatch.setattr(dialog, "show_problem", show)
    return shown


def snapshot(store: DraftStore) -> tuple[object, ...]:
    return tuple(
        (r.id, r.name, r.status, r.forms, store.values(r.id), store.events(r.id))
        for r in store.list_all()
    )


def no_new_application(store: DraftStore, before: tuple[object, ...]) -> None:
    assert snapshot(store) == before  # nothing created, nothing half copied, original as it was


@pytest.mark.parametrize("kind", list(WORDS))
def test_next_year_refused_says_why_in_the_dialog_and_works_after(window, qtbot, monkeypatch, kind):
    from zjtx_desktop.gui.reuse_dialogs import NextYearDialog

    store, page = window.store, window.filling
    assert page is not None
    dialog = NextYearDialog(store, page.app, window)
    qtbot.addWidget(dialog)
    dialog.show()
    before = snapshot(store)
    fault = Fault(kind, store, monkeypatch)
    fault.apply()
    raised = spy_problems(dialog, monkeypatch)
    qtbot.mouseClick(dialog.go, qtbot_left())
    assert raised and isinstance(raised[-1], ERRORS[kind])
    assert dialog.isVisible() and dialog.new_id is None
    assert dialog.problem.isVisible()
    assert dialog.problem.text().startswith("没有新建：") and WORDS[kind] in dialog.problem.text()
    assert "Traceback" not in dialog.problem.text() and window.boxes == []
    assert dialog.go.text() == "新建" and dialog.programme.isEnabled()
    no_new_application(store, before)

    fault.lift()
    qtbot.mouseClick(dialog.go, qtbot_left())
    assert dialog.new_id and not dialog.problem.isVisible()
    assert "原样带入" in dialog.report.toPlainText()
    assert len(store.list_all()) == len(before) + 1


def qtbot_left():
    from PySide6.QtCore import Qt

    return Qt.MouseButton.LeftButton


@pytest.mark.parametrize("kind", list(WORDS))
def test_migration_refused_leaves_the_draft_on_its_versions(window, qtbot, monkeypatch, kind):
    from zjtx_desktop.gui.reuse_dialogs import MigrateDialog

    store, page = window.store, window.filling
    assert page is not None
    app_id = page.app.id
    form_id, shipped = store.get(app_id).forms[0]
    store.set_form_version(app_id, form_id, "0.9")  # filled against an older version
    dialog = MigrateDialog(store, app_id, window)
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.go.isEnabled()
    before = snapshot(store)
    fault = Fault(kind, store, monkeypatch)
    fault.apply()
    raised = spy_problems(dialog, monkeypatch)
    qtbot.mouseClick(dialog.go, qtbot_left())
    assert raised and isinstance(raised[-1], ERRORS[kind])
    assert dialog.isVisible() and not dialog.applied
    assert dialog.problem.text().startswith("没有迁移：") and WORDS[kind] in dialog.problem.text()
    assert window.boxes == []
    fault.lift()
    no_new_application(store, before)  # still on 0.9, no "migrated" event
    assert dict(store.get(app_id).forms)[form_id] == "0.9"

    qtbot.mouseClick(dialog.go, qtbot_left())
    assert dialog.applied and not dialog.isVisible()
    assert dict(store.get(app_id).forms)[form_id] == shipped
    assert store.events(app_id)[-1][0] == "migrated"


@pytest.mark.parametrize("kind", list(WORDS))
def test_copy_refused_says_why_and_leaves_no_half_copy(window, qtbot, monkeypatch, kind):
    store, page = window.store, window.filling
    assert page is not None
    original = page.app.id
    before = snapshot(store)
    fault = Fault(kind, store, monkeypatch)
    fault.apply()
    assert window.duplicate_current() is None
    assert page.store_banner.isVisible()
    assert page.store_banner.text().startswith("无法复制") and WORDS[kind] in (
        page.store_banner.text()
    )
    assert window.boxes == []
    fault.lift()
    no_new_application(store, before)
    assert window.filling is page and page.app.id == original  # still on the original

    copy = window.duplicate_current()
    assert copy and store.values(copy) == store.values(original)
    assert store.explanations(copy) == store.explanations(original)


def test_a_disk_filling_half_way_leaves_whole_applications_or_none(window, qtbot, monkeypatch):
    """Room for one more commit: copy and next year are each one commit, so each is whole;
    done in steps (create, then values, then 说明), the copy was left empty and unnamed."""
    from zjtx_desktop.gui.reuse_dialogs import NextYearDialog

    store, page = window.store, window.filling
    assert page is not None
    original = page.app.id
    fault = Fault("full-later", store, monkeypatch)
    fault.apply()
    copy = window.duplicate_current()
    fault.lift()
    assert copy is not None
    assert store.values(copy) == store.values(original)
    assert store.explanations(copy) == store.explanations(original)
    assert [k for k, _at, _d in store.events(copy)] == ["copied"]

    window.open_application(original)
    dialog = NextYearDialog(store, window.filling.app, window)  # type: ignore[union-attr]
    qtbot.addWidget(dialog)
    fault.apply()
    dialog.create()
    fault.lift()
    assert dialog.new_id is not None
    assert store.values(dialog.new_id)  # last year's facts and figures came with it
    assert [k for k, _at, _d in store.events(dialog.new_id)] == ["carried"]
