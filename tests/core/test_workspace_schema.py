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


# one fixture per migration from w003 on: the file as the release before the next migration
# made it, with data (tests/core/migration_fixtures/after_<name>.sql, frozen once written)
FIXTURES = Path(__file__).with_name("migration_fixtures")


def _rows(conn: sqlite3.Connection, table: str, columns: list[str]) -> list[tuple[object, ...]]:
    cols = ", ".join(f'"{c}"' for c in columns)
    return sorted(conn.execute(f'SELECT {cols} FROM "{table}"').fetchall(), key=repr)


def test_each_later_migration_upgrades_the_previous_releases_workspace_without_loss(
    tmp_path: Path,
) -> None:
    from zjtx_desktop.core.workspace import audit
    from zjtx_desktop.core.workspace.schema import migrations

    names = migrations.names
    later = names[names.index("w003_checks_evidence") : -1]
    assert later, "w004 and later upgrade the file w003's release made"
    for before in later:
        sql = FIXTURES / f"after_{before}.sql"
        assert sql.exists(), f"add {sql.name}: the workspace as the release up to {before} made it"
        path = tmp_path / f"{before}.sqlite"
        with sqlite3.connect(path) as c:
            c.executescript(sql.read_text("utf-8"))
        c.close()
        old = sqlite3.connect(path)
        tables = [t for (t,) in old.execute("SELECT name FROM sqlite_master WHERE type='table'")
                  if t != "_sqlite_migrations"]  # fmt: skip
        columns = {t: [r[1] for r in old.execute(f'PRAGMA table_info("{t}")')] for t in tables}
        kept = {t: _rows(old, t, columns[t]) for t in tables}
        old.close()
        assert kept["comments"] and kept["audit"] and kept["verifications"]  # data to lose
        ws = Workspace(path)  # upgrades through every later migration
        try:
            assert migrations.pending(ws.conn) == []
            for t in tables:
                assert _rows(ws.conn, t, columns[t]) == kept[t], t
            assert audit.verify(ws.conn).ok
            # what the officials see of it: the states, the answers, the 核查记录
            states = {a.id: a.state for a in ws.applications()}
            assert sorted(states.values()) == ["初核中", "拟推荐"], states
            answered = [c for c in ws.comments("A1") if c.reply]
            assert [c.reply_line for c in answered] == [
                "企业答复：已按审计报告更正为26900万元",
                "企业答复：已补全第3页",
            ]
        finally:
            ws.close()
