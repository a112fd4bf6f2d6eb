#!/usr/bin/env bash
# Install (if needed) and run the whole test suite, headless.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh test
export QT_QPA_PLATFORM=offscreen
.venv/bin/ruff check .
.venv/bin/mypy
exec .venv/bin/pytest "$@"
