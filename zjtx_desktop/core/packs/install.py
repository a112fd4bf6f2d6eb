"""Build, install and remove packs. Everything is checked before anything is written."""

from __future__ import annotations

import io
import shutil
import stat
import tempfile
import zipfile
from pathlib import Path
from typing import Any

from zjtx_desktop.core.packs.store import (
    KINDS,
    MANIFEST,
    installed_packs,
    packs_dir,
    read_manifest,
    sha256,
)

MAX_FILES = 200
MAX_BYTES = 20 * 1024 * 1024  # uncompressed: definitions are small; a zip bomb is not


class PackError(Exception):
    """A pack that cannot be installed (or removed), with every reason in Chinese."""

    def __init__(self, problems: list[str]) -> None:
        self.problems = problems
        super().__init__("\n".join(problems))


# --- building ---------------------------------------------------------------------------


def build_pack(
    out: Path, meta: dict[str, Any], files: list[Path], kinds: dict[Path, str] | None = None
) -> Path:
    """Write a pack: ``meta`` (id, version, date, title, sources) + the files with their hashes.

    A file goes under ``criteria/`` when its parent directory is named ``criteria``, under
    ``programmes/`` when it is a programme file, else under ``forms/`` (or as ``kinds`` says).
    """
    import yaml

    entries = []
    blobs = []
    for f in files:
        kind = (kinds or {}).get(f) or _kind_of(f)
        rel = f"{kind}/{f.name}"
        data = f.read_bytes()
        entries.append({"path": rel, "sha256": sha256(data)})
        blobs.append((rel, data))
    manifest = {**meta, "files": entries}
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr(MANIFEST, yaml.safe_dump(manifest, allow_unicode=True, sort_keys=False))
        for rel, data in blobs:
            z.writestr(rel, data)
    return out


def _kind_of(f: Path) -> str:
    if f.parent.name == "criteria":
        return "criteria"
    if f.parent.name == "programmes":
        return "programmes"
    return "forms"


# --- checking ---------------------------------------------------------------------------


def _outside(name: str) -> bool:
    """True for a member name that would land outside the pack directory."""
    if not name or name.startswith(("/", "\\")) or "\\" in name:
        return True
    parts = name.split("/")
    return ":" in parts[0] or any(p in ("", ".", "..") for p in parts)


def _read_zip(path: Path) -> tuple[dict[str, Any], dict[str, bytes]]:
    """The manifest and the members' bytes; PackError for anything unsafe or malformed."""
    try:
        z = zipfile.ZipFile(path)
    except (OSError, zipfile.BadZipFile) as e:
        raise PackError([f"{path.name}：不是有效的安装包（zip）文件：{e}"]) from None
    problems: list[str] = []
    blobs: dict[str, bytes] = {}
    with z:
        infos = z.infolist()
        if len(infos) > MAX_FILES:
            raise PackError([f"安装包文件过多（{len(infos)} 个，上限 {MAX_FILES}）"])
        if sum(i.file_size for i in infos) > MAX_BYTES:
            raise PackError([f"安装包解压后超过 {MAX_BYTES // 1024 // 1024}MB，拒绝安装"])
        for info in infos:
            name = info.filename
            if info.is_dir():
                if _outside(name.rstrip("/")):
                    problems.append(f"“{name}”：路径在安装包之外，拒绝安装")
                continue
            if _outside(name):
                problems.append(f"“{name}”：路径在安装包之外，拒绝安装")
                continue
            if stat.S_ISLNK(info.external_attr >> 16):
                problems.append(f"“{name}”：安装包中不能有符号链接")
                continue
            if name in blobs:
                problems.append(f"“{name}”：安装包中重复出现")
                continue
            try:
                blobs[name] = z.read(info)
            except (zipfile.BadZipFile, OSError, RuntimeError) as e:
                problems.append(f"“{name}”：无法读取：{e}")
    if problems:
        raise PackError(problems)
    if MANIFEST not in blobs:
        raise PackError([f"安装包缺少 {MANIFEST}（清单）"])
    return _manifest(blobs.pop(MANIFEST)), blobs


def _manifest(data: bytes) -> dict[str, Any]:
    import json

    from jsonschema import Draft202012Validator

    from zjtx_desktop.core.forms.loader import FormError, _key_path
    from zjtx_desktop.core.paths import forms_dir

    with tempfile.TemporaryDirectory() as d:
        p = Path(d) / MANIFEST
        p.write_bytes(data)
        try:
            m = read_manifest(p)
        except (FormError, ValueError, UnicodeDecodeError) as e:
            raise PackError([f"清单有误：{e}"]) from None
    schema = json.loads((forms_dir() / "pack.schema.json").read_text(encoding="utf-8"))
    errors = sorted(Draft202012Validator(schema).iter_errors(m), key=lambda e: list(e.path))
    if errors:
        raise PackError(
            [f"清单 {_key_path(e.absolute_path) or '(root)'}：{e.message}" for e in errors]
        )
    return m


