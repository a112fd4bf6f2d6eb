"""The window's own save path survives SIGKILL (issue 13 item 10): every edit typed in a real
window — including clearing a field — is in the database when the process is killed with the
page still shown (no close, no page change, no flush), and a new window shows it."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path

from zjtx_desktop.core.forms.registry import get_form
from zjtx_desktop.core.store.drafts import DraftStore

FORM = "nat-xjr-application-2021"


def test_typed_and_cleared_fields_survive_sigkill_of_the_window(tmp_path: Path):
    db = tmp_path / "window.sqlite3"
    store = DraftStore(db)
    app_id = store.create([get_form(FORM)], name="测试企业")
    store.set(app_id, ("", "rd_staff"), "45")  # saved earlier: the window clears it
    store.close()
    script = tmp_path / "typing.tsv"
    script.write_text(
        "法定代表人\t王建国\n从业人数\t320\n其中研发人员数\t\n邮编\t130000\n", encoding="utf-8"
    )
    root = Path(__file__).resolve().parents[2]
    env = {**os.environ, "PYTHONPATH": str(root), "QT_QPA_PLATFORM": "offscreen"}
    proc = subprocess.Popen(
        [
            sys.executable,
            str(Path(__file__).with_name("window_writer.py")),
            str(db),
            app_id,
            str(script),
        ],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
    )
    try:
        line = proc.stdout.readline()
        assert line.strip() == "READY", proc.stderr.read()
    finally:
        proc.send_signal(signal.SIGKILL)
        proc.communicate(timeout=60)
    assert proc.returncode == -signal.SIGKILL
    store = DraftStore(db)  # what a restarted window reads
    values = store.values(app_id)
    assert values[("", "legal_representative")] == "王建国"
    assert values[("", "employees")] == "320"
    assert values[("", "postcode")] == "130000"
    assert ("", "rd_staff") not in values  # the cleared field is saved as cleared
    assert store.conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    store.close()
