#!/usr/bin/env bash
# Build the one-folder desktop application (Linux): dist/ZJTX/ with `zjtx` (command line) and
# `ZJTX` (window), plus dist/ZJTX-<version>-linux-<arch>.tar.gz.
#   scripts/build.sh            build
#   scripts/build.sh --smoke    build, then run the release smoke set against the folder
# It installs the project NON-editable into a fresh build venv (no test tools in the bundle) and
# runs PyInstaller on scripts/bundle/zjtx.spec. System packages: scripts/setup.sh (as root).
set -euo pipefail
cd "$(dirname "$0")/.."
smoke=0
for a in "$@"; do
  case "$a" in
    --smoke) smoke=1 ;;
    *) echo "usage: scripts/build.sh [--smoke]" >&2; exit 2 ;;
  esac
done

venv=build/bundle-venv
start=$(date +%s)
# build/lib too: setuptools builds in-tree and never empties it, so files deleted from forms/
# would still ship
rm -rf "$venv" build/pyinstaller build/lib build/bdist.* dist/ZJTX
python3 -m venv "$venv"
"$venv/bin/python" -m pip install -q --upgrade pip
# non-editable: the package (and its data under zjtx_desktop/_data) is copied into the venv
"$venv/bin/python" -m pip install -q ".[bundle]"
"$venv/bin/pyinstaller" --noconfirm --clean --log-level WARN \
  --distpath dist --workpath build/pyinstaller scripts/bundle/zjtx.spec

version=$("$venv/bin/python" -c 'import zjtx_desktop; print(zjtx_desktop.__version__)')
archive="dist/ZJTX-${version}-linux-$(uname -m).tar.gz"
tar -C dist -czf "$archive" ZJTX
echo "built dist/ZJTX/ ($(du -sh dist/ZJTX | cut -f1)) and $archive ($(du -sh "$archive" | cut -f1))" \
  "in $(( $(date +%s) - start )) s"

if [ "$smoke" = 1 ]; then
  scripts/smoke.sh dist/ZJTX/zjtx dist/ZJTX/ZJTX
  # the frozen build only: data inside _internal/, and Python's UTF-8 mode on (see the spec)
  dist/ZJTX/zjtx about --json | python3 -c '
import json, sys
a = json.load(sys.stdin)
assert a["frozen"] and a["utf8_mode"], a
assert a["data_root"].endswith("_internal/zjtx_desktop/_data"), a["data_root"]
print("frozen build: data in", a["data_root"], "· UTF-8 mode on")'
fi
