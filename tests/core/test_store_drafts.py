"""DraftStore's bookkeeping on a real SQLite file: the application record, its forms, events,
history, undo/redo steps and 说明, as the views read them (issue 13, mutation testing of
core/store/drafts.py: each test here fails under at least one mutant the older tests let pass).

Expected values are worked out by hand from what the test did (the times are the ones ``set``
returns or the record shows, compared with each other, never recomputed by the store).
"""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path

import pytest

from tests.core.inline import mini, mini_targets
from zjtx_desktop.core.store.drafts import DraftStore, NotFound

EMP = ("mini", "employees")
NAME = ("mini", "enterprise_name")


@pytest.fixture
def store(tmp_path: Path):
    s = DraftStore(tmp_path / "d.sqlite3")
    yield s
    s.close()


def _rows(db: Path, table: str, app_id: str) -> int:
    conn = sqlite3.connect(db)
    try:
        return int(
            conn.execute(f"SELECT COUNT(*) FROM {table} WHERE app_id=?", (app_id,)).fetchone()[0]
        )
    finally:
        conn.close()


# --- the application record and its forms ----------------------------------------------


def test_a_form_added_later_comes_after_the_applications_forms_and_is_recorded(store):
    app = store.create([mini()], name="恒锐")
    created = store.get(app).updated
    store.add_form(app, mini_targets())
    rec = store.get(app)
    assert rec.forms == (("mini", "1"), ("mini-targets", "1"))
    kind, at, detail = store.events(app)[-1]
    assert (kind, detail) == ("form_added", "mini-targets v1")  # the default detail
    assert rec.updated == at and at >= created
    assert rec.created == created  # the creation time stays


def test_a_form_added_with_its_own_detail_records_that_detail(store):
    app = store.create([mini_targets()])
    store.add_form(app, mini(), detail="加入申请书")
    assert store.get(app).forms == (("mini-targets", "1"), ("mini", "1"))
    assert store.events(app)[-1][::2] == ("form_added", "加入申请书")


def test_a_deleted_application_leaves_nothing_and_the_others_stay_whole(tmp_path):
    db = tmp_path / "d.sqlite3"
    store = DraftStore(db)
    apps = [store.create([mini()], name=n) for n in ("甲", "乙")]
    for app in apps:
        store.set(app, EMP, "320")
        store.explain(app, ("mini", "employees", "W1", "r1"), "说明")
        store.conn.execute(
            "INSERT INTO evidence VALUES (?,?,?,?,?,?,?,?,?,?)",
            (app, "E001", "0" * 64, "营业执照", "", "a.pdf", "application/pdf", 10, 1, "t"),
        )
    store.delete(apps[0])
    tables = ("applications", "app_forms", "field_values", "changes", "explanations", "events")
    for table in (*tables[1:], "evidence"):
        assert _rows(db, table, apps[0]) == 0, table
        assert _rows(db, table, apps[1]) >= 1, table
    assert [a.id for a in store.list_all()] == [apps[1]]
    with pytest.raises(NotFound):
        store.get(apps[0])
    assert store.values(apps[1]) == {EMP: "320"}
    store.close()


def test_rename_changes_only_that_applications_name(store):
    a, b = store.create([mini()], name="甲"), store.create([mini()], name="乙")
    store.rename(a, "恒锐科技")
    assert (store.get(a).name, store.get(b).name) == ("恒锐科技", "乙")


def test_an_event_logged_has_its_kind_time_and_detail(store):
    app = store.create([mini()])
    store.log(app, "copied", "自 2025 年申请复制")
    store.log(app, "carried")
    events = store.events(app)
    assert [(k, d) for k, _, d in events] == [
        ("created", ""),
        ("copied", "自 2025 年申请复制"),
        ("carried", ""),
    ]
    times = [at for _, at, _ in events]
    assert times == sorted(times) and times[0] == store.get(app).created


def test_migrating_changes_that_applications_form_version_and_records_it(store):
    a, b = store.create([mini(), mini_targets()]), store.create([mini()])
    store.migrate(a, {"mini": "2"}, detail="申请书 1 → 2")
    assert store.get(a).forms == (("mini", "2"), ("mini-targets", "1"))
    assert store.get(b).forms == (("mini", "1"),)
    assert store.events(a)[-1][::2] == ("migrated", "申请书 1 → 2")
    store.migrate(a, {"mini-targets": "3"})  # without a detail: no event
    store.set_form_version(a, "mini", "4")
    assert store.get(a).forms == (("mini", "4"), ("mini-targets", "3"))
    assert [k for k, _, _ in store.events(a)] == ["created", "migrated"]


