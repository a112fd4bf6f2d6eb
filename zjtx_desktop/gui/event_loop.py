"""Running the application's event loop so that it can run again in the same process."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QEvent


def exec_until_quit(qapp: QCoreApplication) -> int:
    """Run the event loop; when it ends, drop a Quit event still queued.

    Why: on quit Qt 6 closes the open windows, and closing the last one posts a *second*
    QEvent.Quit that is still queued when exec() returns. Delivered later by any
    processEvents() in the same process (pytest-qt does so after every test), it calls
    QCoreApplication.exit() with no loop running, which sets the thread's quit flag for good:
    every later QEventLoop.exec() returns -1 at once, so no QTimer fires again (after
    `zjtx workspace open --smoke` ran in a test process, the enterprise home's delayed
    completeness counts stayed “…”).
    """
    code = int(qapp.exec())
    QCoreApplication.removePostedEvents(qapp, QEvent.Type.Quit)
    return code
