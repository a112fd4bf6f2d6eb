"""What is installed: the app's version, the shipped forms and rule sets with their versions
(and each rule set's source grade), the packs the user installed (``core.packs``: the user packs
directory, or ``ZJTX_PACKS``) with their rule sets, and where data lives. ``zjtx --version``
prints it; the window's 关于 box shows the same.

Qt-free and cheap (no rule set is built, only its header read) so ``--version`` starts fast.
A definition file that cannot be read is listed as such instead of hiding the others.
"""

from __future__ import annotations

import platform
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import zjtx_desktop
from zjtx_desktop.core import paths

APP_TITLE = "专精特新申报助手"
APP_NAME = "ZJTX Desktop"


@dataclass(frozen=True)
class DefinitionVersion:
    """One shipped form or rule set: its id, version and title (``problem`` if unreadable)."""

    id: str
    version: str
    title: str
    problem: str = ""
    grade: str = ""  # a rule set's confidence grade A–D (post2021.md §0.3)


@dataclass(frozen=True)
class PackVersion:
    """One installed pack: its manifest's id, version and date, the rule sets and forms it
    holds (files whose SHA-256 still matches) and its problems (files skipped)."""

    id: str
    version: str
    date: str
    title: str
    path: Path
    rulesets: list[DefinitionVersion]
    forms: list[DefinitionVersion]
    problems: list[str]


@dataclass(frozen=True)
class About:
    version: str
    forms: list[DefinitionVersion]
    rulesets: list[DefinitionVersion]
    data_root: Path
    data_root_kind: str  # "package", "checkout" or "ZJTX_HOME"
    user_data_dir: Path
    db_path: Path
    frozen: bool  # the PyInstaller build
    packs: list[PackVersion] = field(default_factory=list)
    packs_dir: Path | None = None
    # Python's UTF-8 mode (the frozen build turns it on so the command line prints Chinese into
    # pipes and files on a Windows whose code page is not 936)
    utf8_mode: bool = field(default_factory=lambda: bool(sys.flags.utf8_mode))
    python: str = field(default_factory=platform.python_version)
    platform: str = field(default_factory=platform.platform)

    def as_dict(self) -> dict[str, Any]:
        def defs(items: list[DefinitionVersion]) -> list[dict[str, str]]:
            return [
                {"id": d.id, "version": d.version, "title": d.title}
                | ({"grade": d.grade} if d.grade else {})
                | ({"problem": d.problem} if d.problem else {})
                for d in items
            ]

        return {
            "app": APP_NAME,
            "version": self.version,
            "forms": defs(self.forms),
            "rulesets": defs(self.rulesets),
            "packs": [
                {
                    "id": p.id,
                    "version": p.version,
                    "date": p.date,
                    "title": p.title,
                    "path": str(p.path),
                    "rulesets": defs(p.rulesets),
                    "forms": defs(p.forms),
                    "problems": list(p.problems),
                }
                for p in self.packs
            ],
            "packs_dir": str(self.packs_dir) if self.packs_dir else None,
            "data_root": str(self.data_root),
            "data_root_kind": self.data_root_kind,
            "user_data_dir": str(self.user_data_dir),
            "db_path": str(self.db_path),
            "frozen": self.frozen,
            "utf8_mode": self.utf8_mode,
            "python": self.python,
            "platform": self.platform,
        }

    def text(self) -> str:
        """The plain-text report ``zjtx --version`` prints (also fine for a 关于 box)."""
        lines = [f"{APP_TITLE} {APP_NAME} {self.version}", "", "表单定义："]
        lines += [_line(d) for d in self.forms] or ["  （无）"]
        lines += ["", "申报条件规则集："]
        lines += [_line(d) for d in self.rulesets] or ["  （无）"]
        lines += ["", f"已安装的安装包（{self.packs_dir}）："]
        for p in self.packs:
            lines.append(f"  {p.id} 第{p.version}版（{p.date}）{p.title}")
            lines += ["  " + _line(d) for d in p.rulesets]
            lines += ["  " + _line(d) for d in p.forms]
            lines += [f"    有误：{msg}" for msg in p.problems]
        if not self.packs:
            lines.append("  （无）")
        kind = {"package": "安装包内", "checkout": "源代码目录", "ZJTX_HOME": "ZJTX_HOME"}
        build = "（独立打包版）" if self.frozen else ""
        lines += [
            "",
            f"程序数据：{self.data_root}（{kind.get(self.data_root_kind, self.data_root_kind)}）",
            f"用户数据目录：{self.user_data_dir}",
            f"草稿数据库：{self.db_path}",
            f"Python {self.python}，{self.platform}{build}",
        ]
        return "\n".join(lines)


