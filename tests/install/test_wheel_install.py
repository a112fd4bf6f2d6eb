"""The release path: the wheel, installed NON-editable into a fresh venv, works from a directory
that is not the checkout. A plain `pip install .` once failed with 未知表单 on the first command
because the forms were looked up beside the source tree.

Slow (builds a wheel, creates a venv, installs the dependencies: about a minute on a shared
2-core machine): marked ``slow``. It runs in CI with the rest; skip it while developing with
``-m "not slow"``.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from pypdf import PdfReader

pytestmark = pytest.mark.slow

ROOT = Path(__file__).resolve().parents[2]
NOT_SOURCE = (".git", ".venv", "build", "dist", "*.egg-info", "__pycache__", ".*_cache", "out")
DEMO_NAME = "吉林省恒锐精密机床有限公司"  # resources/demo/nat-xjr-application-2021.json


def _run(cmd: list[str], cwd: Path, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        cmd, cwd=cwd, env=env, capture_output=True, text=True, encoding="utf-8", timeout=900
    )


@pytest.fixture(scope="module")
def installed(
    tmp_path_factory: pytest.TempPathFactory,
) -> Iterator[tuple[Path, Path, dict[str, str]]]:
    """(zjtx executable, an empty working directory outside the checkout, its environment)."""
    tmp = tmp_path_factory.mktemp("wheel")
    env = {k: v for k, v in os.environ.items() if not k.startswith(("ZJTX_", "VIRTUAL_ENV"))}
    env |= {"PIP_DISABLE_PIP_VERSION_CHECK": "1", "QT_QPA_PLATFORM": "offscreen"}
    # a clean copy of the source: setuptools builds in-tree and never empties build/lib, so a
    # stale build/ in the checkout would hide files the wheel no longer ships
    src = tmp / "src"
    shutil.copytree(ROOT, src, ignore=shutil.ignore_patterns(*NOT_SOURCE))
    wheels = tmp / "wheels"
    pip_wheel = [
        sys.executable,
        "-m",
        "pip",
        "wheel",
        "-q",
        "--no-deps",
        "-w",
        str(wheels),
        str(src),
    ]
    r = _run(pip_wheel, tmp, env)
    assert r.returncode == 0, r.stderr[-3000:]
    (wheel,) = wheels.glob("zjtx_desktop-*.whl")
    venv = tmp / "venv"
    r = _run([sys.executable, "-m", "venv", str(venv)], tmp, env)
    assert r.returncode == 0, r.stderr
    r = _run([str(venv / "bin" / "python"), "-m", "pip", "install", "-q", str(wheel)], tmp, env)
    assert r.returncode == 0, r.stderr[-3000:]
    work = tmp / "work"
    work.mkdir()
    env |= {"ZJTX_USER_DATA": str(tmp / "user"), "ZJTX_CACHE": str(tmp / "cache")}
    yield venv / "bin" / "zjtx", work, env
    shutil.rmtree(tmp, ignore_errors=True)


def test_installed_wheel_validates_and_exports_the_demo(
    installed: tuple[Path, Path, dict[str, str]],
) -> None:
    zjtx, work, env = installed
    assert not work.is_relative_to(ROOT)
    r = _run([str(zjtx), "about", "--json"], work, env)
    assert r.returncode == 0, r.stderr
    about = json.loads(r.stdout)
    # the data comes from inside the installed package, not from the checkout
    assert about["data_root_kind"] == "package"
    data_root = Path(about["data_root"])
    assert data_root.parts[-2:] == ("zjtx_desktop", "_data")
    assert "site-packages" in data_root.parts and not data_root.is_relative_to(ROOT)
    demo = data_root / "resources" / "demo" / "nat-xjr-application-2021.json"

    r = _run([str(zjtx), "validate", "nat-xjr-application-2021", str(demo)], work, env)
    assert r.returncode == 0, r.stdout + r.stderr
    assert "共 0 个错误" in r.stderr

    r = _run([str(zjtx), "export", "nat-xjr-application-2021", str(demo), "-o", "a.pdf"], work, env)
    assert r.returncode == 0, r.stdout + r.stderr
    pdf = PdfReader(work / "a.pdf")
    first = pdf.pages[0].extract_text()
    assert "第三批专精特新“小巨人”企业" in first and "申 请 书" in first  # the cover, as printed
    assert DEMO_NAME in "".join(p.extract_text() for p in pdf.pages)
    # the shipped CJK font is embedded (a TrueType font file inside the PDF)
    fonts = pdf.pages[0]["/Resources"]["/Font"]
    embedded = [
        str(f.get_object()["/BaseFont"])
        for f in fonts.values()
        if "/FontFile2" in f.get_object().get("/FontDescriptor", {})
        or any(
            "/FontFile2" in d.get_object()["/FontDescriptor"]
            for d in f.get_object().get("/DescendantFonts", [])
        )
    ]
    assert any("ZJTXSerif" in name for name in embedded), embedded


def test_release_smoke_set_passes_on_the_installed_wheel(
    installed: tuple[Path, Path, dict[str, str]],
) -> None:
    """scripts/smoke.sh: forms list, validate, pdf/docx/xlsx, verify, gui --smoke."""
    zjtx, work, env = installed
    r = _run(["bash", str(ROOT / "scripts" / "smoke.sh"), str(zjtx)], work, env)
    assert r.returncode == 0, r.stdout[-3000:] + r.stderr[-3000:]
    assert "SMOKE OK" in r.stdout
