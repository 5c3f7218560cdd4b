"""The command line: the same services as the window, without one.

`socially-aware` with no subcommand starts the window. Each subcommand lives in its own
`_add_*` function so the parts of the app can grow without stepping on each other.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable, Sequence
from pathlib import Path

from socially_aware import APP_NAME, __version__

Handler = Callable[[argparse.Namespace], int]


def _add_gui(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("gui", help="start the window (the default)")
    p.set_defaults(handler=_run_gui)


def _run_gui(args: argparse.Namespace) -> int:
    from socially_aware.app import run

    return run(sys.argv[:1])


def _add_validate(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "validate",
        help="check checklist files or folders and report every problem with its file and line",
    )
    p.add_argument("paths", nargs="+", metavar="PATH", type=Path)
    p.set_defaults(handler=_run_validate)


def _run_validate(args: argparse.Namespace) -> int:
    from socially_aware.catalog.loader import ORGANISATION_FILE, load_organisation, validate_paths
    from socially_aware.locations import bundled_root

    missing = [p for p in args.paths if not p.exists()]
    for path in missing:
        print(f"{path}: no such file or folder", file=sys.stderr)
    if missing:
        return 2
    bundled = bundled_root() / "checklists" / ORGANISATION_FILE
    try:
        organisation = load_organisation(bundled) if bundled.is_file() else None
    except Exception:  # a broken bundled profile is itself reported when that folder is validated
        organisation = None
    problems = validate_paths(args.paths, organisation)
    for problem in problems:
        where = f"{problem.path}:{problem.line}" if problem.line else str(problem.path)
        field = f" {problem.field}:" if problem.field else ""
        print(f"{where}:{field} {problem.message}")
    files = sum(len(list(p.glob("*.yaml"))) if p.is_dir() else 1 for p in args.paths)
    if problems:
        print(f"{len(problems)} problem(s) in {len({p.path for p in problems})} of {files} file(s)")
        return 1
    print(f"{files} file(s) checked, no problems")
    return 0


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
