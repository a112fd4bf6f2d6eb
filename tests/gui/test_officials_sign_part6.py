"""签署推荐意见（第六部分）… in the officials' window (issue 9): the core's refusals shown
before any question is asked; then the unit's passphrase and a save path (the only dialogs
replaced here), and the enterprise's booklet written with part 六 and the unit's signature."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from PySide6.QtWidgets import QFileDialog, QInputDialog

from tests.core.test_workspace_part6_signing import TICKED, on_paper, pyhanko_status
from tests.core.workspace_helpers import UNIT, UNIT_CODE, recommend
from tests.fixtures.officials.packages import PASS, build_package
from tests.gui.shots import shots_dir
from zjtx_desktop.core.exchange.identity import create_identity
from zjtx_desktop.core.workspace import inbox
from zjtx_desktop.core.workspace.part6_signing import unit_key_path
from zjtx_desktop.core.workspace.workspace import Workspace
from zjtx_desktop.gui.app import make_qapp


class Dialogs:
    """What the window asked, and the answers it gets."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch, passphrase: str | list[str],
                 save_to: Path) -> None:  # fmt: skip
        self.asked: list[str] = []
        self.default_names: list[str] = []
        answers = [passphrase] if isinstance(passphrase, str) else list(passphrase)

        def get_text(_parent: Any, _title: str, label: str, *_a: Any, **_k: Any) -> Any:
            self.asked.append(label)
            return answers[min(len(self.asked), len(answers)) - 1], True

        def get_save(_parent: Any, _title: str, name: str, *_a: Any, **_k: Any) -> Any:
            self.default_names.append(name)
            return str(save_to), "PDF (*.pdf)"

        monkeypatch.setattr(QInputDialog, "getText", staticmethod(get_text))
        monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(get_save))


@pytest.fixture
def window(qtbot, tmp_path: Path) -> Any:  # type: ignore[no-untyped-def]
    """The officials' window with its menus (as the workbench opens it) on E01's package."""
    from zjtx_desktop.gui.officials.homes import Homes

    make_qapp()
    ws = Workspace.init(tmp_path / "ws.sqlite", unit=UNIT, level="市",
                        programme="nat-xjr-2021b3", officer="张三")  # fmt: skip
    package = build_package("E01", tmp_path / "ent")
    (out,) = inbox.import_files(ws, [package])
    w = Homes(lambda: None).show_workspace(ws)
    qtbot.addWidget(w)
    w.resize(1366, 768)
    w.show()
    w.home.select(out.application_id)
    w.app_id, w.package = out.application_id, package
    yield w
    ws.close()


def test_refused_before_anything_is_asked(window: Any, monkeypatch, qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    dialogs = Dialogs(monkeypatch, "x", tmp_path / "x.pdf")
    panel = window.home.panel
    assert panel.sign_button.isEnabled()
    menu = {a.text(): a for a in window.file_menu.actions()}
    menu["签署推荐意见（第六部分）…"].trigger()  # the same as the panel's button
    text = panel.message.text()
    assert text.startswith("不能签署：申报处于“已接收”状态")  # selecting only looks (13a)
    assert "第六部分“推荐意见”尚未填写" in text
    assert "签名证书" not in text  # a missing key is made when everything else is ready
    assert dialogs.asked == [] and dialogs.default_names == []
    qtbot.wait(50)  # laid out: every line of the message in view
    assert panel.message.height() >= panel.message.heightForWidth(panel.message.width())
    assert window.grab().save(str(shots_dir(tmp_path) / "officials-sign-part6-refused.png"))


def test_the_button_signs_part6_with_the_units_key(  # type: ignore[no-untyped-def]
    window: Any, monkeypatch, qtbot, tmp_path: Path
) -> None:
    ws, panel = window.ws, window.home.panel
    recommend(ws, window.app_id)
    ws.set_part6(window.app_id, "review_date", "2021-05-06")
    create_identity(unit_key_path(ws.path), UNIT, UNIT_CODE, PASS, unit=True)  # workspace key
    window.home.refresh()  # what the official did elsewhere (CLI), redrawn
    panel.refresh()
    target = tmp_path / "签署.pdf"
    wrong = Dialogs(monkeypatch, "不对的口令", target)
    panel.sign_button.click()
    assert "口令不对" in panel.message.text() and not target.exists()
    assert wrong.default_names == []
    dialogs = Dialogs(monkeypatch, PASS.decode(), target)
    with qtbot.waitSignal(panel.signed, timeout=60000):
        panel.sign_button.click()
    assert dialogs.asked == ["单位签名证书的口令："]
    assert dialogs.default_names == ["01_吉林省恒锐精密机床有限公司_推荐单位签署.pdf"]
    assert panel.message.text().startswith(f"已签署第六部分：{target}")
    assert panel.sign_button.isEnabled()
    enterprise_crt = tmp_path / "ent" / "E01" / "identity.crt"
    unit_crt = unit_key_path(ws.path).with_suffix(".crt")
    status = pyhanko_status(target.read_bytes(), [enterprise_crt, unit_crt])
    assert list(status) == ["LegalRepSignature", "RecommenderSeal"]
    assert all(s.bottom_line for s in status.values())
    # on paper: the ticks in their boxes, 5 项, 同意 and 2021年5月6日 on their blanks
    assert on_paper(target) == (TICKED, {"项数": "5", "推荐意见": "同意", "年": "2021", "月": "5",
                                         "日": "6"})  # fmt: skip
    logged = "SELECT COUNT(*) FROM audit WHERE action = 'sign_part6'"
    assert ws.conn.execute(logged).fetchone()[0] == 1
    qtbot.wait(50)
    assert panel.message.height() >= panel.message.heightForWidth(panel.message.width())
    assert window.grab().save(str(shots_dir(tmp_path) / "officials-sign-part6.png"))


def test_without_a_key_the_window_makes_the_units_own(  # type: ignore[no-untyped-def]
    window: Any, monkeypatch, qtbot, tmp_path: Path
) -> None:
    from zjtx_desktop.core.exchange.identity import load_identity
    from zjtx_desktop.gui.officials.part6_sign import ASK_AGAIN, ASK_NEW

    ws, panel = window.ws, window.home.panel
    recommend(ws, window.app_id)
    panel.refresh()
    key = unit_key_path(ws.path)
    target = tmp_path / "签署.pdf"
    typo = Dialogs(monkeypatch, ["新口令-1", "新口令-2"], target)
    panel.sign_button.click()
    assert typo.asked == [ASK_NEW, ASK_AGAIN] and typo.default_names == []
    assert "两次输入的口令不一致" in panel.message.text() and not key.exists()
    dialogs = Dialogs(monkeypatch, "新口令-1", target)
    with qtbot.waitSignal(panel.signed, timeout=60000):
        panel.sign_button.click()
    assert dialogs.asked == [ASK_NEW, ASK_AGAIN]
    made = load_identity(key, "新口令-1".encode())
    assert (made.subject, made.credit_code) == (UNIT, "")
    status = pyhanko_status(target.read_bytes(), [tmp_path / "ent" / "E01" / "identity.crt",
                                                  key.with_suffix(".crt")])  # fmt: skip
    assert all(s.bottom_line for s in status.values()) and "RecommenderSeal" in status
