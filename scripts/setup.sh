#!/usr/bin/env bash
# Set up everything the application needs on a fresh Debian/Ubuntu machine:
# the system libraries Qt and the tests use (when run as root), a virtualenv, the package.
# Usage: scripts/setup.sh [EXTRA]   e.g. scripts/setup.sh test
set -euo pipefail
cd "$(dirname "$0")/.."
extra="${1:-}"

system_packages=(
  # Qt's xcb/EGL platform plugins and their X libraries
  libegl1 libgl1 libxkbcommon0 libxkbcommon-x11-0 libfontconfig1 libdbus-1-3
  libxcb-cursor0 libxcb-icccm4 libxcb-keysyms1 libxcb-shape0 libxcb-xinerama0
  libxcb-randr0 libxcb-render-util0 libxcb-image0 libxcb-xkb1
  # Chinese must render as Chinese, never as boxes
  fonts-noto-cjk
  # reading exported PDFs back (pdftotext, pdffonts, pdftoppm)
  poppler-utils
  # the export tests open our .docx/.xlsx and convert the .docx to PDF with LibreOffice
  libreoffice-writer-nogui libreoffice-calc-nogui
  # Calibri's metric twin: an .xlsx's column widths count Calibri digits (openpyxl's default
  # font); without it LibreOffice measures DejaVu's wider digits and prints the sheet at 73 %
  # instead of the ~97 % the export's page breaks reckon with (core/export/excel.py)
  fonts-crosextra-carlito
  # scripts/build.sh: PyInstaller reads the shared libraries' dependencies with objdump
  binutils
)
if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
  missing=()
  for p in "${system_packages[@]}"; do
    dpkg -s "$p" >/dev/null 2>&1 || missing+=("$p")
  done
  if [ ${#missing[@]} -gt 0 ]; then
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
  fi
fi

python3 -m venv .venv
.venv/bin/python -m pip install -q --upgrade pip
if [ -n "$extra" ]; then
  .venv/bin/python -m pip install -q -e ".[$extra]"
else
  .venv/bin/python -m pip install -q -e .
fi