def _line(d: DefinitionVersion) -> str:
    if d.problem:
        return f"  {d.id:<32} 无法读取：{d.problem}"
    grade = f"可信度{d.grade}级 " if d.grade else ""
    return f"  {d.id:<32} v{d.version:<8} {grade}{d.title}"


def _forms() -> list[DefinitionVersion]:
    from zjtx_desktop.core.forms.loader import FormError
    from zjtx_desktop.core.forms.registry import UnknownForm, form_ids, get_form

    out = []
    for fid in form_ids():
        try:
            f = get_form(fid)
        except (FormError, UnknownForm) as e:
            out.append(DefinitionVersion(fid, "", "", problem=str(e).splitlines()[0]))
            continue
        out.append(DefinitionVersion(f.id, f.version, f.title))
    return out


def _header(path: Path) -> dict[str, Any]:
    """A rule set file's top-level keys, without the schema check or the build (speed)."""
    import yaml

    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    data = yaml.load(path.read_text(encoding="utf-8"), Loader=loader)
    if not isinstance(data, dict):
        raise ValueError("顶层不是映射")
    return data


def _definition(p: Path) -> DefinitionVersion:
    """A rule set's or form's id, version, title and grade from its file's header."""
    import yaml

    try:
        d = _header(p)
    except (OSError, ValueError, yaml.YAMLError) as e:
        return DefinitionVersion(p.stem, "", "", problem=f"{p.name}: {e}")
    return DefinitionVersion(
        str(d.get("id", p.stem)),
        str(d.get("version", "")),
        str(d.get("title", "")),
        grade=str(d.get("grade", "") or ""),
    )


def _rulesets() -> list[DefinitionVersion]:
    from zjtx_desktop.core.eligibility.loader import ruleset_files

    return [_definition(p) for p in ruleset_files()]


def _packs() -> list[PackVersion]:
    """The installed packs; a file that no longer matches its manifest is not read (it is
    not used either) but named among the pack's problems."""
    from zjtx_desktop.core.packs.store import installed_packs

    out = []
    for pack in installed_packs():
        bad = {p.split("：", 1)[0] for p in pack.problems}
        good = sorted(rel for rel in pack.files if rel not in bad)
        out.append(
            PackVersion(
                pack.id,
                pack.version,
                pack.date,
                pack.title,
                pack.path,
                [_definition(pack.path / r) for r in good if r.startswith("criteria/")],
                [_definition(pack.path / r) for r in good if r.startswith("forms/")],
                list(pack.problems),
            )
        )
    return out


def about(db_path: Path | None = None) -> About:
    """Everything the 关于 box and ``zjtx --version`` show; ``db_path`` is the one in use."""
    from zjtx_desktop.core.packs.store import packs_dir

    return About(
        version=zjtx_desktop.__version__,
        forms=_forms(),
        rulesets=_rulesets(),
        data_root=paths.data_root(),
        data_root_kind=paths.data_root_kind(),
        user_data_dir=paths.user_data_dir(),
        db_path=db_path or paths.default_db_path(),
        frozen=bool(getattr(sys, "frozen", False)),
        packs=_packs(),
        packs_dir=packs_dir(),
    )
