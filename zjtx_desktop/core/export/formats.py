"""The export formats, in one registry that the CLI (``zjtx export``), the window's export
dialog and the API (``api.write``) all read: a format added here is accepted by ``-o``, listed
in the CLI's help and messages, offered as a button in the dialog and written by the API.

Each format names its writer as ``"module:function"``, imported only when that format is
written (so importing the registry imports no format library), and says which of the print
options it carries out; a chosen option a format cannot carry out is said to the user as a
warning, the file is still written.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class ExportFormat:
    id: str  # "pdf": also the CLI's name of the format
    suffix: str  # ".pdf": the output file's suffix chooses the format
    name: str  # "PDF": the format in messages
    label: str  # the dialog's button: "PDF（打印、盖章用）"
    writer: str  # "zjtx_desktop.core.export.pdf:render_pdf" — (job, path, opts) -> None
    duplex: bool = False  # symmetric margins for double-sided printing
    seam_strip: bool = False  # the 骑缝章 strip at a fixed place in the page margin
    blank: bool = True  # blank forms for filling by hand (``zjtx export --blank``)
    compare: bool = False  # the side-by-side proof against the template (``--compare``)
    embeds_data: bool = False  # carries the DATA.json inside (``zjtx verify FILE``)

    @property
    def file_filter(self) -> str:
        """The save dialog's filter: ``PDF (*.pdf)``."""
        return f"{self.name} (*{self.suffix})"

    def render(self) -> Callable[..., Any]:
        module, _, function = self.writer.partition(":")
        writer: Callable[..., Any] = getattr(importlib.import_module(module), function)
        return writer


_FORMATS: dict[str, ExportFormat] = {}


def register_format(fmt: ExportFormat) -> ExportFormat:
    """Add (or replace, by suffix) a format; the registry keeps the order formats were added."""
    _FORMATS[fmt.suffix.lower()] = fmt
    return fmt


def unregister_format(suffix: str) -> None:
    _FORMATS.pop(suffix.lower(), None)


def formats() -> list[ExportFormat]:
    return list(_FORMATS.values())


def format_for(suffix: str) -> ExportFormat | None:
    """The format a file suffix names (any case), or None."""
    return _FORMATS.get(suffix.lower())


def suffixes() -> list[str]:
    return [f.suffix for f in _FORMATS.values()]


def suffix_list(joiner: str = "、", last: str = " 或 ") -> str:
    """``.pdf、.docx 或 .xlsx``: the suffixes as a message lists them."""
    items = suffixes()
    if len(items) < 2:
        return "".join(items)
    return joiner.join(items[:-1]) + last + items[-1]


def unsupported_warnings(fmt: ExportFormat, duplex: bool, seam_strip: bool) -> list[str]:
    """What the user is told when a chosen option is one this format cannot carry out."""
    out = []
    if duplex and not fmt.duplex:
        able = " 或 ".join(f.name for f in formats() if f.duplex)
        out.append(f"{fmt.name} 没有对称页边距：双面打印请导出 {able}")
    if seam_strip and not fmt.seam_strip:
        able = "/".join(f.name for f in formats() if f.seam_strip)
        unable = "/".join(f.name for f in formats() if not f.seam_strip)
        out.append(
            f"骑缝章位置条只在 {able} 中打印：{unable} 无法在页边固定位置绘制，请导出 {able}"
        )
    return out


PDF = register_format(
    ExportFormat(
        "pdf",
        ".pdf",
        "PDF",
        "PDF（打印、盖章用）",
        "zjtx_desktop.core.export.pdf:render_pdf",
        duplex=True,
        seam_strip=True,
        compare=True,
        embeds_data=True,
    )
)
WORD = register_format(
    ExportFormat(
        "docx",
        ".docx",
        "Word",
        "Word（可编辑电子版）",
        "zjtx_desktop.core.export.word:render_docx",
        duplex=True,
    )
)
EXCEL = register_format(
    ExportFormat(
        "xlsx",
        ".xlsx",
        "Excel",
        "Excel（可编辑表格）",
        "zjtx_desktop.core.export.excel:render_xlsx",
    )
)
