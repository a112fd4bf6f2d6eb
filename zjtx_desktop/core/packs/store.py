"""Where installed packs live and what they hold: read without trusting the disk.

Every file is re-hashed against its pack's manifest when listed, so a file edited or
corrupted after installation is skipped (and said so) instead of being loaded.
"""

from __future__ import annotations

import hashlib
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

MANIFEST = "manifest.yaml"
KINDS = ("forms", "programmes", "criteria")


def packs_dir() -> Path:
    """``ZJTX_PACKS`` if set, else ``packs/`` in the per-user data directory (paths.py)."""
    env = os.environ.get("ZJTX_PACKS")
    if env:
        return Path(env)
    from zjtx_desktop.core.paths import user_packs_dir

    return user_packs_dir()


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


@dataclass
class InstalledPack:
    id: str
    version: str
    date: str
    title: str
    sources: list[dict[str, Any]]
    path: Path
    files: dict[str, str]  # relative path → sha256, from the manifest
    problems: list[str] = field(default_factory=list)

    @property
    def key(self) -> str:
        return f"{self.id}@{self.version}"

    def summary(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "version": self.version,
            "date": self.date,
            "title": self.title,
            "sources": self.sources,
            "files": sorted(self.files),
            "path": str(self.path),
            "problems": list(self.problems),
        }


def read_manifest(path: Path) -> dict[str, Any]:
    from zjtx_desktop.core.forms.yamlio import load_yaml

    data = load_yaml(path, path.read_text(encoding="utf-8"))
    if not isinstance(data, dict):
        raise ValueError("manifest.yaml 的顶层应为映射")
    return data


def _read_pack(d: Path) -> InstalledPack | None:
    manifest = d / MANIFEST
    if not manifest.is_file():
        return None
    try:
        m = read_manifest(manifest)
        files = {str(f["path"]): str(f["sha256"]) for f in m["files"]}
        pack = InstalledPack(
            str(m["id"]),
            str(m["version"]),
            str(m["date"]),
            str(m.get("title", "")),
            list(m.get("sources", [])),
            d,
            files,
        )
    except Exception as e:  # a damaged manifest: report it, keep the others
        return InstalledPack(d.parent.name, d.name, "", "", [], d, {}, [f"清单无法读取：{e}"])
    for rel, digest in files.items():
        p = d / rel
        try:
            ok = sha256(p.read_bytes()) == digest
        except OSError as e:
            pack.problems.append(f"{rel}：无法读取（{e}）")
            continue
        if not ok:
            pack.problems.append(f"{rel}：SHA-256 与清单不符（安装后被改动或损坏），已跳过")
    return pack


def installed_packs() -> list[InstalledPack]:
    root = packs_dir()
    if not root.is_dir():
        return []
    out = []
    for d in sorted(p for p in root.glob("*/*") if p.is_dir() and not p.name.startswith(".")):
        pack = _read_pack(d)
        if pack is not None:
            out.append(pack)
    return out


def installed_files(kind: str) -> list[tuple[InstalledPack, Path]]:
    """The installed files of one kind (forms / programmes / criteria) whose hash matches."""
    out = []
    for pack in installed_packs():
        bad = {p.split("：", 1)[0] for p in pack.problems}
        for rel in sorted(pack.files):
            if rel.startswith(f"{kind}/") and rel not in bad:
                out.append((pack, pack.path / rel))
    return out


def problems() -> list[str]:
    """Every installed pack's problems, as lines naming the pack."""
    return [f"安装包 {p.key}：{msg}" for p in installed_packs() for msg in p.problems]
