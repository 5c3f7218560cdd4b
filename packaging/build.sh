#!/usr/bin/env bash
# Build the one-folder Linux bundle, make it smaller and smoke-test it: `bash packaging/build.sh`.
# Prints the build time and the bundle size (the photo-content part apart), then runs `--self-test`
# on the built binary, offscreen. PyInstaller is CPU-heavy: it runs under `nice`.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/bootstrap.sh
.venv/bin/python -m pip install -q -e ".[bundle]"
# The bundle's OpenCV is the headless wheel of the same version (no Qt 5, X11 or font files: about 44 MB
# less). rapidocr-onnxruntime declares the GUI wheel and both install a `cv2` package, so the venv keeps
# the GUI one and the headless one goes into a folder of its own that the spec puts first.
opencv=$(.venv/bin/python -c 'from importlib.metadata import version; print(version("opencv-python"))')
.venv/bin/python -m pip install -q --no-deps --upgrade --target build/headless-opencv "opencv-python-headless==$opencv"
started=$(date +%s)
nice -n 10 .venv/bin/pyinstaller --noconfirm --clean --log-level WARN \
  --distpath build/dist --workpath build/work packaging/socially-aware.spec
# ICU data cut to English, the gazetteer in its compact form, symbols stripped (see slim.py).
nice -n 10 .venv/bin/python packaging/slim.py build/dist/socially-aware
if [ -d build/dist/socially-aware/_internal/opencv_python.libs ]; then
  echo "the GUI OpenCV wheel was bundled instead of the headless one" >&2
  exit 1
fi
built=$(date +%s)
echo "build time: $((built - started)) s"
echo "bundle size: $(du -sh build/dist/socially-aware | cut -f1) ($(find build/dist/socially-aware -type f | wc -l) files)"
QT_QPA_PLATFORM=offscreen build/dist/socially-aware/socially-aware --self-test
