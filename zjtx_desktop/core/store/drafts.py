"""Drafts: applications, their raw values, the change log (history, undo/redo) and 说明.

Every accepted change is one transaction (value + change record), committed at once.
Values are stored as JSON of exactly what was typed.

Durability (``database.py``: WAL, ``synchronous=NORMAL``): a committed change survives the
application being killed at once. Surviving power loss needs an fsync, which per keystroke
cost more than the rest of the keystroke; so typing, undo/redo and 说明 commit without one,
and ``durable()`` (a checkpoint) is called at natural points — leaving a field or part, a
pause in typing, export, close — while every other write (a new application, 定稿, an
import, a rename …) is made durable as it commits.
"""

from __future__ import annotations

import json
import os
import sqlite3
import uuid
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from zjtx_desktop.core.forms.model import FormDef
from zjtx_desktop.core.refs import Slot as Slot
from zjtx_desktop.core.refs import slot as make_slot
from zjtx_desktop.core.store.backups import take_backup
from zjtx_desktop.core.store.database import (
    DRAFTS,
    immediate_transaction,
    is_read_only,
    now,
    open_database_why,
)
from zjtx_desktop.core.store.errors import ReadOnlyStore

EDITS = ("edit", "typing")  # what a user did (undoable); "typing" continues an edit's step


@dataclass(frozen=True)
class AppRecord:
    id: str
    name: str
    programme: str
    status: str
    created: str
    updated: str
    forms: tuple[tuple[str, str], ...]  # (form id, form version) in order


@dataclass(frozen=True)
class Change:
    id: int
    scope: str
    field: str
    old: Any
    new: Any
    at: str
    kind: str


class NotFound(KeyError):
    pass


def _dump(v: Any) -> str | None:
    return None if v is None else json.dumps(v, ensure_ascii=False)


def _load(s: str | None) -> Any:
    return None if s is None else json.loads(s)


