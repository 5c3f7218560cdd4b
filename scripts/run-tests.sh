#!/usr/bin/env bash
# Install (first time) and run the whole test suite, headless, against a real keyring:
# gnome-keyring-daemon on a private D-Bus session that ends with the run.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/bootstrap.sh
export QT_QPA_PLATFORM=offscreen
export SOCIALLY_AWARE_REQUIRE_KEYRING=1
exec dbus-run-session -- bash scripts/with-test-keyring.sh .venv/bin/python -m pytest "$@"
