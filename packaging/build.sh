#!/usr/bin/env bash
# Build the one-folder Linux bundle and smoke-test it: `bash packaging/build.sh`.
# Prints the build time and the bundle size, then runs `--self-test` on the built binary, offscreen.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/bootstrap.sh
.venv/bin/python -m pip install -q -e ".[bundle]"
started=$(date +%s)
.venv/bin/pyinstaller --noconfirm --clean --log-level WARN \
  --distpath build/dist --workpath build/work packaging/socially-aware.spec
built=$(date +%s)
echo "build time: $((built - started)) s"
echo "bundle size: $(du -sh build/dist/socially-aware | cut -f1) ($(find build/dist/socially-aware -type f | wc -l) files)"
QT_QPA_PLATFORM=offscreen build/dist/socially-aware/socially-aware --self-test