class DraftStore:
    """The drafts of one database file. Every write is one transaction; a failure (locked
    after a bounded wait, full disk, read-only file) rolls it back and raises a ``StoreError``
    with a Chinese message. A read-only file still reads and exports (``read_only``)."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.conn, self._why_read_only = open_database_why(path)
        self.read_only = is_read_only(self.conn)
        self._wrote = False
        self._unsynced = False  # committed since the last durable point (see ``durable``)

    @property
    def read_only_reason(self) -> str:
        """Why writes are refused, in Chinese ("" when the store can be written): the window
        shows it in its 只读 banner."""
        if not self.read_only:
            return ""
        why = self._why_read_only
        return str(why) if why else f"草稿数据库 {self.path} 是只读的：可以查看和导出，不能修改"

    def close(self) -> None:
        """Close; after a session that changed something, back up (verified, never in place
        of a good backup; a failure to back up never stops the close)."""
        self.durable()
        if self._wrote and not self.read_only:
            take_backup(self.conn, self.path, "after-work")
            self._wrote = False
        self.conn.close()

    @property
    def unsynced(self) -> bool:
        """Changes committed since the last durable point (safe from a killed application,
        not yet from power loss)."""
        return self._unsynced

    def durable(self) -> bool:
        """Make every committed change survive power loss too: a checkpoint syncs the WAL and
        then the database file. Cheap when nothing is pending. A checkpoint another reader
        holds back syncs the WAL file itself instead. Never raises: the changes are committed
        either way; False (tried again at the next natural point) when the disk refused."""
        if not self._unsynced or self.read_only:
            return True
        try:
            busy, log, done = self.conn.execute("PRAGMA wal_checkpoint(PASSIVE)").fetchone()
            if busy or done < log:  # a reader holds older frames: sync the WAL as it is
                fd = os.open(self.path.with_name(self.path.name + "-wal"), os.O_RDWR)
                try:
                    os.fsync(fd)
                finally:
                    os.close(fd)
        except (sqlite3.Error, OSError):
            return False
        self._unsynced = False
        return True

    @contextmanager
    def transaction(self, durable: bool = True) -> Iterator[None]:
        """One transaction; with ``durable`` it is also synced to disk before returning (see
        ``durable``), without it only committed (the per-keystroke writes)."""
        if self.read_only:
            raise self._why_read_only or ReadOnlyStore(
                f"草稿数据库 {self.path} 是只读的（文件或所在文件夹不可写）："
                "可以查看和导出，不能修改"
            )
        with immediate_transaction(self.conn, self.path, DRAFTS.label):
            yield
        self._wrote = True
        self._unsynced = True
        if durable:
            self.durable()

    # --- applications -------------------------------------------------------------------

    def create(
        self,
        forms: Sequence[FormDef],
        name: str = "",
        programme: str = "",
        values: dict[Slot, Any] | None = None,
        explanations: dict[tuple[str, str, str, str], str] | None = None,
        event: tuple[str, str] = ("created", ""),
    ) -> str:
        """A new application, with ``values`` (an import, a copy, last year's figures), its
        ``explanations`` and the ``event`` that records where it came from, all in one
        transaction: a failure half-way (full disk, locked, killed process) leaves no empty
        or half-copied application behind."""
        app_id = uuid.uuid4().hex[:12]
        t = now()
        with self.transaction():
            self.conn.execute(
                "INSERT INTO applications VALUES (?,?,?,?,?,?)",
                (app_id, name, programme, "draft", t, t),
            )
            for i, f in enumerate(forms):
                self.conn.execute(
                    "INSERT INTO app_forms VALUES (?,?,?,?)", (app_id, f.id, f.version, i)
                )
            self.conn.execute(
                "INSERT INTO events (app_id, kind, at, detail) VALUES (?,?,?,?)",
                (app_id, event[0], t, event[1]),
            )
            for slot, v in (values or {}).items():
                self._write(app_id, slot, v, "import", t)
            for key, text in (explanations or {}).items():
                self._explain(app_id, key, text)
        return app_id

    def get(self, app_id: str) -> AppRecord:
        row = self.conn.execute(
            "SELECT id, name, programme, status, created, updated FROM applications WHERE id=?",
            (app_id,),
        ).fetchone()
        if row is None:
            raise NotFound(app_id)
        forms = tuple(
            (r[0], r[1])
            for r in self.conn.execute(
                "SELECT form_id, form_version FROM app_forms WHERE app_id=? ORDER BY position",
                (app_id,),
            )
        )
        return AppRecord(row[0], row[1], row[2], row[3], row[4], row[5], forms)

    def find(self, prefix: str) -> str:
        """Full id from a unique prefix (ids are long to type)."""
        rows = self.conn.execute(
            "SELECT id FROM applications WHERE id LIKE ? || '%'", (prefix,)
        ).fetchall()
        if len(rows) != 1:
            raise NotFound(prefix)
        return str(rows[0][0])

    def list_all(self) -> list[AppRecord]:
        ids = [r[0] for r in self.conn.execute("SELECT id FROM applications ORDER BY updated DESC")]
        return [self.get(i) for i in ids]

    def rename(self, app_id: str, name: str) -> None:
        with self.transaction():
            self.conn.execute("UPDATE applications SET name=? WHERE id=?", (name, app_id))

    def delete(self, app_id: str) -> None:
        with self.transaction():
            tables = ("field_values", "changes", "explanations", "events", "evidence", "app_forms")
            for table in tables:
                self.conn.execute(f"DELETE FROM {table} WHERE app_id=?", (app_id,))
            self.conn.execute("DELETE FROM applications WHERE id=?", (app_id,))

    def set_status(self, app_id: str, status: str, detail: str = "") -> None:
        t = now()
        kind = {"final": "finalised", "draft": "reopened"}[status]
        with self.transaction():
            self.conn.execute(
                "UPDATE applications SET status=?, updated=? WHERE id=?", (status, t, app_id)
            )
            self.conn.execute(
                "INSERT INTO events (app_id, kind, at, detail) VALUES (?,?,?,?)",
                (app_id, kind, t, detail),
            )

    def log(self, app_id: str, kind: str, detail: str = "") -> None:
        """Record an event in the application's history (copied, carried, migrated …)."""
        with self.transaction():
            self.conn.execute(
                "INSERT INTO events (app_id, kind, at, detail) VALUES (?,?,?,?)",
                (app_id, kind, now(), detail),
            )

    def set_form_version(self, app_id: str, form_id: str, version: str) -> None:
        """The form version an application is now filled against (after a migration)."""
        self.migrate(app_id, {form_id: version})

    def migrate(self, app_id: str, versions: dict[str, str], detail: str | None = None) -> None:
        """The form versions an application is now filled against, and (with ``detail``) the
        "migrated" event, in one transaction: a refused write leaves it wholly as it was."""
        with self.transaction():
            for form_id, version in versions.items():
                self.conn.execute(
                    "UPDATE app_forms SET form_version=? WHERE app_id=? AND form_id=?",
                    (version, app_id, form_id),
                )
            if detail is not None:
                self.conn.execute(
                    "INSERT INTO events (app_id, kind, at, detail) VALUES (?,?,?,?)",
                    (app_id, "migrated", now(), detail),
                )

    def add_form(self, app_id: str, form: FormDef, detail: str = "") -> None:
        """Add ``form`` (at its version) after the application's forms; its fields that name
        a fact already stored (企业名称, 各年营业收入 …) read that value, nothing is copied."""
        t = now()
        with self.transaction():
            (last,) = self.conn.execute(
                "SELECT COALESCE(MAX(position), -1) FROM app_forms WHERE app_id=?", (app_id,)
            ).fetchone()
            self.conn.execute(
                "INSERT INTO app_forms VALUES (?,?,?,?)", (app_id, form.id, form.version, last + 1)
            )
            self.conn.execute("UPDATE applications SET updated=? WHERE id=?", (t, app_id))
            self.conn.execute(
                "INSERT INTO events (app_id, kind, at, detail) VALUES (?,?,?,?)",
                (app_id, "form_added", t, detail or f"{form.id} v{form.version}"),
            )

    def events(self, app_id: str) -> list[tuple[str, str, str]]:
        return [
            (r[0], r[1], r[2])
            for r in self.conn.execute(
                "SELECT kind, at, detail FROM events WHERE app_id=? ORDER BY id", (app_id,)
            )
        ]

    # --- values -------------------------------------------------------------------------

    def values(self, app_id: str) -> dict[Slot, Any]:
        return {
            make_slot(r[0], r[1]): _load(r[2])
            for r in self.conn.execute(
                "SELECT scope, field, value FROM field_values WHERE app_id=?", (app_id,)
            )
        }

    def _write(self, app_id: str, slot: Slot, new: Any, kind: str, t: str) -> Any:
        scope, field = slot
        row = self.conn.execute(
            "SELECT value FROM field_values WHERE app_id=? AND scope=? AND field=?",
            (app_id, scope, field),
        ).fetchone()
        old = None if row is None else _load(row[0])
        if old == new:
            return old
        if new is None:
            self.conn.execute(
                "DELETE FROM field_values WHERE app_id=? AND scope=? AND field=?",
                (app_id, scope, field),
            )
        else:
            self.conn.execute(
                "INSERT INTO field_values VALUES (?,?,?,?,?) "
                "ON CONFLICT(app_id, scope, field) DO UPDATE SET value=excluded.value, "
                "updated=excluded.updated",
                (app_id, scope, field, _dump(new), t),
            )
        self.conn.execute(
            "INSERT INTO changes (app_id, scope, field, old, new, at, kind, undone) "
            "VALUES (?,?,?,?,?,?,?,0)",
            (app_id, scope, field, _dump(old), _dump(new), t, kind),
        )
        self.conn.execute("UPDATE applications SET updated=? WHERE id=?", (t, app_id))
        return old

    def set(
        self, app_id: str, slot: Slot, new: Any, kind: str = "edit", burst: bool = False
    ) -> str:
        """Store one change and commit it; returns the time it was saved. With ``burst`` an
        edit that directly follows a live edit of the same slot continues that undo step
        (recorded as kind "typing"): a typing burst in one field is undone as one step."""
        t = now()
        with self.transaction(durable=False):
            if kind == "edit" and burst and self._continues(app_id, slot):
                kind = "typing"
            self._write(app_id, slot, new, kind, t)
            if kind in EDITS:  # a new edit ends the redo chain
                self.conn.execute(
                    "UPDATE changes SET undone=-1 WHERE app_id=? AND undone>0", (app_id,)
                )
        return t

    def _continues(self, app_id: str, slot: Slot) -> bool:
        last = self.conn.execute(
            "SELECT scope, field, kind, undone FROM changes WHERE app_id=? "
            "ORDER BY id DESC LIMIT 1",
            (app_id,),
        ).fetchone()
        return last is not None and (last[0], last[1]) == slot and last[2] in EDITS and last[3] == 0

    def set_many(self, app_id: str, values: dict[Slot, Any], kind: str = "import") -> str:
        t = now()
        with self.transaction():
            for slot, v in values.items():
                self._write(app_id, slot, v, kind, t)
        return t

    # --- history, undo, redo ------------------------------------------------------------

    def history(self, app_id: str, slot: Slot | None = None) -> list[Change]:
        sql = "SELECT id, scope, field, old, new, at, kind FROM changes WHERE app_id=?"
        args: list[Any] = [app_id]
        if slot is not None:
            sql += " AND scope=? AND field=?"
            args += list(slot)
        rows = self.conn.execute(sql + " ORDER BY id", args)
        return [Change(r[0], r[1], r[2], _load(r[3]), _load(r[4]), r[5], r[6]) for r in rows]

    def _change(self, r: Sequence[Any]) -> Change:
        return Change(r[0], r[1], r[2], _load(r[3]), _load(r[4]), r[5], r[6])

    def _step_start(self, app_id: str, latest: Change) -> int:
        """The id of the first change of the undo step ending with ``latest``: the edit that
        began its typing burst (the burst's changes directly precede it, same slot, kind
        "typing"). One query, not one per keystroke: a paragraph typed is hundreds of rows,
        and the window asks this after every keystroke (the undo button's tooltip)."""
        if latest.kind != "typing":
            return latest.id
        edge = self.conn.execute(
            "SELECT id, scope, field FROM changes WHERE app_id=? AND id<? "
            "AND NOT (scope=? AND field=? AND kind='typing') ORDER BY id DESC LIMIT 1",
            (app_id, latest.id, latest.scope, latest.field),
        ).fetchone()
        if edge is None:  # the burst goes back to the first change
            first = self.conn.execute(
                "SELECT MIN(id) FROM changes WHERE app_id=?", (app_id,)
            ).fetchone()[0]
            return int(first)
        if (edge[1], edge[2]) == (latest.scope, latest.field):
            return int(edge[0])  # the edit that began the burst
        return int(
            self.conn.execute(
                "SELECT MIN(id) FROM changes WHERE app_id=? AND id>?", (app_id, edge[0])
            ).fetchone()[0]
        )

    def _step(self, app_id: str, latest: Change) -> list[Change]:
        """The undo step ending with ``latest``: with the typing burst before it, newest first."""
        rows = self.conn.execute(
            "SELECT id, scope, field, old, new, at, kind FROM changes "
            "WHERE app_id=? AND id>=? AND id<=? ORDER BY id DESC",
            (app_id, self._step_start(app_id, latest), latest.id),
        )
        return [self._change(r) for r in rows]

    def undo_step(
        self, app_id: str, allowed: Callable[[Slot], bool] | None = None
    ) -> Change | None:
        """The step ``undo`` would take back (its slot, and the value before it), or None."""
        live = self.conn.execute(
            "SELECT id, scope, field, old, new, at, kind FROM changes "
            "WHERE app_id=? AND kind IN ('edit','typing','redo') AND undone=0 ORDER BY id DESC",
            (app_id,),
        )
        for r in live:
            ch = self._change(r)
            if allowed is None or allowed(make_slot(ch.scope, ch.field)):
                start = self._step_start(app_id, ch)
                old = ch.old if start == ch.id else self._by_id(start).old
                return Change(ch.id, ch.scope, ch.field, old, ch.new, ch.at, ch.kind)
        return None

    def undo(self, app_id: str, allowed: Callable[[Slot], bool] | None = None) -> Change | None:
        """Revert the latest live step (a typing burst counts as one) whose slot ``allowed``
        accepts; returns it (its slot, the value before the step and after) or None."""
        with self.transaction(durable=False):
            latest = self.undo_step(app_id, allowed)
            if latest is None:
                return None
            self._write(app_id, make_slot(latest.scope, latest.field), latest.old, "undo", now())
            ids = [c.id for c in self._step(app_id, self._by_id(latest.id))]
            mark = self.conn.execute(
                "SELECT MAX(0, MAX(undone)) + 1 FROM changes WHERE app_id=?", (app_id,)
            ).fetchone()[0]
            self.conn.executemany(
                "UPDATE changes SET undone=? WHERE id=?", [(mark, i) for i in ids]
            )
        return latest

    def _by_id(self, change_id: int) -> Change:
        r = self.conn.execute(
            "SELECT id, scope, field, old, new, at, kind FROM changes WHERE id=?", (change_id,)
        ).fetchone()
        return self._change(r)

    def redo_step(self, app_id: str) -> Change | None:
        """The step ``redo`` would restore (its slot, the value before it and after), or None."""
        rows = self.conn.execute(
            "SELECT id, scope, field, old, new, at, kind FROM changes WHERE app_id=? AND undone="
            "(SELECT MAX(undone) FROM changes WHERE app_id=? AND undone>0) ORDER BY id",
            (app_id, app_id),
        ).fetchall()
        if not rows:
            return None
        first, last = self._change(rows[0]), self._change(rows[-1])
        return Change(last.id, last.scope, last.field, first.old, last.new, last.at, last.kind)

    def redo(self, app_id: str) -> Change | None:
        with self.transaction(durable=False):
            step = self.redo_step(app_id)
            if step is None:
                return None
            self.conn.execute(
                "UPDATE changes SET undone=-1 WHERE app_id=? AND undone="
                "(SELECT MAX(undone) FROM changes WHERE app_id=?)",
                (app_id, app_id),
            )
            self._write(app_id, make_slot(step.scope, step.field), step.new, "redo", now())
        return step

    # --- 说明 (explanations that let a warning stand) --------------------------------------

    def explanations(self, app_id: str) -> dict[tuple[str, str, str, str], str]:
        return {
            (r[0], r[1], r[2], r[3]): r[4]
            for r in self.conn.execute(
                "SELECT form_id, field, code, rule, text FROM explanations WHERE app_id=?",
                (app_id,),
            )
        }

    def explain(self, app_id: str, key: tuple[str, str, str, str], text: str) -> None:
        with self.transaction(durable=False):  # saved per keystroke, like a field
            self._explain(app_id, key, text)

    def _explain(self, app_id: str, key: tuple[str, str, str, str], text: str) -> None:
        if text.strip():
            self.conn.execute(
                "INSERT INTO explanations VALUES (?,?,?,?,?,?,?) ON CONFLICT DO UPDATE "
                "SET text=excluded.text, updated=excluded.updated",
                (app_id, *key, text, now()),
            )
        else:
            self.conn.execute(
                "DELETE FROM explanations WHERE app_id=? AND form_id=? AND field=? "
                "AND code=? AND rule=?",
                (app_id, *key),
            )
