"""Exports of every demo form, written once per test session."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.export.readback import demo_ids, demo_session
from zjtx_desktop.core.export.api import ExportResult, export_session
from zjtx_desktop.core.export.model import ExportOptions


@pytest.fixture(scope="session")
def exports(tmp_path_factory: pytest.TempPathFactory) -> dict[tuple[str, str], ExportResult]:
    out_dir: Path = tmp_path_factory.mktemp("exports")
    results = {}
    for form_id in demo_ids():
        _, session, _ = demo_session(form_id)
        for ext in ("pdf", "docx", "xlsx"):
            path = out_dir / f"{form_id}.{ext}"
            results[(form_id, ext)] = export_session(session, path, ExportOptions(app_id="demo"))
    return results
