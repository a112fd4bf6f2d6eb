"""DATA.json: {"form": FORM_ID, "values": {field_id: value}} — read, check, and evaluate."""

from __future__ import annotations

import json
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Any

from zjtx_desktop.core.engine.session import ApplicationSession, slot_of
from zjtx_desktop.core.forms.loader import FormError
from zjtx_desktop.core.forms.model import FormDef
from zjtx_desktop.core.forms.registry import UnknownForm, get_form


class DataFileError(Exception):
    """The input cannot be used at all (CLI exit code 2)."""


@dataclass
class DataFile:
    form: FormDef
    values: dict[str, Any]


def _normalise(v: Any) -> Any:
    """JSON numbers keep their exact decimal text; lists stay lists."""
    if isinstance(v, float):
        return str(Decimal(str(v)))
    if isinstance(v, bool):
        return "是" if v else "否"
    return v


def parse_data(obj: Any, where: str = "") -> DataFile:
    if not isinstance(obj, dict) or not isinstance(obj.get("form"), str):
        raise DataFileError(f'{where}应为 {{"form": 表单id, "values": {{…}}}}')
    try:
        form = get_form(obj["form"])
    except UnknownForm:
        raise DataFileError(f"{where}未知表单“{obj['form']}”：用 zjtx forms list 查看") from None
    except FormError as e:
        raise DataFileError(str(e)) from None
    values = obj.get("values", {})
    if not isinstance(values, dict):
        raise DataFileError(f"{where}values 应为对象（字段id: 值）")
    unknown = [k for k in values if k not in form.fields]
    if unknown:
        raise DataFileError(f"{where}表单 {form.id} 没有这些字段：{'、'.join(unknown)}")
    bad = [k for k, v in values.items() if isinstance(v, dict)]
    if bad:
        raise DataFileError(f"{where}这些字段的值不能是对象：{'、'.join(bad)}")
    return DataFile(form, {k: _normalise(v) for k, v in values.items()})


def read_data(path: Path) -> DataFile:
    try:
        obj = json.loads(Path(path).read_text(encoding="utf-8"))
    except OSError as e:
        raise DataFileError(f"无法读取 {path}：{e.strerror}") from None
    except (json.JSONDecodeError, UnicodeDecodeError) as e:
        raise DataFileError(f"{path} 不是有效的 JSON：{e}") from None
    return parse_data(obj, f"{path}：")


def session_for(data: DataFile) -> ApplicationSession:
    raw = {slot_of(data.form, data.form.fields[k]): v for k, v in data.values.items()}
    return ApplicationSession([data.form], raw)
