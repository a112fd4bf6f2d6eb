"""The fault suite: SIGKILL during set, import, export and backup, and two writers at once.

Every write acknowledged (an id printed, a value reported saved) must be there afterwards,
whole; ``PRAGMA integrity_check`` must say ok; no backup with a final name may be broken and
no export may be left half-written under its own name. Read-only files and folders, a full
disk and a damaged file are in ``tests/core/test_store_faults.py`` and
``tests/core/test_store.py``. CI runs a few kills of each; ``--deep`` runs many more.
"""

from __future__ import annotations

import json
import os
import random
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.hostile.tally import count
from zjtx_desktop.core.paths import resources_dir
from zjtx_desktop.core.store.backups import backup_dir, migration_dir, newest_backup, verified
from zjtx_desktop.core.store.drafts import DraftStore

ROOT = Path(__file__).resolve().parents[2]
FORM = "nat-xjr-application-2021"
DEMO = Path(resources_dir(), "demo", f"{FORM}.json")
SUITE = "fault"
ENV = {**os.environ, "PYTHONPATH": str(ROOT)}


@pytest.fixture
def kills(request: pytest.FixtureRequest) -> int:
    return 40 if request.config.getoption("--deep") else 4


def zjtx(db: Path, *argv: str) -> list[str]:
    return [sys.executable, "-m", "zjtx_desktop", "--db", str(db), *argv]


def kill_after(cmd: list[str], delay: float) -> tuple[str, str]:
    """Start ``cmd``, SIGKILL it after ``delay`` seconds (if still running); its output."""
    out, err, _code = kill_run(cmd, delay)
    return out, err


def kill_run(cmd: list[str], delay: float) -> tuple[str, str, int]:
    count(SUITE, "cases")
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                            env=ENV)
    time.sleep(delay)
    proc.send_signal(signal.SIGKILL)
    try:
        out, err = proc.communicate(timeout=60)
    except subprocess.TimeoutExpired:
        count(SUITE, "hangs")
        raise
    if "Traceback" in err:
        count(SUITE, "crashes")
    assert "Traceback" not in err, err[-2000:]
    return out, err, proc.returncode


def integrity_ok(db: Path) -> bool:
    conn = sqlite3.connect(db)
    try:
        return conn.execute("PRAGMA integrity_check").fetchone() == ("ok",)
    finally:
        conn.close()


def enterprise_files(tmp: Path, n: int) -> dict[str, int]:
    """n DATA.json files of n enterprises (no credit code: grouped by name): name → values."""
    base = json.loads(DEMO.read_text(encoding="utf-8"))
    base["values"].pop("credit_code")
    out = {}
    for i in range(n):
        doc = json.loads(json.dumps(base))
        doc["values"]["enterprise_name"] = f"企业{i:03d}有限公司"
        (tmp / f"e{i:03d}.json").write_text(json.dumps(doc, ensure_ascii=False), "utf-8")
        out[f"企业{i:03d}有限公司"] = len(doc["values"])
    return out


def test_sigkill_during_import_leaves_every_printed_application_whole(tmp_path, kills):
    files_dir = tmp_path / "files"
    files_dir.mkdir()
    expected = enterprise_files(files_dir, 40)
    files = sorted(str(p) for p in files_dir.iterdir())
    rng = random.Random(13)
    db = tmp_path / "d.sqlite3"
    DraftStore(db).close()
    printed: set[str] = set()
    for _ in range(kills):
        out, _err = kill_after(zjtx(db, "drafts", "import", *files), rng.uniform(0.3, 2.5))
        printed |= set(out.split())
    assert integrity_ok(db)
    store = DraftStore(db)
    apps = store.list_all()
    stored = {a.id: store.values(a.id) for a in apps}
    store.close()
    for app_id in printed:
        if app_id not in stored:
            count(SUITE, "silent changes")
        assert app_id in stored  # every id printed was committed
    for a in apps:  # no application left half-imported (or empty), printed or not
        if len(stored[a.id]) != expected[a.name]:
            count(SUITE, "silent changes")
        assert len(stored[a.id]) == expected[a.name], a.name


def test_sigkill_during_export_never_leaves_a_half_file_under_its_name(tmp_path, kills):
    out = tmp_path / "申报.pdf"
    old = b"%PDF-1.4 the export the user already had\n%%EOF\n"
    out.write_bytes(old)
    rng = random.Random(17)
    for _ in range(kills):
        kill_after(
            [sys.executable, "-m", "zjtx_desktop", "export", FORM, str(DEMO), "-o", str(out),
             "--force"],
            rng.uniform(0.2, 2.0),
        )
        data = out.read_bytes()
        whole = data == old or (data.startswith(b"%PDF") and data.rstrip().endswith(b"%%EOF"))
        if not whole:
            count(SUITE, "silent changes")
        assert whole


