"""ZJTX Desktop — 专精特新申报助手."""

__version__ = "0.1.0"
