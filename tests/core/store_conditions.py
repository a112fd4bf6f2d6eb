"""Conditions the drafts database meets on a user's machine, made for real in the test's own
process: a user without root's rights (``seteuid``, given back after the block), a file that may
not grow (``RLIMIT_FSIZE``, what ``ulimit -f`` sets: a full disk as SQLite meets it), and a folder
such a user can reach. Used by test_store_read_only.py and test_store_errors.py.
"""

from __future__ import annotations

import os
import resource
import shutil
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

NOBODY = 65534


def _can_drop_rights() -> bool:
    if os.geteuid() != 0:
        return True  # an ordinary user: permissions apply as they are
    try:
        os.seteuid(NOBODY)
    except OSError:
        return False
    os.seteuid(0)
    return True


needs_rights_dropped = pytest.mark.skipif(
    not _can_drop_rights(), reason="root cannot give up its rights here (no CAP_SETUID)"
)


@contextmanager
def unprivileged() -> Iterator[None]:
    """Run the block as a user without root's right to read and write anything (as root:
    effective uid and gid nobody, no supplementary groups; given back after the block)."""
    if os.geteuid() != 0:
        yield
        return
    groups = os.getgroups()
    os.setgroups([])
    os.setegid(NOBODY)
    os.seteuid(NOBODY)
    try:
        yield
    finally:
        os.seteuid(0)
        os.setegid(0)
        os.setgroups(groups)


@contextmanager
def file_size_limit(limit: int) -> Iterator[None]:
    """A full disk as SQLite meets it: writes past ``limit`` bytes fail with EFBIG (Python
    ignores SIGXFSZ), as under ``ulimit -f``."""
    soft, hard = resource.getrlimit(resource.RLIMIT_FSIZE)
    resource.setrlimit(resource.RLIMIT_FSIZE, (limit, hard))
    try:
        yield
    finally:
        resource.setrlimit(resource.RLIMIT_FSIZE, (soft, hard))


@contextmanager
def reachable_folder() -> Iterator[Path]:
    """A folder the unprivileged user can reach (pytest's tmp_path lies under a folder only
    root may enter)."""
    d = Path(tempfile.mkdtemp(prefix="zjtx-ro-"))
    d.chmod(0o755)
    try:
        yield d
    finally:
        for p in [d, *d.rglob("*")]:
            if p.is_dir():
                p.chmod(0o755)
        shutil.rmtree(d)