def test_get_and_find_name_what_they_did_not_find(store):
    app = store.create([mini()])
    with pytest.raises(NotFound) as e:
        store.get("nosuchid")
    assert e.value.args == ("nosuchid",)
    with pytest.raises(NotFound) as e:
        store.find("zz")
    assert e.value.args == ("zz",)
    assert store.find(app[:4]) == app


# --- history and the changes the views are given ------------------------------------------


def test_history_gives_every_change_in_order_or_one_slots_only(store):
    app = store.create([mini()])
    t1 = store.set(app, EMP, "320")
    t2 = store.set(app, NAME, "恒锐")
    t3 = store.set(app, EMP, "321")
    every = store.history(app)
    assert [(c.scope, c.field, c.old, c.new, c.at, c.kind) for c in every] == [
        ("mini", "employees", None, "320", t1, "edit"),
        ("mini", "enterprise_name", None, "恒锐", t2, "edit"),
        ("mini", "employees", "320", "321", t3, "edit"),
    ]
    assert every[0].id < every[1].id < every[2].id
    only = store.history(app, EMP)
    assert [(c.id, c.old, c.new) for c in only] == [
        (every[0].id, None, "320"),
        (every[2].id, "320", "321"),
    ]


def test_the_undo_step_names_its_change_time_and_kind(store):
    app = store.create([mini()])
    store.set(app, EMP, "3")
    t = store.set(app, NAME, "恒锐")
    step = store.undo_step(app)
    latest = store.history(app)[-1]
    assert step is not None
    assert (step.id, step.scope, step.field) == (latest.id, "mini", "enterprise_name")
    assert (step.old, step.new, step.at, step.kind) == (None, "恒锐", t, "edit")


def test_the_redo_step_of_a_burst_names_its_last_keystroke_and_the_value_before(store):
    app = store.create([mini()])
    store.set(app, NAME, "甲")
    store.set(app, EMP, "1")
    store.set(app, NAME, "恒", burst=True)  # another field came between: a new step
    store.set(app, NAME, "恒锐", burst=True)
    t_last = store.set(app, NAME, "恒锐科", burst=True)
    last = store.history(app)[-1]
    undone = store.undo(app)
    assert undone is not None and (undone.old, undone.new) == ("甲", "恒锐科")
    assert store.values(app) == {EMP: "1", NAME: "甲"}
    step = store.redo_step(app)
    assert step is not None
    assert (step.id, step.scope, step.field) == (last.id, "mini", "enterprise_name")
    assert (step.old, step.new, step.at, step.kind) == ("甲", "恒锐科", t_last, "typing")
    assert store.redo(app) == step
    assert store.values(app) == {EMP: "1", NAME: "恒锐科"}


def test_a_burst_given_as_typing_from_the_first_change_is_one_step(store):
    """``kind="typing"`` continues an edit's step (EDITS); a burst that begins the history
    goes back to the first change."""
    app = store.create([mini()])
    store.set(app, NAME, "恒", kind="typing")
    store.set(app, NAME, "恒锐", kind="typing")
    step = store.undo_step(app)
    assert step is not None and (step.old, step.new) == (None, "恒锐")
    store.undo(app)
    assert store.values(app) == {}
    assert store.undo_step(app) is None


def test_a_burst_given_as_typing_after_another_fields_edit_begins_after_it(store):
    app = store.create([mini()])
    store.set(app, EMP, "320")
    store.set(app, NAME, "恒", kind="typing")
    store.set(app, NAME, "恒锐", kind="typing")
    step = store.undo_step(app)
    assert step is not None and (step.field, step.old, step.new) == (
        "enterprise_name",
        None,
        "恒锐",
    )
    store.undo(app)
    assert store.values(app) == {EMP: "320"}  # the other field's edit is its own step
    step = store.undo_step(app)
    assert step is not None and (step.field, step.old, step.new) == ("employees", None, "320")


# --- what each kind of write records ----------------------------------------------------


def test_a_new_application_without_a_name_has_an_empty_name_and_programme(store):
    app = store.create([mini()])
    rec = store.get(app)
    assert (rec.name, rec.programme, rec.status) == ("", "", "draft")


