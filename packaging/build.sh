#!/usr/bin/env bash
# Build the one-folder Linux bundle, make it smaller and smoke-test it: `bash packaging/build.sh`.
# Prints the build time and the bundle size (the photo-content part apart), then runs `--self-test`
# on the built binary, offscreen. PyInstaller is CPU-heavy: it runs under `nice`.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/bootstrap.sh
.venv/bin/python -m pip install -q -e ".[bundle]"
started=$(date +%s)
nice -n 10 .venv/bin/pyinstaller --noconfirm --clean --log-level WARN \
  --distpath build/dist --workpath build/work packaging/socially-aware.spec
# ICU data cut to English, the gazetteer to the fields the review reads, symbols stripped (see slim.py).
nice -n 10 .venv/bin/python packaging/slim.py build/dist/socially-aware
built=$(date +%s)
echo "build time: $((built - started)) s"
echo "bundle size: $(du -sh build/dist/socially-aware | cut -f1) ($(find build/dist/socially-aware -type f | wc -l) files)"
QT_QPA_PLATFORM=offscreen build/dist/socially-aware/socially-aware --self-test
