"""The one data root: where shipped data is found, and what a broken install says."""

from __future__ import annotations

from pathlib import Path

import pytest

from zjtx_desktop.core import paths

CHECKOUT = Path(__file__).resolve().parents[2]


def test_checkout_is_the_data_root_from_source(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("ZJTX_HOME", raising=False)
    # an editable install or the repository itself: the client's top-level folders are read
    assert paths.data_root() == CHECKOUT
    assert paths.data_root_kind() == "checkout"
    assert paths.forms_dir() == CHECKOUT / "forms"
    assert (paths.resources_dir() / "fonts" / "ZJTXSerifSC-Regular.ttf").is_file()


def test_zjtx_home_overrides(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "forms").mkdir()
    (tmp_path / "resources").mkdir()
    monkeypatch.setenv("ZJTX_HOME", str(tmp_path))
    assert paths.data_root() == tmp_path.resolve()
    assert paths.data_root_kind() == "ZJTX_HOME"


def test_a_root_without_its_data_is_refused_plainly(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "forms").mkdir()  # resources/ missing: an incomplete copy
    monkeypatch.setenv("ZJTX_HOME", str(tmp_path))
    with pytest.raises(paths.DataRootMissing, match=r"找不到程序数据.*ZJTX_HOME"):
        paths.data_root()


def test_user_data_lives_outside_the_package(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("ZJTX_USER_DATA", raising=False)
    monkeypatch.delenv("ZJTX_DB", raising=False)
    # platformdirs follows XDG_DATA_HOME on Linux: the per-user directory, not site-packages
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path))
    assert paths.user_data_dir() == tmp_path / "zjtx-desktop"
    assert paths.user_packs_dir() == tmp_path / "zjtx-desktop" / "packs"
    assert paths.default_db_path() == tmp_path / "zjtx-desktop" / "drafts.sqlite3"
    monkeypatch.setenv("ZJTX_USER_DATA", str(tmp_path / "u"))
    assert paths.user_packs_dir() == tmp_path / "u" / "packs"
