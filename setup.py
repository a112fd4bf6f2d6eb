"""Ships the top-level forms/ and resources/ inside the package, as ``zjtx_desktop/_data/``.

The client keeps forms/ and resources/ at the repository's top level; an installed application
has no repository, so the build maps them into the package (setuptools ``package_dir``) and
``zjtx_desktop.core.paths.data_root`` finds them there. Everything else is in pyproject.toml; this
file exists only because pyproject's ``packages.find`` cannot be combined with such a mapping.
"""

from pathlib import Path

from setuptools import find_packages, setup

HERE = Path(__file__).parent
# package name inside the wheel → directory in the repository
DATA_ROOTS = {"zjtx_desktop._data.forms": "forms", "zjtx_desktop._data.resources": "resources"}


def data_packages() -> dict[str, list[str]]:
    """Every directory below the data roots as a package holding all its files.

    Listing each subdirectory (new rule-set folders included, found at build time) keeps
    setuptools from warning that it would drop them.
    """
    out: dict[str, list[str]] = {}
    for package, root in DATA_ROOTS.items():
        for d in [HERE / root, *sorted((HERE / root).rglob("*"))]:
            rel = d.relative_to(HERE / root)
            if d.is_dir() and not any(p.startswith((".", "__")) for p in rel.parts):
                out[".".join([package, *rel.parts])] = ["*"]
    return out


DATA = data_packages()

setup(
    packages=find_packages(include=["zjtx_desktop", "zjtx_desktop.*"]) + list(DATA),
    package_dir=DATA_ROOTS,
    package_data=DATA,
    # the data is read from the file system (paths.py), never from a zip
    zip_safe=False,
)
