"""Long work off the GUI thread: one helper, one result path, one error path."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal


class _Signals(QObject):
    done = Signal(object)
    failed = Signal(str)
    progress = Signal(int, int)


class _Job(QRunnable):
    def __init__(self, fn: Callable[[Callable[[int, int], None]], Any]) -> None:
        super().__init__()
        self.fn = fn
        self.signals = _Signals()

    def run(self) -> None:
        try:
            result = self.fn(self.signals.progress.emit)
        except Exception as e:  # reported to the user, never lost in a thread
            self.signals.failed.emit(f"{type(e).__name__}: {e}")
        else:
            self.signals.done.emit(result)


_running: set[_Job] = set()


def run_in_background(
    fn: Callable[[Callable[[int, int], None]], Any],
    on_done: Callable[[Any], None],
    on_error: Callable[[str], None],
    on_progress: Callable[[int, int], None] | None = None,
) -> None:
    """Run ``fn(report_progress)`` in the thread pool; callbacks arrive on the GUI thread.
    Background work must open its own database connection."""
    job = _Job(fn)
    job.setAutoDelete(False)
    _running.add(job)
    job.signals.done.connect(on_done)
    job.signals.failed.connect(on_error)
    if on_progress is not None:
        job.signals.progress.connect(on_progress)
    job.signals.done.connect(lambda _r: _running.discard(job))
    job.signals.failed.connect(lambda _e: _running.discard(job))
    QThreadPool.globalInstance().start(job)


def wait_for_background(timeout_ms: int = 30000) -> bool:
    return QThreadPool.globalInstance().waitForDone(timeout_ms)
