"""DATA.json: {"form": FORM_ID, "values": {field_id: value}} — read, check, and evaluate.

What a file holds is kept exactly or refused with the field named, never changed silently:
numbers keep the text they were written with, true/false, NaN, duplicate keys, documents
nested too deep and 5,000-digit integers are refused ("文件无法读取", exit 2), and every value
passes the same input rule as typing in the window (``fieldtypes.admit``).
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any

from zjtx_desktop.core.engine.session import ApplicationSession, slot_of
from zjtx_desktop.core.fieldtypes import admit
from zjtx_desktop.core.forms.loader import FormError
from zjtx_desktop.core.forms.model import FormDef
from zjtx_desktop.core.forms.registry import UnknownForm, get_form
from zjtx_desktop.core.messages import render


class DataFileError(Exception):
    """The input cannot be used at all (CLI exit code 2)."""


@dataclass
class DataFile:
    form: FormDef
    values: dict[str, Any]
    notes: list[str] = field(default_factory=list)  # what was normalised, field by field


def shown(text: str, limit: int = 60) -> str:
    """A value from a file as it may be printed in a message: never a control character or
    a lone surrogate (printing one would itself crash), never a whole page."""
    safe = text.encode("utf-8", "backslashreplace").decode("utf-8")
    safe = "".join(ch if ch.isprintable() else f"\\x{ord(ch):02x}" for ch in safe)
    return safe if len(safe) <= limit else safe[:limit] + "…"


# --- reading JSON: exactly what was written, or a clear refusal ---------------------------


class _Unreadable(ValueError):
    pass


def _number_text(literal: str) -> str:
    """A JSON number with a fraction or exponent is kept as the text written
    (3.14159265358979323846, 1e309, -0.0): a float would silently change it."""
    return literal


def _integer(literal: str) -> int | str:
    value = int(literal)  # ValueError beyond Python's 4,300-digit limit: unreadable
    return value if str(value) == literal else literal  # "-0" stays "-0"


def _constant(name: str) -> Any:
    raise _Unreadable(f"含有 {name}，JSON 数字不能是 NaN 或 Infinity")


def _no_duplicates(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for key, value in pairs:
        if key in out:
            raise _Unreadable(f"键“{shown(key)}”出现了两次，无法确定用哪一个值")
        out[key] = value
    return out


def load_json(raw: bytes | str, where: str) -> Any:
    """Parse a DATA.json document (UTF-8 with or without BOM, or UTF-16/32 with BOM).
    Anything that cannot be read exactly raises DataFileError "文件无法读取"."""
    if isinstance(raw, bytes):
        try:
            text = raw.decode(json.detect_encoding(raw))
        except UnicodeDecodeError:
            raise DataFileError(
                f"{where}文件无法读取：不是 UTF-8 编码（可能是 GBK）：请另存为 UTF-8 后再试"
            ) from None
    else:
        text = raw
    text = text.removeprefix("\ufeff")
    try:
        return json.loads(
            text,
            parse_float=_number_text,
            parse_int=_integer,
            parse_constant=_constant,
            object_pairs_hook=_no_duplicates,
        )
    except _Unreadable as e:
        raise DataFileError(f"{where}文件无法读取：{e}") from None
    except json.JSONDecodeError as e:
        raise DataFileError(
            f"{where}文件无法读取：不是有效的 JSON（第{e.lineno}行第{e.colno}列：{e.msg}）"
        ) from None
    except RecursionError:
        raise DataFileError(f"{where}文件无法读取：嵌套层数过多") from None
    except ValueError:  # int() beyond Python's digit limit
        raise DataFileError(f"{where}文件无法读取：数字的位数过多") from None
    except MemoryError:
        raise DataFileError(f"{where}文件无法读取：内容过大") from None


MAX_FILE_BYTES = 20_000_000  # a DATA.json of every form is well under 1 MB


def parse_data(obj: Any, where: str = "") -> DataFile:
    if not isinstance(obj, dict) or not isinstance(obj.get("form"), str):
        raise DataFileError(f'{where}应为 {{"form": 表单id, "values": {{…}}}}')
    try:
        form = get_form(obj["form"])
    except UnknownForm:
        raise DataFileError(
            f"{where}未知表单“{shown(obj['form'])}”：用 zjtx forms list 查看"
        ) from None
    except FormError as e:
        raise DataFileError(str(e)) from None
    values = obj.get("values", {})
    if not isinstance(values, dict):
        raise DataFileError(f"{where}values 应为对象（字段id: 值）")
    unknown = [shown(k) for k in values if k not in form.fields]
    if unknown:
        raise DataFileError(f"{where}表单 {form.id} 没有这些字段：{'、'.join(unknown[:20])}")
    kept: dict[str, Any] = {}
    notes: list[str] = []
    for k, v in values.items():
        f = form.fields[k]
        admitted = admit(v, f)
        said = [
            render(code, {"label": f.display_label, **params})
            for code, _s, params in admitted.findings
        ]
        if admitted.refused:
            raise DataFileError(f"{where}字段 {k}（{f.display_label}）：{said[0]}")
        notes += [f"{where}字段 {k}：{line}" for line in said]
        if admitted.value is not None:
            kept[k] = admitted.value
    return DataFile(form, kept, notes)


def read_data(path: Path) -> DataFile:
    where = f"{path}："
    try:
        with Path(path).open("rb") as fh:
            raw = fh.read(MAX_FILE_BYTES + 1)
    except OSError as e:
        raise DataFileError(f"{where}文件无法读取：{e.strerror}") from None
    if len(raw) > MAX_FILE_BYTES:
        raise DataFileError(f"{where}文件无法读取：超过 {MAX_FILE_BYTES // 1_000_000} MB")
    return parse_data(load_json(raw, where), where)


def read_stdin(stream: IO[str]) -> DataFile:
    """DATA.json on standard input (bytes when there are, so the encoding is detected)."""
    buffer = getattr(stream, "buffer", None)
    return parse_data(load_json(buffer.read() if buffer else stream.read(), "标准输入："))


def session_for(data: DataFile) -> ApplicationSession:
    raw = {slot_of(data.form, data.form.fields[k]): v for k, v in data.values.items()}
    return ApplicationSession([data.form], raw)
