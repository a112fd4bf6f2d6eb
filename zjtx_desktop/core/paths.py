"""Where the project's data lives: form definitions, reference data, the user's database."""

from __future__ import annotations

import os
from pathlib import Path

_ROOT = Path(__file__).resolve().parents[2]


def project_root() -> Path:
    return Path(os.environ.get("ZJTX_HOME", _ROOT))


def forms_dir() -> Path:
    return project_root() / "forms"


def resources_dir() -> Path:
    return project_root() / "resources"


def refdata_path(name: str) -> Path:
    return resources_dir() / "refdata" / name


def default_db_path() -> Path:
    """``ZJTX_DB`` if set, else the per-user data directory (platformdirs)."""
    env = os.environ.get("ZJTX_DB")
    if env:
        return Path(env)
    from platformdirs import user_data_dir

    return Path(user_data_dir("zjtx-desktop", appauthor=False)) / "drafts.sqlite3"
