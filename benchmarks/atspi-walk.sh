#!/usr/bin/env bash
# The window read over the real accessibility bus (AT-SPI), as Orca reads it. See benchmarks/atspi_walk.py.
# Needs: xvfb-run, dbus-run-session, at-spi2-core, python3-pyatspi (Debian packages).
set -euo pipefail
here="$(cd "$(dirname "$0")/.." && pwd)"
python="${PYTHON:-$here/.venv/bin/python}"
scratch="$(mktemp -d)"
trap 'rm -rf "$scratch"' EXIT
export QT_LINUX_ACCESSIBILITY_ALWAYS_ON=1 QT_ACCESSIBILITY=1 NO_AT_BRIDGE=0
exec xvfb-run -a -s "-screen 0 1280x800x24" dbus-run-session -- bash -c '
  /usr/libexec/at-spi-bus-launcher --launch-immediately &
  launcher=$!
  sleep 1
  PYTHONPATH="'"${DESKTOP:-$here/desktop}"'" "'"$python"'" "'"$here"'/benchmarks/atspi_walk.py" --drive "'"$scratch"'" &
  app=$!
  /usr/bin/python3 "'"$here"'/benchmarks/atspi_walk.py" --read "'"$scratch"'"
  status=$?
  wait "$app" || true
  kill "$launcher" 2>/dev/null || true
  exit $status
'
