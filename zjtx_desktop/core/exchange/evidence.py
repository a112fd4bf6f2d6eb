"""佐证材料: files (PDF, JPG, PNG) attached to an application, each with a title and the item
of the official list it answers.

The files are stored content-addressed (``evidence/<sha256>`` in the data directory, so the
same scan attached twice is kept once) and listed in the drafts database; the booklet ends with
a 佐证材料目录 (title, item, pages, SHA-256 short code) and the exchange package carries them as
``evidence/E001.pdf`` ….
"""

from __future__ import annotations

import hashlib
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from zjtx_desktop.core.export.model import EvidenceLine
from zjtx_desktop.core.store.database import now

# 工信厅企业函〔2021〕79号 附件2 佐证材料（供参考） (004 L1484-1494)
ITEMS = {
    "附件2-1": "企业营业执照复印件",
    "附件2-2": "经会计师事务所审计的2019、2020年度会计报表和审计报告复印件",
    "附件2-3": "主导产品市场占有率或排名的佐证材料",
    "附件2-4": "与填报内容对应的其他相关佐证材料复印件",
}
MEDIA = {b"%PDF-": ("application/pdf", ".pdf"), b"\x89PNG\r\n\x1a\n": ("image/png", ".png")}
JPEG = b"\xff\xd8\xff"
MAX_SIZE = 200 * 1024 * 1024


class EvidenceError(Exception):
    """The file cannot be attached or found; the message says why, in Chinese."""


@dataclass(frozen=True)
class Evidence:
    app_id: str
    id: str  # E001 …
    sha256: str
    title: str
    item: str
    name: str  # the original file name
    media_type: str
    size: int
    pages: int
    added: str

    @property
    def suffix(self) -> str:
        return {"application/pdf": ".pdf", "image/png": ".png"}.get(self.media_type, ".jpg")

    @property
    def package_path(self) -> str:
        return f"evidence/{self.id}{self.suffix}"


def media_of(head: bytes) -> tuple[str, str] | None:
    """(media type, suffix) from the file's first bytes, not its name."""
    for magic, media in MEDIA.items():
        if head.startswith(magic):
            return media
    if head.startswith(JPEG):
        return ("image/jpeg", ".jpg")
    return None


def pdf_pages(data: bytes) -> int:
    import io

    from pypdf import PdfReader
    from pypdf.errors import PdfReadError

    try:
        return len(PdfReader(io.BytesIO(data)).pages)
    except (PdfReadError, ValueError, KeyError, OSError):
        raise EvidenceError("PDF 文件已损坏或无法读取页数") from None


def evidence_dir(store: Any) -> Path:
    return Path(store.path).parent / "evidence"


def blob_path(store: Any, sha256: str) -> Path:
    return evidence_dir(store) / sha256[:2] / sha256


def _row(r: Any) -> Evidence:
    return Evidence(*r)


_COLUMNS = "app_id, id, sha256, title, item, name, media_type, size, pages, added"


def list_evidence(store: Any, app_id: str) -> list[Evidence]:
    rows = store.conn.execute(
        f"SELECT {_COLUMNS} FROM evidence WHERE app_id=? ORDER BY id", (app_id,)
    ).fetchall()
    return [_row(r) for r in rows]


def evidence_lines(store: Any, app_id: str) -> list[EvidenceLine]:
    return [EvidenceLine(e.title, e.item, e.pages, e.sha256) for e in list_evidence(store, app_id)]


def add_evidence(store: Any, app_id: str, path: Path, title: str = "", item: str = "") -> Evidence:
    """Attach the file at ``path``; the title defaults to the file name without suffix."""
    store.get(app_id)  # NotFound for an unknown application
    try:
        size = path.stat().st_size
        if size > MAX_SIZE:
            raise EvidenceError(f"{path.name} 超过 200 MB，请压缩或拆分后再添加")
        data = path.read_bytes()
    except FileNotFoundError:
        raise EvidenceError(f"找不到文件 {path}") from None
    except IsADirectoryError:
        raise EvidenceError(f"{path.name} 是文件夹，请选择 PDF、JPG 或 PNG 文件") from None
    except OSError as e:
        raise EvidenceError(f"无法读取 {path}：{e.strerror}") from None
    media = media_of(data[:16])
    if media is None:
        raise EvidenceError(f"{path.name} 不是 PDF、JPG 或 PNG 文件：佐证材料只接受这三种格式")
    item = item.strip()
    if item and item not in ITEMS:
        raise EvidenceError(f"没有清单项“{item}”：可选 {'、'.join(ITEMS)}，或不填")
    pages = pdf_pages(data) if media[0] == "application/pdf" else 1
    sha = hashlib.sha256(data).hexdigest()
    blob = blob_path(store, sha)
    if not blob.exists():
        blob.parent.mkdir(parents=True, exist_ok=True)
        tmp = blob.with_name(blob.name + ".part")
        with open(tmp, "wb") as f:
            f.write(data)
            f.flush()
            os.fsync(f.fileno())
        tmp.replace(blob)
    title = title.strip() or path.stem
    with store.transaction():
        last = store.conn.execute(
            "SELECT id FROM evidence WHERE app_id=? ORDER BY id DESC LIMIT 1", (app_id,)
        ).fetchone()
        n = int(last[0][1:]) + 1 if last else 1
        ev = Evidence(
            app_id, f"E{n:03d}", sha, title, item, path.name, media[0], size, pages, now()
        )
        store.conn.execute(
            f"INSERT INTO evidence ({_COLUMNS}) VALUES (?,?,?,?,?,?,?,?,?,?)",
            (
                ev.app_id,
                ev.id,
                ev.sha256,
                ev.title,
                ev.item,
                ev.name,
                ev.media_type,
                ev.size,
                ev.pages,
                ev.added,
            ),
        )
        store.conn.execute(
            "INSERT INTO events (app_id, kind, at, detail) VALUES (?,?,?,?)",
            (app_id, "evidence_added", ev.added, f"{ev.id} {ev.sha256}"),
        )
    return ev


def remove_evidence(store: Any, app_id: str, evidence_id: str) -> Evidence:
    """Detach one file (its blob stays while another application still lists it)."""
    found = [e for e in list_evidence(store, app_id) if e.id == evidence_id.upper()]
    if not found:
        raise EvidenceError(f"没有佐证材料 {evidence_id}：用 zjtx evidence list 查看")
    ev = found[0]
    with store.transaction():
        store.conn.execute("DELETE FROM evidence WHERE app_id=? AND id=?", (app_id, ev.id))
        store.conn.execute(
            "INSERT INTO events (app_id, kind, at, detail) VALUES (?,?,?,?)",
            (app_id, "evidence_removed", now(), f"{ev.id} {ev.sha256}"),
        )
    still = store.conn.execute(
        "SELECT 1 FROM evidence WHERE sha256=? LIMIT 1", (ev.sha256,)
    ).fetchone()
    if still is None:
        blob_path(store, ev.sha256).unlink(missing_ok=True)
    return ev


def evidence_bytes(store: Any, ev: Evidence) -> bytes:
    """The stored file, checked against its SHA-256 (a damaged copy is never packaged)."""
    try:
        data = blob_path(store, ev.sha256).read_bytes()
    except OSError:
        raise EvidenceError(f"佐证材料 {ev.id}（{ev.title}）的文件丢失，请重新添加") from None
    if hashlib.sha256(data).hexdigest() != ev.sha256:
        raise EvidenceError(f"佐证材料 {ev.id}（{ev.title}）的文件已损坏，请重新添加")
    return data
