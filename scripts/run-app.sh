#!/usr/bin/env bash
# Install (first time) and start Socially Aware.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/bootstrap.sh
exec .venv/bin/socially-aware "$@"
