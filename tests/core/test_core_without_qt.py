"""The core runs without Qt: importing all of it loads no PySide6."""

import subprocess
import sys

CODE = """
import pkgutil, importlib, sys
import zjtx_desktop.core as core
for m in pkgutil.walk_packages(core.__path__, 'zjtx_desktop.core.'):
    importlib.import_module(m.name)
import zjtx_desktop.cli
bad = sorted(m for m in sys.modules if m.startswith(('PySide6', 'shiboken6')))
print(bad)
sys.exit(1 if bad else 0)
"""


def test_core_imports_no_qt():
    r = subprocess.run([sys.executable, "-c", CODE], capture_output=True, text=True)
    assert r.returncode == 0, r.stdout + r.stderr
