"""Issue 12 start-up: the first screen (home list) does not load what it does not draw — the
engine, form validation, the self-check rules, python-stdnum (which pulls in ssl). The ratio
to a bare window is measured by tests/bench/startup.py; this test keeps the deferral."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
PROBE = (
    "import sys, json\n"
    "from zjtx_desktop.cli import main\n"
    "code = main(['gui', '--smoke'])\n"
    "print(json.dumps([code, sorted(sys.modules)]))\n"
)


def test_the_home_list_starts_without_engine_rules_or_validation(tmp_path):
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "ZJTX_DB": str(tmp_path / "s.sqlite3")}
    out = subprocess.run(
        [sys.executable, "-c", PROBE],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert out.returncode == 0, out.stderr[-2000:]
    code, modules = json.loads(out.stdout.strip().splitlines()[-1])
    assert code == 0
    loaded = set(modules)
    assert "zjtx_desktop.gui.main_window" in loaded  # the window was built
    for deferred in (
        "zjtx_desktop.core.engine.session",
        "zjtx_desktop.core.eligibility",
        "zjtx_desktop.gui.filling",
        "jsonschema",
        "stdnum",
        "ssl",
    ):
        assert deferred not in loaded, deferred
