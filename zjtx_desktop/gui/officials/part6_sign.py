"""签署推荐意见（第六部分）… of the review panel: a thin view over
``core.workspace.part6_signing``.

The core's refusals come first, every reason shown and nothing asked; then the unit's key:
its passphrase, or, when the workspace has no key yet, a new one made here (the passphrase
typed twice; subject the unit's name, as ``zjtx workspace key``); then where to save. The
signing (about a second: the CJK appearances) runs in the background on its own connection.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, Protocol

from PySide6.QtCore import SignalInstance
from PySide6.QtWidgets import QFileDialog, QInputDialog, QLineEdit, QPushButton, QWidget

from zjtx_desktop.core.workspace.workspace import Workspace


class ReviewPanel(Protocol):
    """What this view needs of the review panel (which imports this module: no cycle)."""

    ws: Workspace
    app_id: str
    sign_button: QPushButton
    signed: SignalInstance

    def say(self, text: str) -> None: ...

    def window(self) -> QWidget: ...

TITLE = "签署推荐意见"
ASK = "单位签名证书的口令："
ASK_NEW = "本单位还没有签名证书，现在生成。设置口令（以后签署、退回、上报时输入）："
ASK_AGAIN = "再输入一次："


def _secret(panel: ReviewPanel, label: str) -> bytes | None:
    text, ok = QInputDialog.getText(panel.window(), TITLE, label, QLineEdit.EchoMode.Password)
    return text.encode("utf-8") if ok else None


def unit_identity(panel: ReviewPanel, key: Path) -> Any:
    """The unit's identity, opened with its passphrase or made now; None (with the reason
    shown) when the official cancels or it cannot be opened."""
    from zjtx_desktop.core.exchange.identity import IdentityError, create_identity, load_identity

    try:
        if key.is_file():
            secret = _secret(panel, ASK)
            return None if secret is None else load_identity(key, secret)
        secret = _secret(panel, ASK_NEW)
        if secret is None:
            return None
        if _secret(panel, ASK_AGAIN) != secret:
            panel.say("两次输入的口令不一致：未生成签名证书")
            return None
        unit = str(panel.ws.profile.get("unit", ""))
        made = create_identity(key, unit, "", secret, unit=True)
        panel.say(f"已生成本单位签名证书：{key}（指纹 {made.fingerprint[:16].upper()}）")
        return made
    except IdentityError as e:
        panel.say(str(e))
        return None


def choose_sign(panel: ReviewPanel) -> None:
    from zjtx_desktop.core.workspace import part6_signing as ps

    if not panel.app_id:
        return
    key = ps.unit_key_path(panel.ws.path)
    # a missing key is made below; every other reason stops here, before any question
    reasons = [r for r in ps.refusals(panel.ws, panel.app_id, key) if r.code != "SIGN_NO_KEY"]
    if reasons:
        panel.say("不能签署：" + "\n".join(str(r) for r in reasons))
        return
    identity = unit_identity(panel, key)
    if identity is None:
        return
    chosen, _ = QFileDialog.getSaveFileName(
        panel.window(), "保存签署后的申请书", ps.default_name(panel.ws, panel.app_id), "PDF (*.pdf)"
    )
    if chosen:
        write_signed(panel, Path(chosen), identity)


def write_signed(panel: ReviewPanel, target: Path, identity: Any) -> None:
    from zjtx_desktop.core.workspace.part6_signing import SignRefused, sign_part6
    from zjtx_desktop.gui.worker import run_in_background

    path, officer, app_id = panel.ws.path, panel.ws.officer, panel.app_id
    panel.sign_button.setEnabled(False)
    panel.say("正在签署第六部分…")

    def work(_report: object) -> tuple[bool, str]:
        other = Workspace(path, officer)
        try:
            done = sign_part6(other, app_id, identity, target)
        except SignRefused as e:  # changed since the question: every reason
            return False, "不能签署：" + "\n".join(e.messages)
        finally:
            other.close()
        sha = done.sha256[:12]
        return True, f"已签署第六部分：{done.path}（SHA-256 {sha}…，已记入操作记录）"

    def finished(result: tuple[bool, str]) -> None:
        ok, text = result
        panel.sign_button.setEnabled(True)
        panel.say(text)
        if ok:
            panel.signed.emit(str(target))

    def failed(message: str) -> None:
        panel.sign_button.setEnabled(True)
        panel.say(f"未能签署：{message.split(': ', 1)[-1]}")

    run_in_background(work, finished, failed)