def _check_files(m: dict[str, Any], blobs: dict[str, bytes]) -> list[str]:
    problems = []
    listed = {f["path"]: f["sha256"] for f in m["files"]}
    if len(listed) != len(m["files"]):
        problems.append("清单中有重复的文件")
    for rel, digest in listed.items():
        if rel not in blobs:
            problems.append(f"{rel}：清单列出但安装包中没有")
        elif sha256(blobs[rel]) != digest:
            problems.append(f"{rel}：SHA-256 与清单不符（文件被改动或损坏）")
    for rel in blobs:
        if rel not in listed:
            problems.append(f"{rel}：不在清单中")
    return problems


def _check_definitions(staged: Path, m: dict[str, Any]) -> list[str]:
    """Load every file the way the app will, with the pack's own forms and programmes known."""
    from zjtx_desktop.core.eligibility.loader import all_versions, load_ruleset
    from zjtx_desktop.core.forms.loader import FormError, load_form
    from zjtx_desktop.core.forms.registry import form_versions, programme_ids

    problems: list[str] = []
    forms: dict[str, Any] = {}
    known_forms = form_versions()
    for f in sorted(staged.glob("forms/*.yaml")):
        try:
            form = load_form(f)
        except FormError as e:
            problems.append(f"forms/{f.name}：{e}")
            continue
        if (form.id, form.version) in known_forms:
            problems.append(
                f"forms/{f.name}：表单“{form.id}”第{form.version}版已存在；"
                "不会替换已有定义，新版本请使用新的 version"
            )
        forms[form.id] = form
    programmes: set[str] = set()
    from zjtx_desktop.core.forms.yamlio import load_yaml

    for f in sorted(staged.glob("programmes/*.yaml")):
        try:
            d = load_yaml(f, f.read_text(encoding="utf-8"))
        except FormError as e:
            problems.append(f"programmes/{f.name}：{e}")
            continue
        if not isinstance(d, dict) or not all(k in d for k in ("id", "title", "forms")):
            problems.append(f"programmes/{f.name}：申报项目须有 id、title 和 forms")
            continue
        if d["id"] in programme_ids():
            problems.append(f"programmes/{f.name}：申报项目“{d['id']}”已存在，不会替换")
        for fid in d["forms"]:
            if fid not in forms and fid not in {k[0] for k in known_forms}:
                problems.append(f"programmes/{f.name}：引用了不存在的表单“{fid}”")
        programmes.add(str(d["id"]))
    existing = {(rs.id, rs.version) for rs in all_versions()}
    for f in sorted(staged.glob("criteria/*.yaml")):
        try:
            rs = load_ruleset(f, extra_forms=forms, extra_programmes=programmes)
        except FormError as e:
            problems.append(f"criteria/{f.name}：{e}")
            continue
        if (rs.id, rs.version) in existing:
            problems.append(
                f"criteria/{f.name}：规则集“{rs.id}”第{rs.version}版已存在；"
                "不会替换已有定义，新版本请使用新的 version"
            )
    return problems


def install_pack(path: Path) -> Path:
    """Check a pack file in full, then install it; returns where. PackError: nothing written."""
    m, blobs = _read_zip(path)
    problems = _check_files(m, blobs)
    if problems:
        raise PackError(problems)
    root = packs_dir()
    target = root / m["id"] / m["version"]
    if target.exists():
        raise PackError([f"安装包 {m['id']} 第{m['version']}版已安装；新版本请使用新的 version"])
    root.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=".staging-", dir=root))
    try:
        for rel, data in blobs.items():
            if rel.split("/", 1)[0] not in KINDS:
                raise PackError([f"{rel}：只能放在 forms/、programmes/ 或 criteria/ 下"])
            dest = staging / rel
            dest.parent.mkdir(parents=True, exist_ok=True)
            dest.write_bytes(data)
        (staging / MANIFEST).write_bytes(_manifest_bytes(m))
        problems = _check_definitions(staging, m)
        if problems:
            raise PackError(problems)
        target.parent.mkdir(parents=True, exist_ok=True)
        staging.rename(target)
    finally:
        if staging.exists():
            shutil.rmtree(staging, ignore_errors=True)
        _forget_caches()
    return Path(target)


def _manifest_bytes(m: dict[str, Any]) -> bytes:
    import yaml

    buf = io.StringIO()
    yaml.safe_dump(m, buf, allow_unicode=True, sort_keys=False)
    return buf.getvalue().encode("utf-8")


def remove_pack(pack_id: str, version: str | None = None) -> list[Path]:
    """Remove an installed pack (every version, or one); never a shipped definition."""
    found = [p for p in installed_packs() if p.id == pack_id and version in (None, p.version)]
    if not found:
        which = f"{pack_id} 第{version}版" if version else pack_id
        raise PackError([f"没有已安装的安装包 {which}（zjtx packs list 查看）"])
    removed = []
    for p in found:
        shutil.rmtree(p.path)
        removed.append(p.path)
        parent = p.path.parent
        if parent.is_dir() and not any(parent.iterdir()):
            parent.rmdir()
    _forget_caches()
    return removed


def _forget_caches() -> None:
    """Installed definitions change what the registries return: drop their caches."""
    from zjtx_desktop.core.eligibility import loader
    from zjtx_desktop.core.forms import registry

    for fn in (
        registry._index,
        registry.get_form,
        registry.programmes,
        registry.form_versions,
        loader.rulesets,
        loader.all_versions,
    ):
        fn.cache_clear()
