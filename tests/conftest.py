"""Options for the whole suite: ``--deep`` runs the hostile-input and fault suites long."""

from __future__ import annotations

import pytest


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--deep",
        action="store_true",
        help="hostile-input and fault suites: many more generated cases and kills (minutes)",
    )


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    from tests.hostile.tally import lines

    for line in lines():
        terminalreporter.write_line(line)
