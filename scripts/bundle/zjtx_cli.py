"""Entry of the frozen console executable `zjtx`: the command line, as `python -m zjtx_desktop`."""

from zjtx_desktop.cli import main

raise SystemExit(main())
