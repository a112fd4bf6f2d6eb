#!/usr/bin/env bash
# Install (if needed) and start ZJTX Desktop. Extra arguments go to `zjtx`.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
exec .venv/bin/zjtx "$@"
