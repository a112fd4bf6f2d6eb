"""The officials' review panel says what was checked of the signing key and offers 确认标记…
while a key flag awaits the official's paper check (audit1 items 1–2): after it, 拟推荐 goes
through and the key is pinned."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from PySide6.QtWidgets import QInputDialog

from tests.core.test_workspace_key_trust import CODE, fingerprint, other_key_package, printed
from tests.core.workspace_helpers import UNIT, complete_part6
from tests.fixtures.officials.packages import twelve_packages
from zjtx_desktop.core.exchange.trust import TrustStore
from zjtx_desktop.core.workspace import inbox
from zjtx_desktop.core.workspace.states import State
from zjtx_desktop.core.workspace.workspace import Workspace
from zjtx_desktop.gui.app import make_qapp


def test_the_panel_shows_the_key_change_and_acknowledges_it(
    qtbot: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from zjtx_desktop.gui.officials.review_panel import ReviewPanel

    make_qapp()
    packages = twelve_packages()
    trust = TrustStore(tmp_path / "trust")
    made = Workspace.init(tmp_path / "ws.sqlite", unit=UNIT, level="市",
                          programme="nat-xjr-2021b3", officer="张三")  # fmt: skip
    ws = Workspace(made.path, "张三", trust)
    inbox.import_files(ws, [packages["E02"]])
    evil = other_key_package(tmp_path, packages, {"operating_revenue.y2": "50200"})
    (out,) = inbox.import_files(ws, [evil])
    app = out.application_id
    complete_part6(ws, app)
    panel = ReviewPanel(ws)
    qtbot.addWidget(panel)
    panel.resize(900, 700)
    panel.show()
    panel.show_application(app)
    assert "交换包（已验签，密钥已变更，未核对）" in panel.state.text()
    assert panel.ack_button.isVisible()
    panel.recommend.click()
    panel.grab().save(str(tmp_path / "panel-flagged.png"))
    assert panel.message.text().startswith(
        "不能改为“拟推荐”：交换包标记“签名密钥已变更”尚未处理：请核对企业盖章纸质件目录页上"
    )
    asked: list[str] = []

    def get_text(_parent: Any, title: str, label: str, *_a: Any, **_k: Any) -> Any:
        asked.append(f"{title}|{label}")
        return f"已核对纸质件目录页指纹 {printed(fingerprint(evil))}", True

    monkeypatch.setattr(QInputDialog, "getText", staticmethod(get_text))
    panel.ack_button.click()
    assert asked and asked[0].startswith("确认标记：签名密钥已变更|")
    assert "确认后同时在信任库中固定该签名指纹。" in asked[0]
    assert "交换包（已验签，密钥已变更（张三已核对确认））" in panel.state.text()
    assert not panel.ack_button.isVisible()
    panel.grab().save(str(tmp_path / "panel.png"))
    panel.recommend.click()
    assert ws.application(app).state == State.RECOMMENDED
    assert trust.status(CODE, fingerprint(evil)) == "pinned"
    ws.close()
    made.close()
