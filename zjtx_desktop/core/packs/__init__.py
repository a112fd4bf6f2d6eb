"""Installable packs: new form definitions and rule sets that reach offline laptops as files.

A pack is a zip file (``*.zjtxpack``) holding ``manifest.yaml`` (id, version, date, source
documents, the SHA-256 of each file; ``forms/pack.schema.json``) and YAML files under
``forms/``, ``programmes/`` and ``criteria/``. ``install`` checks everything before writing
anything: the zip's member names (nothing outside the pack), the manifest against its schema,
every file's SHA-256, every definition against its schema and its references (a rule set may
name the pack's own forms or installed ones). It never replaces a definition: an id that
exists already is accepted only with another version, installed beside it; the rule version
that applies is then chosen by date (``eligibility.choose``), and a draft keeps the form
version it was started with.

Installed packs live in ``<user data>/packs/<id>/<version>/``. Loading them re-checks each
file's SHA-256, and a file that fails is skipped with a message (``problems()``): one bad
pack file never breaks the shipped definitions or the other packs.
"""

from zjtx_desktop.core.packs.install import (
    PackError,
    build_pack,
    install_pack,
    remove_pack,
)
from zjtx_desktop.core.packs.store import (
    InstalledPack,
    installed_files,
    installed_packs,
    packs_dir,
    problems,
)

__all__ = [
    "InstalledPack",
    "PackError",
    "build_pack",
    "install_pack",
    "installed_files",
    "installed_packs",
    "packs_dir",
    "problems",
    "remove_pack",
]