def test_values_and_explanations_given_at_creation_are_stored_as_an_import(store):
    key = ("mini", "employees", "EMPLOYEES_HIGH", "r1")
    app = store.create([mini()], values={EMP: "320"}, explanations={key: "含劳务派遣"})
    assert store.values(app) == {EMP: "320"}
    assert store.explanations(app) == {key: "含劳务派遣"}
    assert [(c.field, c.old, c.new, c.kind) for c in store.history(app)] == [
        ("employees", None, "320", "import")
    ]
    assert store.undo_step(app) is None  # an import is not a user's edit to take back


def test_set_many_records_an_import_unless_told_otherwise(store):
    app = store.create([mini()])
    t = store.set_many(app, {EMP: "320", NAME: "恒锐"})
    store.set_many(app, {EMP: "321"}, kind="carried")
    kinds = [(c.field, c.kind, c.at) for c in store.history(app)]
    assert kinds[:2] == [("employees", "import", t), ("enterprise_name", "import", t)]
    assert kinds[2][:2] == ("employees", "carried")
    assert store.get(app).updated == kinds[2][2]


def test_finalise_and_reopen_record_the_time_on_the_application_and_its_events(store):
    app = store.create([mini()])
    store.set_status(app, "final")
    kind, at, detail = store.events(app)[-1]
    assert (kind, detail) == ("finalised", "")
    rec = store.get(app)
    assert (rec.status, rec.updated) == ("final", at)
    store.set_status(app, "draft", "补充材料")
    kind, at2, detail = store.events(app)[-1]
    assert (kind, detail) == ("reopened", "补充材料")
    assert store.get(app).status == "draft" and store.get(app).updated == at2 >= at


def test_an_undo_is_recorded_in_the_history_as_an_undo(store):
    app = store.create([mini()])
    store.set(app, EMP, "320")
    store.undo(app)
    last = store.history(app)[-1]
    assert (last.field, last.old, last.new, last.kind) == ("employees", "320", None, "undo")
    assert store.values(app) == {}


# --- durable points: a keystroke, an undo, a redo and a 说明 are committed, not synced ------


def _in_main_file(db: Path, tmp_path: Path, sql: str, *args: object) -> list[tuple[object, ...]]:
    """Rows of the database file as it is on disk, without its WAL (what survives power loss
    at worst: see test_store_durability.py)."""
    copy = tmp_path / "main-file-only.sqlite3"
    copy.write_bytes(db.read_bytes())
    conn = sqlite3.connect(copy)
    try:
        return conn.execute(sql, args).fetchall()
    finally:
        conn.close()
        copy.unlink()


def test_undo_redo_and_explanations_are_committed_without_a_checkpoint(tmp_path):
    db = tmp_path / "d.sqlite3"
    store = DraftStore(db)
    app = store.create([mini()])
    store.set(app, EMP, "320")
    assert store.durable() and not store.unsynced
    on_disk = "SELECT value FROM field_values WHERE app_id=?"

    store.undo(app)
    assert store.unsynced
    assert _in_main_file(db, tmp_path, on_disk, app) == [('"320"',)]  # the undo: in the WAL only
    assert store.durable() and _in_main_file(db, tmp_path, on_disk, app) == []

    store.redo(app)
    assert store.unsynced
    assert _in_main_file(db, tmp_path, on_disk, app) == []
    assert store.durable() and _in_main_file(db, tmp_path, on_disk, app) == [('"320"',)]

    store.explain(app, ("mini", "employees", "W", "r"), "说明")
    assert store.unsynced
    assert _in_main_file(db, tmp_path, "SELECT text FROM explanations") == []
    assert store.durable() and _in_main_file(db, tmp_path, "SELECT text FROM explanations") == [
        ("说明",)
    ]
    store.close()


def _fsyncs(monkeypatch) -> list[str]:
    synced: list[str] = []
    real = os.fsync

    def fsync(fd: int) -> None:
        synced.append(Path(os.readlink(f"/proc/self/fd/{fd}")).name)
        real(fd)

    monkeypatch.setattr(os, "fsync", fsync)
    return synced


def test_a_durable_point_with_nothing_pending_costs_nothing(tmp_path, monkeypatch):
    """Called on every field left: with nothing of its own pending it neither checkpoints
    nor syncs, even while another connection's writes wait in the WAL behind a reader."""
    db = tmp_path / "d.sqlite3"
    first = DraftStore(db)
    app = first.create([mini()])
    first.close()
    store = DraftStore(db)  # opened, nothing written yet
    assert not store.unsynced
    reader = sqlite3.connect(db, isolation_level=None)
    reader.execute("BEGIN")
    reader.execute("SELECT COUNT(*) FROM applications").fetchone()  # holds a snapshot
    writer = sqlite3.connect(db, isolation_level=None)
    writer.execute("UPDATE applications SET name='另一个程序' WHERE id=?", (app,))
    writer.close()
    synced = _fsyncs(monkeypatch)
    assert store.durable() is True
    assert synced == []
    reader.execute("COMMIT")
    reader.close()
    store.close()


