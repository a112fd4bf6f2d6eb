"""Audit1 item 4: the officials' window fits a 1366×768 laptop at 150 % (911×512 logical
pixels; README's screen.json recipe), at 100 % and 1920×1080 at 150 % too: window and minimum
size within the available screen, every button and part 六 field reachable (scrolled to, whole,
as wide as its text needs), and its dialogs. Each screen is a fresh process: Qt fixes the
scale at start."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from tests.gui.test_screens import run_on


@pytest.mark.parametrize(
    ("width", "height", "scale", "logical"),
    [
        (1366, 768, "1.5", (911, 512)),
        (1366, 768, "1", (1366, 768)),
        (1920, 1080, "1.5", (1280, 720)),
    ],
)
def test_officials_window_fits_the_screen(tmp_path: Path, width, height, scale, logical) -> None:  # type: ignore[no-untyped-def]
    shots = Path(os.environ.get("ZJTX_SCREENSHOTS") or tmp_path)
    shot = shots / f"officials-part6-{width}x{height}@{scale}.png"
    w, *dialogs = run_on(tmp_path, width, height, scale, "tests.gui.officials_screens",
                         str(tmp_path), str(shot))  # fmt: skip
    # the window's dialogs too: 生成汇总表, 本机用途, 新建/打开工作区
    assert [d["name"] for d in dialogs] == ["summary", "role", "new_workspace", "choose_workspace"]
    for d in dialogs:
        assert tuple(d["screen"]) == logical
        assert d["fits"] and d["inside"], d
    assert tuple(w["screen"]) == logical
    assert w["fits"] and w["inside"], w
    assert w["min_size"][0] <= logical[0] and w["min_size"][1] <= logical[1], w
    assert w["unreachable"] == [], w
    # the comments' page is as tall as itself, not as part 六 (nothing to scroll past)
    assert w["comments_height"] < w["part6_height"], w
    assert shot.exists()
