from zjtx_desktop.cli import main

raise SystemExit(main())
