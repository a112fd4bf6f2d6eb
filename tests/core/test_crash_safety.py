"""A process killed (SIGKILL) at any moment loses nothing committed and never corrupts the file."""

import os
import random
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

from tests.core.inline import mini
from zjtx_desktop.core.store.drafts import DraftStore

KILLS = 50


def test_sigkill_at_random_moments_loses_no_committed_change(tmp_path: Path):
    path = tmp_path / "crash.sqlite3"
    store = DraftStore(path)
    app = store.create([mini()])
    store.close()
    rng = random.Random(20261122)
    committed: dict[str, str] = {}
    acknowledged: set[str] = set()
    next_i = 0
    root = Path(__file__).resolve().parents[2]
    env = {**os.environ, "PYTHONPATH": str(root)}
    for _ in range(KILLS):
        proc = subprocess.Popen(
            [
                sys.executable,
                str(Path(__file__).with_name("crash_writer.py")),
                str(path),
                app,
                str(next_i),
            ],
            stdout=subprocess.PIPE,
            text=True,
            env=env,
        )
        first = proc.stdout.readline()  # wait until it is writing
        assert first.strip(), "writer did not start"
        lines = [first]
        time.sleep(rng.uniform(0, 0.05))
        proc.send_signal(signal.SIGKILL)
        out, _ = proc.communicate()
        lines += out.splitlines()
        for line in lines:
            if line.strip():
                i = int(line)
                committed[f"f{i % 50}"] = f"值{i}"
                acknowledged.add(f"值{i}")
                next_i = max(next_i, i + 1)
        next_i += 1  # the change being typed at the kill may or may not have landed
    conn = sqlite3.connect(path)
    assert conn.execute("PRAGMA integrity_check").fetchone() == ("ok",)
    stored = DraftStore(path).values(app)
    for field, value in committed.items():
        got = stored[("crash", field)]
        # the last acknowledged value, or a later one written just before the kill
        assert int(got[1:]) >= int(value[1:]), (field, got, value)
    history = {c.new for c in DraftStore(path).history(app)}
    assert acknowledged <= history  # every acknowledged change is in the change log
    assert len(acknowledged) > KILLS  # the writers really wrote between kills
