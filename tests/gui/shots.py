"""Where GUI tests save their screenshots: ZJTX_SCREENSHOTS when set (the README's pictures,
looked at by a person), else the test's own folder (never the checkout)."""

from __future__ import annotations

import os
from pathlib import Path


def shots_dir(tmp_path: Path) -> Path:
    d = Path(os.environ.get("ZJTX_SCREENSHOTS") or tmp_path / "shots")
    d.mkdir(parents=True, exist_ok=True)
    return d
