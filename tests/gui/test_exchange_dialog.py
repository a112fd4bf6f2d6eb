"""导出交换包… in the window: files dropped on the list become 佐证材料 (counted in the
menu), the key is made with a passphrase, and the package written verifies."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QMimeData, QPointF, Qt, QUrl
from PySide6.QtGui import QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import QApplication

from tests.exchange.conftest import make_evidence
from zjtx_desktop.core.exchange.verify import verify_package


def _drop(widget, paths: list[Path]) -> None:
    """Files dragged from the file manager onto the list: drag-enter, then drop."""
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(p)) for p in paths])
    at = widget.viewport().rect().center()
    args = (
        Qt.DropAction.CopyAction,
        mime,
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
    )
    enter = QDragEnterEvent(at, *args)
    QApplication.sendEvent(widget.viewport(), enter)
    assert enter.isAccepted()
    QApplication.sendEvent(widget.viewport(), QDropEvent(QPointF(at), *args))


def test_drop_evidence_make_a_key_and_export_a_package(window, qtbot, tmp_path: Path) -> None:
    window.open_demo("jl-zd-2021b2")
    assert window.exchange_action.isEnabled()
    assert window.exchange_action.text() == "导出交换包…（佐证材料 0 份）"
    dialog = window.export_package_current()
    qtbot.waitExposed(dialog)
    assert not dialog.export_button.isEnabled()  # no key yet
    png, pdf = make_evidence(tmp_path)
    text = tmp_path / "说明.txt"
    text.write_text("不是佐证材料格式", encoding="utf-8")
    _drop(dialog.evidence, [png, pdf, text])
    assert dialog.evidence.count() == 2
    assert dialog.count_label.text().startswith("佐证材料 2 份")
    assert "不是 PDF、JPG 或 PNG" in dialog.status.text()
    assert dialog.create_identity(b"pass-1")
    assert "签名证书指纹" in dialog.key_label.text() and dialog.export_button.isEnabled()
    target = tmp_path / "out.zjtx"
    with qtbot.waitSignal(dialog.exported, timeout=60000):
        assert dialog.export(target, b"pass-1")
    assert "已导出" in dialog.status.text()
    v = verify_package(target)
    assert v.accepted and len(v.evidence()) == 2
    dialog.close()
    qtbot.waitUntil(lambda: "2 份" in window.exchange_action.text())
    dialog.grab().save(str(tmp_path / "exchange_dialog.png"))


def test_a_wrong_passphrase_is_said_in_the_dialog(window, qtbot, tmp_path: Path) -> None:
    window.open_demo("jl-zd-2021b2")
    dialog = window.export_package_current()
    assert dialog.create_identity(b"right")
    assert not dialog.export(tmp_path / "x.zjtx", b"wrong")
    assert "口令不对" in dialog.status.text() and not (tmp_path / "x.zjtx").exists()
    dialog.close()  # a dialog left open is what a later test finding "the" dialog would take
