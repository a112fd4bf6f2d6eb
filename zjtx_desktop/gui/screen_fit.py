"""Every window and dialog fits the screen it opens on: 1366×768 laptops, and 125 %/150 %
scaling where a 1920×1080 screen offers only 1280×720 (logical) pixels."""

from __future__ import annotations

from PySide6.QtCore import QRect
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QMainWindow, QWidget

from zjtx_desktop.gui.style import WINDOW_SIZE

# the window frame and title bar are outside the widget's geometry: leave room for them
FRAME = (16, 48)


def available(widget: QWidget | None = None) -> QRect:
    """The screen area a window may use (without the taskbar), in logical pixels."""
    screen = widget.screen() if widget is not None else None
    screen = screen or QGuiApplication.primaryScreen()
    return screen.availableGeometry()


def fit_to_screen(widget: QWidget) -> None:
    """Shrink ``widget`` (and its minimum size) to the available screen and centre it; its
    content must scroll or reflow below that size."""
    area = available(widget)
    max_w, max_h = area.width() - FRAME[0], area.height() - FRAME[1]
    widget.setMaximumSize(max(max_w, 200), max(max_h, 150))
    minimum = widget.minimumSize()
    widget.setMinimumSize(min(minimum.width(), max_w), min(minimum.height(), max_h))
    width = min(widget.width(), max_w)
    height = min(widget.height(), max_h)
    widget.resize(width, height)
    x = area.x() + (area.width() - width) // 2
    y = area.y() + max(0, (area.height() - height - FRAME[1]) // 2)
    widget.move(x, y)


def fits(widget: QWidget) -> bool:
    """Whether the widget, as laid out, is within the available screen (tests ask)."""
    area = available(widget)
    size = widget.frameGeometry().size().expandedTo(widget.size())
    hint = widget.minimumSizeHint()
    return (
        size.width() <= area.width()
        and size.height() <= area.height()
        and hint.width() <= area.width()
        and hint.height() <= area.height()
    )


def show_main_window(window: QMainWindow) -> None:
    """1366×768 where the screen allows, never larger than the screen (at 150 % a 1920×1080
    screen offers 1280×720 and a 1366×768 one 911×512): the parts scroll and reflow."""
    window.resize(*WINDOW_SIZE)
    fit_to_screen(window)
    window.show()
