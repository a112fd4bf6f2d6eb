"""CLI commands: export (being built)."""

from __future__ import annotations

from typing import Any


def register(sub: Any) -> None:
    """Add this module's sub-commands (none yet)."""
