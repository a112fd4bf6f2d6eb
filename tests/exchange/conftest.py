"""An enterprise as the app leaves it: a drafts database with the Jilin demo (基本情况表 and
目标表), two 佐证材料, a signing key made by `zjtx keys create`, and the package written by
`zjtx package export`. Made once per test session; tests copy what they change."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.exchange.kit import Enterprise, cli
from zjtx_desktop.core.demo import open_or_create_demo
from zjtx_desktop.core.store.drafts import DraftStore

PROGRAMME = "jl-zd-2021b2"


def make_evidence(folder: Path) -> tuple[Path, Path]:
    """A two-page PDF scan and a PNG photo."""
    from PIL import Image

    png = folder / "营业执照.png"
    Image.new("RGB", (300, 200), (200, 30, 30)).save(png)
    pdf = folder / "审计报告.pdf"
    pages = [Image.new("RGB", (200, 280), (255, 255, 255)) for _ in range(2)]
    pages[0].save(pdf, save_all=True, append_images=pages[1:])
    return png, pdf


@pytest.fixture(scope="session")
def enterprise(tmp_path_factory: pytest.TempPathFactory) -> Enterprise:
    folder = tmp_path_factory.mktemp("enterprise")
    db = folder / "drafts.sqlite3"
    store = DraftStore(db)
    app_id = open_or_create_demo(store, PROGRAMME)
    store.close()
    png, pdf = make_evidence(folder)
    assert (
        cli(
            db,
            "evidence",
            "add",
            app_id,
            str(png),
            "--title",
            "营业执照复印件",
            "--item",
            "附件2-1",
        )[0]
        == 0
    )
    assert cli(db, "evidence", "add", app_id, str(pdf), "--item", "附件2-2")[0] == 0
    assert cli(db, "keys", "create", "--draft", app_id)[0] == 0
    out = folder / "out"
    out.mkdir()
    code, _stdout, stderr = cli(db, "package", "export", "--draft", app_id, "--to", str(out))
    assert code == 0, stderr
    [package] = out.glob("*.zjtx")
    return Enterprise(db, app_id, package, folder)
