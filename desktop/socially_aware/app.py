"""Composition root: builds the services and hands them to the window. (Being written: issue 2.)"""

from __future__ import annotations


def run(argv: list[str]) -> int:
    raise SystemExit("The window is not built yet.")
