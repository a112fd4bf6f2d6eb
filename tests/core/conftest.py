"""Fixtures shared by the core tests (defined in workspace_helpers, offered here)."""

from tests.core.workspace_helpers import packages

__all__ = ["packages"]
