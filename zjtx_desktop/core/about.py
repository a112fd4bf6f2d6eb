"""What is installed: the app's version, the shipped forms and rule sets with their versions,
and where data lives. ``zjtx --version`` prints it; the window's 关于 box shows the same.

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
    # Python's UTF-8 mode (the frozen build turns it on so the command line prints Chinese into
    # pipes and files on a Windows whose code page is not 936)
    utf8_mode: bool = field(default_factory=lambda: bool(sys.flags.utf8_mode))
    python: str = field(default_factory=platform.python_version)
    platform: str = field(default_factory=platform.platform)

    def as_dict(self) -> dict[str, Any]:
        def defs(items: list[DefinitionVersion]) -> list[dict[str, str]]:
            return [
                {"id": d.id, "version": d.version, "title": d.title}
                | ({"problem": d.problem} if d.problem else {})
                for d in items
            ]

        return {
            "app": APP_NAME,
            "version": self.version,
            "forms": defs(self.forms),
            "rulesets": defs(self.rulesets),
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
    return f"  {d.id:<32} v{d.version:<8} {d.title}"


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


def _rulesets() -> list[DefinitionVersion]:
    import yaml

    from zjtx_desktop.core.eligibility.loader import ruleset_files

    out = []
    for p in ruleset_files():
        try:
            d = _header(p)
        except (OSError, ValueError, yaml.YAMLError) as e:
            out.append(DefinitionVersion(p.stem, "", "", problem=f"{p.name}: {e}"))
            continue
        out.append(
            DefinitionVersion(
                str(d.get("id", p.stem)), str(d.get("version", "")), str(d.get("title", ""))
            )
        )
    return out


def about(db_path: Path | None = None) -> About:
    """Everything the 关于 box and ``zjtx --version`` show; ``db_path`` is the one in use."""
    return About(
        version=zjtx_desktop.__version__,
        forms=_forms(),
        rulesets=_rulesets(),
        data_root=paths.data_root(),
        data_root_kind=paths.data_root_kind(),
        user_data_dir=paths.user_data_dir(),
        db_path=db_path or paths.default_db_path(),
        frozen=bool(getattr(sys, "frozen", False)),
    )
