"""Typing is committed without an fsync; durable points put it on disk (issue 12, latency).

What a user relies on: every acknowledged keystroke survives the application being killed
(test_crash_safety.py and tests/gui/test_window_crash.py kill the writer with SIGKILL); what
was typed before leaving a field, a pause, an export, 定稿 or closing survives power loss too.
Power loss cannot be simulated here; what can be seen is where the change is: a durable point
checkpoints it into the database file itself (synced), while a keystroke leaves it in the WAL
only. So each test copies the database file *without* its WAL — the state a power loss could
leave at worst if the WAL's last writes were lost — and reads it.
"""

from __future__ import annotations

import os
import shutil
import sqlite3
from pathlib import Path

import pytest

from tests.core.inline import mini
from zjtx_desktop.core.store.drafts import DraftStore


def main_file_only(db: Path, tmp_path: Path) -> sqlite3.Connection:
    """The database file as it is on disk, without the WAL beside it."""
    copy = tmp_path / "main-file-only.sqlite3"
    shutil.copyfile(db, copy)
    return sqlite3.connect(copy)


def value_in_main_file(db: Path, tmp_path: Path, app_id: str, field: str) -> str | None:
    conn = main_file_only(db, tmp_path)
    try:
        row = conn.execute(
            "SELECT value FROM field_values WHERE app_id=? AND field=?", (app_id, field)
        ).fetchone()
    finally:
        conn.close()
    return None if row is None else str(row[0])


@pytest.fixture
def opened(tmp_path: Path):
    db = tmp_path / "drafts.sqlite3"
    store = DraftStore(db)
    app_id = store.create([mini()], name="测试企业")
    yield db, store, app_id
    store.close()


def test_wal_with_normal_sync(opened):
    _, store, _ = opened
    assert store.conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert store.conn.execute("PRAGMA synchronous").fetchone()[0] == 1  # NORMAL


def test_a_keystroke_is_committed_without_a_checkpoint_and_a_durable_point_writes_it(
    opened, tmp_path
):
    db, store, app_id = opened
    store.set(app_id, ("mini", "name"), "吉林省", burst=True)
    # committed: another connection (a restarted window) reads it …
    other = sqlite3.connect(db)
    assert other.execute("SELECT value FROM field_values WHERE app_id=?", (app_id,)).fetchone()
    other.close()
    # … but not yet in the database file: no fsync or checkpoint was paid for the keystroke
    assert value_in_main_file(db, tmp_path, app_id, "name") is None
    assert store.unsynced
    assert store.durable()
    assert not store.unsynced
    assert value_in_main_file(db, tmp_path, app_id, "name") == '"吉林省"'


def test_creating_an_application_and_finalising_are_durable_at_once(opened, tmp_path):
    db, store, app_id = opened
    conn = main_file_only(db, tmp_path)
    assert conn.execute("SELECT name FROM applications WHERE id=?", (app_id,)).fetchone() == (
        "测试企业",
    )
    conn.close()
    store.set_status(app_id, "final")
    conn = main_file_only(db, tmp_path)
    assert conn.execute("SELECT status FROM applications").fetchone() == ("final",)
    conn.close()


def test_leaving_the_field_is_a_durable_point(tmp_path):
    from zjtx_desktop.core.application import OpenApplication
    from zjtx_desktop.core.forms.registry import get_form

    db = tmp_path / "drafts.sqlite3"
    store = DraftStore(db)
    form = get_form("nat-xjr-application-2021")
    app_id = store.create([form])
    app = OpenApplication(store, app_id)
    app.set_value((form.id, "employees"), "3")
    app.set_value((form.id, "employees"), "32")
    assert value_in_main_file(db, tmp_path, app_id, "employees") is None
    app.end_burst()  # the window calls it when the focus moves to another field
    assert value_in_main_file(db, tmp_path, app_id, "employees") == '"32"'
    store.close()


def test_closing_is_a_durable_point(tmp_path):
    db = tmp_path / "drafts.sqlite3"
    store = DraftStore(db)
    app_id = store.create([mini()])
    store.set(app_id, ("mini", "name"), "长春")
    store.close()
    assert value_in_main_file(db, tmp_path, app_id, "name") == '"长春"'


def test_a_reader_holding_the_checkpoint_back_gets_the_wal_synced_instead(
    opened, tmp_path, monkeypatch
):
    db, store, app_id = opened
    reader = sqlite3.connect(db, isolation_level=None)
    reader.execute("BEGIN")
    reader.execute("SELECT COUNT(*) FROM applications").fetchone()  # holds a snapshot
    store.set(app_id, ("mini", "name"), "吉林")
    synced: list[str] = []
    real_fsync = os.fsync

    def fsync(fd: int) -> None:
        synced.append(os.readlink(f"/proc/self/fd/{fd}"))
        real_fsync(fd)

    monkeypatch.setattr(os, "fsync", fsync)
    assert store.durable()
    assert [Path(p).name for p in synced] == ["drafts.sqlite3-wal"]
    reader.execute("COMMIT")
    reader.close()


def test_a_long_typing_burst_is_still_one_undo_step(opened):
    """The undo step is found with one query now, not one per keystroke: same answers."""
    _, store, app_id = opened
    store.set(app_id, ("mini", "name"), "旧值")
    store.set(app_id, ("mini", "other"), "x")  # another field: the next edit is a new step
    text = ""
    for ch in "长春市高新技术产业开发区" * 20:
        text += ch
        store.set(app_id, ("mini", "name"), text, burst=True)
    step = store.undo_step(app_id)
    assert step is not None
    assert (step.field, step.old, step.new) == ("name", "旧值", text)
    undone = store.undo(app_id)
    assert undone is not None and undone.old == "旧值"
    assert store.values(app_id)[("mini", "name")] == "旧值"
    redone = store.redo(app_id)
    assert redone is not None and store.values(app_id)[("mini", "name")] == text
    # the step before: the edit of the other field, on its own
    store.undo(app_id)
    step = store.undo_step(app_id)
    assert step is not None and (step.field, step.old, step.new) == ("other", None, "x")


def test_a_burst_from_the_very_first_change_of_an_application(tmp_path):
    store = DraftStore(tmp_path / "d.sqlite3")
    app_id = store.create([mini()])
    other = store.create([mini()])
    store.set(app_id, ("mini", "name"), "a", burst=True)
    store.set(other, ("mini", "name"), "other app")  # interleaved: another application
    store.set(app_id, ("mini", "name"), "ab", burst=True)
    store.set(app_id, ("mini", "name"), "abc", burst=True)
    step = store.undo_step(app_id)
    assert step is not None and (step.old, step.new) == (None, "abc")
    store.undo(app_id)
    assert ("mini", "name") not in store.values(app_id)
    assert store.values(other)[("mini", "name")] == "other app"
    store.close()
