"""Drafts in a real SQLite file: committed at once, with history, undo, 说明 and backups."""

import sqlite3
from pathlib import Path

import pytest

from tests.core.inline import mini
from zjtx_desktop.core.store.database import DatabaseUnreadable, newest_backup, open_database
from zjtx_desktop.core.store.drafts import DraftStore


@pytest.fixture
def store(tmp_path: Path):
    s = DraftStore(tmp_path / "d.sqlite3")
    yield s
    s.close()


def test_draft_records_form_id_and_version(store):
    app = store.create([mini()], name="恒锐")
    rec = store.get(app)
    assert rec.forms == (("mini", "1"),)
    assert rec.status == "draft"


def test_a_change_is_visible_to_another_connection_at_once(store, tmp_path):
    app = store.create([mini()])
    store.set(app, ("mini", "employees"), "320")
    other = sqlite3.connect(tmp_path / "d.sqlite3")
    assert other.execute("SELECT value FROM field_values").fetchall() == [('"320"',)]


def test_every_change_is_recorded_with_old_and_new_value(store):
    app = store.create([mini()])
    store.set(app, ("mini", "employees"), "320")
    store.set(app, ("mini", "employees"), "330")
    store.set(app, ("mini", "employees"), None)
    hist = store.history(app, ("mini", "employees"))
    assert [(c.old, c.new) for c in hist] == [(None, "320"), ("320", "330"), ("330", None)]
    assert all(c.at for c in hist)


def test_undo_and_redo_follow_stack_order(store):
    app = store.create([mini()])
    slot = ("mini", "employees")
    for v in ("1", "2", "3"):
        store.set(app, slot, v)
    store.undo(app)
    store.undo(app)
    assert store.values(app)[slot] == "1"
    store.redo(app)
    assert store.values(app)[slot] == "2"
    store.undo(app)
    store.undo(app)
    assert slot not in store.values(app)
    store.redo(app)
    store.set(app, slot, "9")  # a new edit ends the redo chain
    assert store.redo(app) is None
    assert store.values(app)[slot] == "9"


def test_explanation_kept_with_the_draft(store):
    app = store.create([mini()])
    key = ("mini", "mbr_share.y2", "RATIO_MISMATCH", "mbr_share.y2")
    store.explain(app, key, "按审计报告口径填报")
    assert store.explanations(app) == {key: "按审计报告口径填报"}
    store.explain(app, key, "")
    assert store.explanations(app) == {}


def test_finalise_and_reopen_are_recorded(store):
    app = store.create([mini()])
    store.set_status(app, "final")
    store.set_status(app, "draft", "补充专利数据")
    assert [k for k, _, _ in store.events(app)] == ["created", "finalised", "reopened"]


def test_a_backup_is_written_before_a_migration(tmp_path, monkeypatch):
    path = tmp_path / "d.sqlite3"
    DraftStore(path).close()
    from zjtx_desktop.core.store import database

    @database.migrations(name="m999_test_only")
    def _m(db):
        db.execute("CREATE TABLE extra (x)")

    try:
        DraftStore(path).close()
        backup = newest_backup(path)
        assert backup is not None and "before-m999_test_only" in backup.name
        tables = sqlite3.connect(backup).execute("SELECT name FROM sqlite_master").fetchall()
        assert ("extra",) not in tables
    finally:
        database.migrations._migrations.pop()


def test_corrupt_file_gives_a_clear_message_offers_the_backup_and_is_not_overwritten(tmp_path):
    path = tmp_path / "d.sqlite3"
    s = DraftStore(path)
    s.create([mini()], name="恒锐")
    s.close()
    DraftStore(path).close()  # daily backup on a later open
    damaged = b"this is not a database" * 100
    path.write_bytes(damaged)
    with pytest.raises(DatabaseUnreadable) as e:
        open_database(path)
    assert e.value.backup is not None
    assert "无法读取草稿数据库" in str(e.value)
    assert path.read_bytes() == damaged
    restored = DraftStore(e.value.backup)
    assert [r.name for r in restored.list_all()] == ["恒锐"]