def test_a_checkpoint_nobody_holds_back_syncs_no_wal_by_hand(tmp_path, monkeypatch):
    db = tmp_path / "d.sqlite3"
    store = DraftStore(db)
    app = store.create([mini()])
    store.set(app, EMP, "320")
    synced = _fsyncs(monkeypatch)
    assert store.durable() is True
    assert synced == []  # the checkpoint synced the database file itself
    assert _in_main_file(db, tmp_path, "SELECT value FROM field_values") == [('"320"',)]
    store.close()


def test_closing_after_work_keeps_an_after_work_backup(tmp_path):
    db = tmp_path / "drafts.sqlite3"
    store = DraftStore(db)
    store.create([mini()])
    store.close()
    names = sorted(p.name for p in (tmp_path / "drafts.sqlite3.backups").glob("*.sqlite3"))
    assert len(names) == 1
    assert names[0].startswith("drafts-") and names[0].endswith("-after-work.sqlite3")


def test_a_durable_point_the_disk_refuses_says_so_and_is_tried_again(tmp_path):
    """A full disk at the checkpoint: the change stays committed (in the WAL), durable()
    answers False and the next natural point tries again."""
    import resource

    db = tmp_path / "d.sqlite3"
    store = DraftStore(db)
    app = store.create([mini()])
    size = db.stat().st_size
    store.set(app, ("mini", "intro"), "文" * 30000)  # pages the checkpoint must add to the file
    soft, hard = resource.getrlimit(resource.RLIMIT_FSIZE)
    resource.setrlimit(resource.RLIMIT_FSIZE, (size, hard))  # the file may not grow
    try:
        refused = store.durable()
    finally:
        resource.setrlimit(resource.RLIMIT_FSIZE, (soft, hard))
    assert refused is False and store.unsynced
    assert store.durable() is True and not store.unsynced
    assert store.values(app)[("mini", "intro")] == "文" * 30000
    store.close()


def test_a_value_that_cannot_be_saved_is_refused_in_chinese_and_nothing_is_half_written(store):
    """A lone surrogate (issue 13 item 14) cannot be written as UTF-8: the change is refused
    with a message, rolled back whole, and the store goes on working."""
    from zjtx_desktop.core.store.errors import StoreError

    app = store.create([mini()])
    store.set(app, EMP, "320")
    with pytest.raises(StoreError) as e:
        store.set(app, NAME, "A\ud800")
    assert type(e.value) is StoreError
    assert str(e.value) == "含有无法保存的字符（surrogates not allowed）：没有保存"
    assert store.values(app) == {EMP: "320"}
    assert [c.field for c in store.history(app)] == ["employees"]
    store.set(app, NAME, "恒锐")
    assert store.values(app) == {EMP: "320", NAME: "恒锐"}


def test_a_write_while_another_program_holds_the_lock_says_how_long_it_waited(
    tmp_path, monkeypatch
):
    from zjtx_desktop.core.store import database
    from zjtx_desktop.core.store.errors import DatabaseBusy

    # the connection's busy timeout, and what the message says
    monkeypatch.setattr(database, "LOCK_WAIT_S", 0.05)
    db = tmp_path / "d.sqlite3"
    store = DraftStore(db)
    app = store.create([mini()])
    other = sqlite3.connect(db, isolation_level=None)
    other.execute("BEGIN IMMEDIATE")
    try:
        with pytest.raises(DatabaseBusy) as e:
            store.set(app, EMP, "320")
    finally:
        other.execute("ROLLBACK")
        other.close()
    assert str(e.value) == (
        f"草稿数据库 {db} 正被另一个程序（另一个 zjtx 命令、专精特新申报助手窗口，"
        "或打开了这个文件的数据库工具）占用：已等待0.05秒，仍未释放。"
        "刚才的修改没有保存：请关闭占用它的程序后重试"
    )
    assert store.values(app) == {}
    store.set(app, EMP, "320")  # the lock released: the next write goes through
    assert store.values(app) == {EMP: "320"}
    store.close()
