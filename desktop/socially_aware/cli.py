"""The command line: the same services as the window, without one.

`socially-aware` with no subcommand starts the window. Each subcommand lives in its own
`_add_*` function so the parts of the app can grow without stepping on each other.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable, Sequence

from socially_aware import APP_NAME, __version__

Handler = Callable[[argparse.Namespace], int]


def _add_gui(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("gui", help="start the window (the default)")
    p.set_defaults(handler=_run_gui)


def _run_gui(args: argparse.Namespace) -> int:
    from socially_aware.app import run

    return run(sys.argv[:1])


def _add_validate(sub: argparse._SubParsersAction) -> None:
    """Owned by the catalog work (issue 2)."""


def _add_photo_commands(sub: argparse._SubParsersAction) -> None:
    """`inspect` and `scrub`: owned by the photo cleaner work (issue 3)."""


def _add_account_commands(sub: argparse._SubParsersAction) -> None:
    """`accounts`: owned by the official-email account finder (issue 7)."""


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="socially-aware",
        description=f"{APP_NAME}: lock down your social media and clean your photos, offline.",
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    parser.add_argument(
        "--self-test",
        action="store_true",
        help="check that the catalog, the encrypted store and the photo cleaner work here, then exit",
    )
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    _add_gui(sub)
    _add_validate(sub)
    _add_photo_commands(sub)
    _add_account_commands(sub)
    return parser


def main(argv: Sequence[str]) -> int:
    parser = build_parser()
    args = parser.parse_args(list(argv))
    if args.self_test:
        from socially_aware.selftest import run_self_test

        return run_self_test()
    handler: Handler = getattr(args, "handler", _run_gui)
    return handler(args)
