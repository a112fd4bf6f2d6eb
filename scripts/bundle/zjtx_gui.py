"""Entry of the frozen windowed executable `ZJTX`: the window. `ZJTX --demo` is `zjtx gui --demo`;
other arguments go to `zjtx` as they are."""

import os
import sys

# A windowed Windows executable has no console: print() would fail on sys.stdout = None.
if sys.stdout is None:
    sys.stdout = open(os.devnull, "w", encoding="utf-8")  # noqa: SIM115 - lives as long as the app
if sys.stderr is None:
    sys.stderr = open(os.devnull, "w", encoding="utf-8")  # noqa: SIM115

from zjtx_desktop.cli import main  # after the stream guard

args = sys.argv[1:]
# `ZJTX --demo` is `zjtx gui --demo`
if not args or args[0] in ("--demo", "--smoke", "--screenshot"):
    args = ["gui", *args]
raise SystemExit(main(args))
