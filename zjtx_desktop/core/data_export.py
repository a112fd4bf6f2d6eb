"""DATA.json files of a stored application, as the CLI (``zjtx drafts export``) and the
window (文件 › 导出数据) write them: one file per form, values exactly as typed."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any


def data_text(app: Any, form_id: str) -> str:
    """The DATA.json text of one form of an ``OpenApplication``."""
    return json.dumps(app.data(form_id), ensure_ascii=False, indent=2)


def data_file_names(app: Any, folder: Path) -> dict[str, Path]:
    """Where each form's file goes: ``<企业名称>_<表单id>.json`` (no characters Windows refuses)."""
    name = re.sub(r'[\\/:*?"<>|\s]+', "_", app.record.name or "申报数据").strip("_") or "申报数据"
    return {f.id: folder / f"{name}_{f.id}.json" for f in app.forms}


def write_data_files(app: Any, folder: Path) -> list[Path]:
    """Write every form's DATA.json into ``folder``; returns the paths written."""
    out = []
    for form_id, path in data_file_names(app, folder).items():
        tmp = path.with_name(path.name + ".part")
        tmp.write_text(data_text(app, form_id), encoding="utf-8")
        tmp.replace(path)
        out.append(path)
    return out
