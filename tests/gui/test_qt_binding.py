"""The Qt binding we install must not corrupt Python's objects while a user types."""

import sys

from PySide6.QtCore import QObject, Signal


class _Emitter(QObject):
    changed = Signal()
    edited = Signal(object)


def test_emitting_signals_keeps_the_reference_counts_of_true_and_false():
    # PySide6 6.12.0 dropped a reference to True on every emit: the window died with
    # "bool_dealloc" after a few thousand keystrokes. pyproject.toml excludes it.
    from zjtx_desktop.gui.worker import wait_for_background

    # a preview still rendering from an earlier test touches True/False from its thread
    wait_for_background()
    e = _Emitter()
    e.edited.connect(lambda _v: None)
    before = sys.getrefcount(True), sys.getrefcount(False)
    for i in range(20):  # few: a bad binding fails here rather than crashing at exit
        e.changed.emit()
        e.edited.emit(i)
    assert (sys.getrefcount(True), sys.getrefcount(False)) == before
