#!/usr/bin/env bash
# Inside a D-Bus session: start a throwaway, unlocked gnome-keyring, then run the given command.
set -euo pipefail
runtime=$(mktemp -d)
export XDG_RUNTIME_DIR="$runtime" XDG_DATA_HOME="$runtime/data"
mkdir -p "$XDG_DATA_HOME/keyrings"
# The password only unlocks this temporary keyring, which is deleted with $runtime.
eval "$(printf 'test-only\n' | gnome-keyring-daemon --unlock --components=secrets 2>/dev/null)" || true
eval "$(gnome-keyring-daemon --start --components=secrets 2>/dev/null)" || true
trap 'rm -rf "$runtime"' EXIT
"$@"
