"""Where the application's data lives.

Shipped data — form definitions (``forms/``) and reference data, fonts and demo data
(``resources/``) — has ONE root, :func:`data_root`, decided once by this rule:

1. ``ZJTX_HOME`` if set: a directory holding ``forms/`` and ``resources/`` (to try edited forms).
2. ``zjtx_desktop/_data/`` inside the imported package, found with ``importlib.resources``: a wheel
   or a plain ``pip install .`` (setup.py maps the top-level ``forms/`` and ``resources/`` there)
   and the PyInstaller build (the spec collects the installed package's data files).
3. The source checkout, the directory above ``zjtx_desktop/``: running from the repository or an
   editable install, where the data stays where the client keeps it (top level).

User data — the drafts database, user-installed rule packs — lives in the per-user data
directory (platformdirs), never inside the package (which may be read-only or replaced).
"""

from __future__ import annotations

import os
from functools import cache
from importlib.resources import files
from pathlib import Path

APP_NAME = "zjtx-desktop"
# The two directories every data root holds; a candidate without them is not a data root.
_DATA_DIRS = ("forms", "resources")


class DataRootMissing(RuntimeError):
    """No candidate holds forms/ and resources/: a broken install, said plainly."""


def _is_data_root(path: Path) -> bool:
    return all((path / d).is_dir() for d in _DATA_DIRS)


def _candidates(env: str | None) -> list[tuple[str, Path]]:
    out: list[tuple[str, Path]] = []
    if env:
        return [("ZJTX_HOME", Path(env))]
    package = files("zjtx_desktop")
    # On disk for every supported install (wheel, pip install ., PyInstaller's _internal/);
    # a zip import would give another Traversable, which we do not support.
    if isinstance(package, Path):
        out.append(("package", package / "_data"))
        out.append(("checkout", package.parent))
    return out


def _resolved() -> tuple[str, Path]:
    return _resolve(os.environ.get("ZJTX_HOME"))


@cache  # asked on every form and reference-data load; the answer only changes with ZJTX_HOME
def _resolve(env: str | None) -> tuple[str, Path]:
    tried = _candidates(env)
    for how, path in tried:
        if _is_data_root(path):
            return how, path.resolve()
    listed = "；".join(f"{how}: {path}" for how, path in tried) or "（无）"
    raise DataRootMissing(f"找不到程序数据（forms/ 与 resources/），安装不完整。已查找：{listed}")


def data_root() -> Path:
    """The directory holding ``forms/`` and ``resources/`` (see the module docstring)."""
    return _resolved()[1]


def data_root_kind() -> str:
    """How the data root was found: ``ZJTX_HOME``, ``package`` or ``checkout`` (for 关于)."""
    return _resolved()[0]


def project_root() -> Path:
    """Kept for callers written before installs existed: the data root."""
    return data_root()


def forms_dir() -> Path:
    return data_root() / "forms"


def resources_dir() -> Path:
    return data_root() / "resources"


def refdata_path(name: str) -> Path:
    return resources_dir() / "refdata" / name


def user_data_dir() -> Path:
    """The per-user data directory (``ZJTX_USER_DATA`` overrides it, e.g. for tests)."""
    env = os.environ.get("ZJTX_USER_DATA")
    if env:
        return Path(env)
    from platformdirs import user_data_dir as platform_user_data_dir

    return Path(platform_user_data_dir(APP_NAME, appauthor=False))


def user_packs_dir() -> Path:
    """Where rule packs the user installs go (``zjtx packs install``): outside the package."""
    return user_data_dir() / "packs"


def default_db_path() -> Path:
    """``ZJTX_DB`` if set, else ``drafts.sqlite3`` in the per-user data directory."""
    env = os.environ.get("ZJTX_DB")
    if env:
        return Path(env)
    return user_data_dir() / "drafts.sqlite3"
