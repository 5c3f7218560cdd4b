#!/usr/bin/env bash
# Installs what a fresh Debian/Ubuntu machine lacks to run and test Socially Aware:
# the Qt system libraries, Xvfb, a keyring daemon for the tests, then a virtualenv in .venv.
# Safe to run again, and offline once installed: apt and pip run only when something is missing
# or pyproject.toml changed since the last install (a stamp in .venv holds its hash).
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

if command -v dpkg-query >/dev/null 2>&1; then
  # One dpkg-query for the lot; a package it doesn't know prints nothing, so count what is installed.
  installed=$(dpkg-query -W -f='${db:Status-Status} ${Package}\n' "${DEBIAN_PACKAGES[@]}" 2>/dev/null \
    | awk '$1 == "installed" { print $2 }' || true)
  missing=()
  for pkg in "${DEBIAN_PACKAGES[@]}"; do
    grep -qx -- "$pkg" <<<"$installed" || missing+=("$pkg")
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
STAMP=.venv/.socially-aware-installed
if [ ! -x .venv/bin/python ]; then
  "$PYTHON" -m venv .venv
  rm -f "$STAMP"
fi

# What the last install was made from: pyproject.toml's hash. A stamp that matches, and every
# declared distribution still present, means there is nothing to do (and no network needed).
wanted=$(sha256sum pyproject.toml | cut -d' ' -f1)
all_present() {
  .venv/bin/python - <<'PY'
import importlib.metadata as metadata
import re
import sys
import tomllib

with open("pyproject.toml", "rb") as stream:
    project = tomllib.load(stream)["project"]
needed = [project["name"], *project["dependencies"], *project["optional-dependencies"]["test"]]
for requirement in needed:
    name = re.split(r"[\s<>=!~;\[]", requirement, maxsplit=1)[0]
    try:
        metadata.distribution(name)
    except metadata.PackageNotFoundError:
        sys.exit(1)
PY
}
if [ "$(cat "$STAMP" 2>/dev/null)" = "$wanted" ] && all_present; then
  exit 0
fi
.venv/bin/python -m pip install -q --upgrade pip
.venv/bin/python -m pip install -q -e ".[test]"
echo "$wanted" >"$STAMP"
