"""The workspace file: one SQLite database per (unit, programme, 批次), apart from the drafts.

It holds the unit and its submission profile, every application received (each revision's
data and the received file byte for byte), part 六 and the other values only the official
writes, comments, paper checks, 汇总表 versions and the hash-chained audit log. It is opened by
the drafts database's opener (``core/store/database.py``) as another ``Kind``: its own named
migrations and marker tables, the same refusals (damaged, another program's, newer) and
the same verified backups.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import Any

from zjtx_desktop.core.store.database import (
    MIGRATIONS_TABLE,
    Kind,
    LazyMigrations,
    StoreError,
    open_database_why,
)

migrations = LazyMigrations("zjtx-workspace")
MARK_TABLE = "workspace_meta"


class WorkspaceUnusable(Exception):
    """The file is not a workspace (or cannot be opened); the message says why, in Chinese."""


@migrations(name="w001_initial")
def _w001(db: Any) -> None:
    db.table(MARK_TABLE).create({"key": str, "value": str}, pk="key", strict=True)
    db.table("officers").create({"name": str, "added_at": str}, pk="name", strict=True)
    db.table("applications").create(
        {
            "id": str,  # application_id (the package's, or derived for a plain DATA.json)
            "enterprise": str,
            "credit_code": str,
            "programme": str,
            "revision": int,  # current revision
            "submission": str,  # current submission id
            "state": str,
            "verified": int,  # 1 signed package verified, 0 plain DATA.json (未校验来源)
            "received_at": str,
            "rank": int,
            "paper_reset": str,  # JSON list of form ids whose paper must be printed again
        },
        pk="id",
        strict=True,
    )
    db.table("submissions").create(
        {
            "id": str,  # package_id, or the SHA-256 of a DATA.json group
            "application_id": str,
            "revision": int,
            "kind": str,  # package | datafile
            "files": str,  # JSON: names as received
            "archive": str,  # JSON: SHA-256 of each archived file, in order
            "data": str,  # JSON {form_id: values as typed}
            "declarations": str,  # JSON {"RULESET:quantity": answer}
            "evidence": str,  # JSON [{path, sha256, title, item}]
            "replies": str,  # JSON [{comment_id, text}]
            "digests": str,  # JSON {form_id: sha256 of the enterprise copy}
            "signer": str,  # fingerprint, "" for a plain file
            "flags": str,  # JSON list of flag codes
            "received_at": str,
            "status": str,  # current | archived
        },
        pk="id",
        strict=True,
    )
    db.table("submissions").create_index(["application_id", "revision"])
    db.table("archive").create(
        {"sha256": str, "name": str, "size": int, "bytes": bytes}, pk="sha256", strict=True
    )
    db.table("part6").create(
        {"application_id": str, "field": str, "value": str, "updated_at": str, "actor": str},
        pk=("application_id", "field"),
        strict=True,
    )
    db.table("comments").create(
        {
            "id": int,
            "application_id": str,
            "revision": int,
            "form_id": str,  # a form id, or "evidence" / "general"
            "field_id": str,
            "slot": str,
            "file": str,  # evidence file (E003) for evidence comments
            "severity": str,  # 须修改 | 请说明 | 提示
            "text": str,
            "author": str,
            "created_at": str,
            "status": str,  # open | answered | resolved | superseded
            "supersedes": int,
            "reply": str,
            "resolved_note": str,
            "resolved_at": str,
        },
        pk="id",
        strict=True,
    )
    db.table("verdicts").create(
        {"application_id": str, "revision": int, "rules": str, "row": str},
        pk=("application_id", "revision", "rules"),
        strict=True,
    )
    db.table("paper").create(
        {
            "id": int,
            "application_id": str,
            "form_id": str,
            "revision": int,
            "digest": str,
            "at": str,
            "actor": str,
        },
        pk="id",
        strict=True,
    )
    db.table("official_cells").create(
        {"table_id": str, "row_key": str, "column": str, "value": str},
        pk=("table_id", "row_key", "column"),
        strict=True,
    )
    db.table("summaries").create(
        {
            "id": int,
            "table_id": str,
            "version": int,
            "sha256": str,
            "rows": str,  # JSON: the canonical rows
            "revisions": str,  # JSON {application_id: revision}
            "created_at": str,
            "superseded_by": int,
        },
        pk="id",
        strict=True,
    )
    db.table("audit").create(
        {
            "seq": int,
            "at": str,
            "actor": str,
            "action": str,
            "application_id": str,
            "revision": int,
            "form_id": str,
            "field_id": str,
            "slot": str,
            "old": str,
            "new": str,
            "reason": str,
            "ref": str,
            "prev_hash": str,
            "hash": str,
        },
        pk="seq",
        strict=True,
    )


@migrations(name="w002_lower_reviews")
def _w002(db: Any) -> None:
    # opinions of the lower level (county → city → province), read-only at this level
    db.table("lower_reviews").create(
        {
            "application_id": str,
            "package_id": str,
            "unit": str,
            "level": str,
            "review": str,
            "received_at": str,
        },
        pk=("application_id", "package_id"),
        strict=True,
    )


@migrations(name="w003_checks_evidence")
def _w003(db: Any) -> None:
    # 核查记录 (S5): consultations of other departments, and 佐证材料 originals seen
    db.table("verifications").create(
        {
            "id": int,
            "application_id": str,
            "channel": str,
            "date": str,
            "conclusion": str,
            "attachment": str,
            "actor": str,
            "at": str,
        },
        pk="id",
        strict=True,
    )
    db.table("originals").create(
        {"application_id": str, "evidence": str, "actor": str, "at": str},
        pk=("application_id", "evidence"),
        strict=True,
    )


@migrations(name="w004_reply_time")
def _w004(db: Any) -> None:
    # when the enterprise answered a comment (its meta/replies.json's answered_at, as its
    # clock said); '' for answers received before this version
    db.table("comments").add_column("answered_at", str, not_null_default="")


@migrations(name="w005_key_trust")
def _w005(db: Any) -> None:
    # what the official's trust store said of a package's signing key when it came in:
    # pinned | root | changed | first; '' for plain files and for packages received before
    # this version (nobody looked the key up)
    db.table("submissions").add_column("key_status", str, not_null_default="")
    # flags the official settled by a check of their own (the fingerprint on the stamped
    # paper, the 签章平台), each with the note saying what was checked
    db.table("flag_acks").create(
        {"submission_id": str, "code": str, "note": str, "actor": str, "at": str},
        pk=("submission_id", "code"),
        strict=True,
    )


WORKSPACE = Kind(
    "工作区",
    migrations,
    frozenset({MARK_TABLE, "applications", "submissions", "audit", MIGRATIONS_TABLE}),
)


def open_workspace_db(
    path: Path, create: bool = False, reading: bool = False
) -> sqlite3.Connection:
    """Open (with ``create``, create) a workspace file and bring its tables up to date, by the
    drafts database's opener: a damaged file, another program's database (a drafts database
    chosen by mistake) or one a newer version upgraded is refused before anything is written;
    a verified backup is taken before a migration and at the first open of a day.

    A file (or folder) that cannot be written is refused, since every act of the official is
    logged — unless the caller is only ``reading`` (the list, the audit check, the comments):
    then the connection is read-only (``database.is_read_only``) and a write is refused."""
    path = Path(path)
    if not create and not path.exists():
        raise WorkspaceUnusable(f"找不到工作区文件 {path}（先用 zjtx workspace init 创建）")
    try:
        conn, read_only = open_database_why(path, kind=WORKSPACE)
    except StoreError as e:
        raise WorkspaceUnusable(str(e)) from None
    if read_only is not None:
        if reading:
            return conn
        conn.close()
        raise WorkspaceUnusable(f"{read_only}（工作区须可写：每个操作都记入操作记录）")
    # the drafts relax fsync for keystrokes; a workspace's writes are few and each is an act
    conn.execute("PRAGMA synchronous=FULL")
    return conn
