#!/usr/bin/env bash
# Installs what a fresh Debian/Ubuntu machine lacks to run and test Socially Aware:
# the Qt system libraries, Xvfb, a keyring daemon for the tests, then a virtualenv in .venv.
# Safe to run again: it only installs what is missing.
set -euo pipefail
cd "$(dirname "$0")/.."

DEBIAN_PACKAGES=(
  # Qt's xcb and offscreen platforms
  libegl1 libgl1 libxkbcommon0 libxkbcommon-x11-0 libfontconfig1 libdbus-1-3
  libxcb-cursor0 libxcb-icccm4 libxcb-keysyms1 libxcb-shape0 libxcb-xinerama0
  libxcb-randr0 libxcb-render-util0 libxcb-image0 fonts-dejavu-core
  # a real keyring for the tests, on a private session bus; a virtual screen for screenshots
  gnome-keyring dbus xvfb xauth
  # checks the AppStream metadata in tests/test_packaging.py
  appstream
  # an independent metadata reader for the photo cleaner's tests and benchmark
  libimage-exiftool-perl
)

if command -v dpkg >/dev/null 2>&1; then
  missing=()
  for pkg in "${DEBIAN_PACKAGES[@]}"; do
    dpkg -s "$pkg" >/dev/null 2>&1 || missing+=("$pkg")
  done
  if [ ${#missing[@]} -gt 0 ]; then
    sudo=""
    [ "$(id -u)" -eq 0 ] || sudo="sudo"
    echo "Installing Debian packages: ${missing[*]}"
    $sudo apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${missing[@]}"
  fi
else
  echo "Not a Debian-like system: install the Qt 6 runtime libraries yourself (see README)." >&2
fi

PYTHON=${PYTHON:-python3}
if [ ! -x .venv/bin/python ]; then
  "$PYTHON" -m venv .venv
fi
.venv/bin/python -m pip install -q --upgrade pip
.venv/bin/python -m pip install -q -e ".[test]"
