"""退回 as a signed package (officials.md §3.6, checks R1, R3, T4): exactly the open comments
go back, the enterprise opens a return only for its own application, a tampered return is
refused, and no part 六 value or advice travels in any package."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest

from tests.core.workspace_helpers import enterprise_home, returned_e01
from zjtx_desktop.cli import main
from zjtx_desktop.core.workspace.return_package import (
    ReturnRefused,
    read_return_package,
)
from zjtx_desktop.core.workspace.review import recommender_fields
from zjtx_desktop.core.workspace.states import State


def _returned(tmp_path: Path, packages: dict[str, Path]) -> tuple[object, str, Path]:
    ws, app, target, _ids = returned_e01(tmp_path, packages)  # part 六 started: must not travel
    return ws, app, target


def test_return_holds_exactly_the_open_comments(tmp_path: Path, packages: dict[str, Path]) -> None:
    ws, app, target = _returned(tmp_path, packages)
    assert ws.application(app).state == State.RETURNED  # type: ignore[attr-defined]
    opened = read_return_package(target, {app})
    assert [c.get("file") or c["field_id"] for c in opened.comments] == [
        "operating_revenue.y2",
        "main_product_name",
        "E003",
    ]
    assert opened.banner == "推荐单位退回：3 条意见，请于 2021-05-10 前重新提交"


def test_no_part6_or_advice_in_any_package(tmp_path: Path, packages: dict[str, Path]) -> None:
    _ws, _app, target = _returned(tmp_path, packages)
    for path in [target, *(packages[f"E{i:02d}"] for i in range(1, 13))]:
        with zipfile.ZipFile(path) as zf:
            texts = [zf.read(n).decode("utf-8") for n in zf.namelist() if n.endswith(".json")]
        blob = "\n".join(texts)
        assert "advice" not in blob, path.name
        for fid in recommender_fields():
            assert f'"{fid}"' not in blob, (path.name, fid)


def test_enterprise_opens_only_its_own_return(
    tmp_path: Path, packages: dict[str, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    _ws, app, target = _returned(tmp_path, packages)
    with pytest.raises(ReturnRefused, match=f"不是针对本机的申报材料（申报编号 {app}）"):
        read_return_package(target, {"someone-else"})
    db = enterprise_home(packages, "E01", tmp_path) / "drafts.sqlite3"
    assert main(["--db", str(db), "package", "open-return", str(target)]) == 0
    out = capsys.readouterr().out
    assert "推荐单位退回：3 条意见，请于 2021-05-10 前重新提交" in out
    other = enterprise_home(packages, "E02", tmp_path) / "drafts.sqlite3"
    assert main(["--db", str(other), "package", "open-return", str(target)]) == 1


def _rewrite(src: Path, dst: Path, name: str, change: bytes, replace: bytes) -> Path:
    with zipfile.ZipFile(src) as zf:
        files = {i.filename: zf.read(i) for i in zf.infolist()}
    files[name] = files[name].replace(change, replace)
    with zipfile.ZipFile(dst, "w") as zf:
        for n, d in files.items():
            zf.writestr(n, d)
    return dst


def test_a_tampered_return_is_refused(tmp_path: Path, packages: dict[str, Path]) -> None:
    _ws, app, target = _returned(tmp_path, packages)
    comments = _rewrite(target, tmp_path / "c.zjtx", "review/comments.json",
                        b"2021-05-10", b"2021-06-30")  # fmt: skip
    with pytest.raises(ReturnRefused) as e:
        read_return_package(comments, {app})
    assert e.value.code == "PKG_HASH"
    manifest = _rewrite(target, tmp_path / "m.zjtx", "manifest.json",
                        b"2021-05-10", b"2021-06-30")  # fmt: skip
    with pytest.raises(ReturnRefused) as e:
        read_return_package(manifest, {app})
    assert e.value.code == "PKG_SIGNATURE"
