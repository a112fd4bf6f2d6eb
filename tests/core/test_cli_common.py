"""The CLI's shared helpers: a core refusal becomes one Chinese line and an exit code; a module
adds a command to another module's group through the registration hook, not argparse internals."""

from __future__ import annotations

import argparse

import pytest

from zjtx_desktop.cli import build_parser
from zjtx_desktop.cli.common import refusing
from zjtx_desktop.core.exchange.trust import TrustError


def _args() -> argparse.Namespace:
    return argparse.Namespace()


def test_a_listed_error_becomes_the_message_with_its_hint_and_the_exit_code(capsys):
    @refusing("zjtx_desktop.core.exchange.trust:TrustError", code=1, hint="（请核对）")
    def cmd(args: argparse.Namespace) -> int:
        raise TrustError("指纹不对")

    assert cmd(_args()) == 1
    assert capsys.readouterr().err == "错误：指纹不对（请核对）\n"


def test_the_message_may_be_worded_by_the_command(capsys):
    @refusing("builtins:OSError", message=lambda e: f"无法写入：{e.strerror}")
    def cmd(args: argparse.Namespace) -> int:
        raise OSError(28, "No space left on device")

    assert cmd(_args()) == 2
    assert capsys.readouterr().err == "错误：无法写入：No space left on device\n"


def test_an_error_not_listed_is_not_swallowed():
    @refusing("zjtx_desktop.core.exchange.trust:TrustError")
    def cmd(args: argparse.Namespace) -> int:
        raise KeyError("x")

    with pytest.raises(KeyError):
        cmd(_args())


def test_a_misspelt_error_name_fails_even_when_the_command_would_succeed():
    @refusing("zjtx_desktop.core.exchange.trust:TrustEror")
    def cmd(args: argparse.Namespace) -> int:
        return 0

    with pytest.raises(AttributeError):
        cmd(_args())


def test_open_return_is_a_command_of_the_package_group_and_nowhere_else():
    from zjtx_desktop.cli.workspace import cmd_open_return

    parser = build_parser()
    args = parser.parse_args(["package", "open-return", "x.zjtx"])
    assert args.func is cmd_open_return
    assert args.file == "x.zjtx"
    with pytest.raises(SystemExit):  # not a top-level command
        parser.parse_args(["open-return", "x.zjtx"])


def test_every_command_module_s_groups_are_offered_to_extend(monkeypatch):
    """A module that returns a group from register() sees it extended by another's extend()."""
    import types

    import zjtx_desktop.cli as cli

    def register(sub):
        g = sub.add_parser("demo").add_subparsers(dest="demo_cmd", required=True)
        return {"demo": g}

    def extend(groups):
        groups["demo"].add_parser("extra").set_defaults(func=lambda a: 7)

    owner = types.ModuleType("owner")
    owner.register = register  # type: ignore[attr-defined]
    guest = types.ModuleType("guest")
    guest.register = lambda sub: None  # type: ignore[attr-defined]
    guest.extend = extend  # type: ignore[attr-defined]
    modules = {"test.owner": owner, "test.guest": guest}
    import importlib

    real = importlib.import_module
    monkeypatch.setattr(importlib, "import_module", lambda n: modules.get(n) or real(n))
    monkeypatch.setattr(cli, "COMMAND_MODULES", ("test.guest", "test.owner"))
    assert cli.main(["demo", "extra"]) == 7


@pytest.mark.parametrize(
    "argv",
    [
        [],
        ["gui"],
        ["gui", "--smoke", "--demo"],
        ["--db", "x.sqlite3", "gui", "--screenshot", "shots"],
        ["--db", "x.sqlite3"],
    ],
)
def test_a_window_start_is_read_as_the_full_command_line_reads_it(argv):
    # the window starts through a short parser (start-up time); it must understand exactly what
    # the full one does, so `zjtx gui …` means the same either way
    from zjtx_desktop.cli import _starts_window, build_window_parser

    assert _starts_window(argv)
    full = vars(build_parser().parse_args(argv))
    short = vars(build_window_parser().parse_args(argv))
    assert short == full


@pytest.mark.parametrize(
    "argv", [["--version"], ["forms", "list"], ["--db", "x", "drafts", "list"]]
)
def test_other_commands_get_the_full_command_line(argv):
    from zjtx_desktop.cli import _starts_window

    assert not _starts_window(argv)
