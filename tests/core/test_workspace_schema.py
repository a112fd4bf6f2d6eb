"""The workspace file is opened by the drafts database's opener (review D2, D8): the same
refusals — a newer version's file, a damaged one (naming the newest good backup), another
program's database — and the same verified backups, with messages that say 工作区."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from tests.core.workspace_helpers import new_workspace
from zjtx_desktop.core.store.backups import backup_dir
from zjtx_desktop.core.workspace.schema import WorkspaceUnusable
from zjtx_desktop.core.workspace.workspace import Workspace


def test_a_newer_versions_workspace_is_refused_untouched(tmp_path: Path) -> None:
    ws = new_workspace(tmp_path)
    path = ws.path
    ws.conn.execute(
        "INSERT INTO _sqlite_migrations (migration_set, name, applied_at) "
        "VALUES ('zjtx-workspace', 'w999_future', '2030-01-01')"
    )
    ws.close()
    before = path.read_bytes()
    with pytest.raises(
        WorkspaceUnusable, match="已由更新版本的专精特新申报助手升级（w999_future）"
    ):
        Workspace(path)
    assert path.read_bytes() == before


def test_a_damaged_workspace_names_its_backup(tmp_path: Path) -> None:
    ws = new_workspace(tmp_path)
    path = ws.path
    ws.close()
    Workspace(path).close()  # the first open of the day takes the daily backup
    backups = sorted(backup_dir(path).glob("*.sqlite3"))
    assert backups, "no daily backup of the workspace"
    with sqlite3.connect(backups[-1]) as b:  # the backup is a whole workspace
        assert b.execute("SELECT value FROM workspace_meta WHERE key='unit'").fetchone() == (
            "长春市工业和信息化局",
        )
    path.write_bytes(b"\0" * 4096)
    with pytest.raises(WorkspaceUnusable, match="无法读取工作区") as e:
        Workspace(path)
    assert f"最新的完好备份是 {backups[-1]}" in str(e.value)


def test_another_programs_database_is_refused(tmp_path: Path) -> None:
    other = tmp_path / "other.sqlite"
    with sqlite3.connect(other) as c:
        c.execute("CREATE TABLE customers (id INTEGER)")
    with pytest.raises(
        WorkspaceUnusable, match="这不是专精特新申报助手的工作区（其中的表：customers）"
    ):
        Workspace(other)
