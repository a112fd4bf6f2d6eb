"""Child process for the crash test: writes changes forever, printing each committed one."""

import sys
from pathlib import Path

from zjtx_desktop.core.store.drafts import DraftStore

path, app_id, start = Path(sys.argv[1]), sys.argv[2], int(sys.argv[3])
store = DraftStore(path)
i = start
while True:
    store.set(app_id, ("crash", f"f{i % 50}"), f"值{i}")
    print(i, flush=True)
    i += 1