def test_sigkill_during_backup_never_leaves_a_broken_backup_to_offer(tmp_path, kills):
    db = tmp_path / "d.sqlite3"
    writer = tmp_path / "writer.py"
    writer.write_text(
        "import sys\n"
        "from pathlib import Path\n"
        "from zjtx_desktop.core.forms.registry import get_form\n"
        "from zjtx_desktop.core.store.drafts import DraftStore\n"
        "i = 0\n"
        "while True:\n"
        "    s = DraftStore(Path(sys.argv[1]))\n"
        "    a = s.create([get_form('nat-xjr-application-2021')], name=f'企业{i}')\n"
        "    s.set(a, ('nat-xjr-application-2021', 'company_intro'), '简介' * 3000)\n"
        "    s.close()  # after-work backup, every time\n"
        "    print(a, flush=True)\n"
        "    i += 1\n",
        encoding="utf-8",
    )
    rng = random.Random(19)
    acknowledged: set[str] = set()
    for _ in range(kills):
        out, _err = kill_after([sys.executable, str(writer), str(db)], rng.uniform(0.5, 2.5))
        acknowledged |= set(out.split())
    assert integrity_ok(db)
    finals = [*backup_dir(db).glob("*.sqlite3"), *migration_dir(db).glob("*.sqlite3")]
    broken = [p for p in finals if not verified(p)]
    if broken:
        count(SUITE, "silent changes")
    assert not broken
    assert newest_backup(db) is not None
    store = DraftStore(db)
    have = {a.id for a in store.list_all()}
    store.close()
    assert acknowledged <= have


def test_two_writers_on_one_database_lose_no_update(tmp_path):
    db = tmp_path / "d.sqlite3"
    store = DraftStore(db)
    from zjtx_desktop.core.forms.registry import get_form

    app = store.create([get_form(FORM)], name="两个写入者")
    store.close()
    writer = tmp_path / "w.py"
    writer.write_text(
        "import sys\n"
        "from pathlib import Path\n"
        "from zjtx_desktop.core.store.drafts import DraftStore\n"
        "s = DraftStore(Path(sys.argv[1]))\n"
        "for i in range(60):\n"
        "    s.set(sys.argv[2], ('w', f'{sys.argv[3]}{i}'), str(i))\n"
        "    print(i, flush=True)\n"
        "s.close()\n",
        encoding="utf-8",
    )
    procs = [
        subprocess.Popen([sys.executable, str(writer), str(db), app, who], env=ENV,
                         stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        for who in ("a", "b")
    ]
    results = [p.communicate(timeout=120) for p in procs]
    count(SUITE, "cases", 2)
    for p, (_out, err) in zip(procs, results, strict=True):
        if p.returncode != 0:
            count(SUITE, "crashes")
        assert p.returncode == 0 and "Traceback" not in err, err[-2000:]
    values = DraftStore(db).values(app)
    missing = [f"{w}{i}" for w in "ab" for i in range(60) if values.get(("w", f"{w}{i}")) != str(i)]
    if missing:
        count(SUITE, "silent changes", len(missing))
    assert not missing


def test_sigkill_during_set_keeps_every_acknowledged_change(tmp_path, kills):
    """As tests/core/test_crash_safety.py, counted with the suite (through `drafts set`)."""
    db = tmp_path / "d.sqlite3"
    store = DraftStore(db)
    from zjtx_desktop.core.forms.registry import get_form

    app = store.create([get_form(FORM)], name="写入中被杀")
    store.close()
    rng = random.Random(23)
    last_acknowledged = -1
    for k in range(kills):
        _out, _err, code = kill_run(
            zjtx(db, "drafts", "set", app, f"enterprise_name=公司{k}"), rng.uniform(0.2, 1.5)
        )
        if code in (0, 1):  # ended before the kill: the change was acknowledged
            last_acknowledged = k
    assert integrity_ok(db)
    store = DraftStore(db)
    stored = store.values(app).get(("", "enterprise_name"))
    store.close()
    # the last acknowledged value, or one written later by a process killed after its commit
    allowed = {f"公司{k}" for k in range(max(last_acknowledged, 0), kills)}
    if last_acknowledged < 0:
        allowed.add(None)
    if stored not in allowed:
        count(SUITE, "silent changes")
    assert stored in allowed
