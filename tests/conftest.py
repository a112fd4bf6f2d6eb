"""The whole suite: ``--deep`` runs the hostile-input and fault suites long; the user's data folder
is a temporary one."""

from __future__ import annotations

import os
import tempfile

import pytest

# The suite never writes into the real user's data folder (drafts database, installed packs, the
# window's settings.json with the role question's answer): the test process and every program it
# starts get their own, unless the caller or a test sets one itself.
if not os.environ.get("ZJTX_USER_DATA"):
    os.environ["ZJTX_USER_DATA"] = tempfile.mkdtemp(prefix="zjtx-tests-user-")


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
