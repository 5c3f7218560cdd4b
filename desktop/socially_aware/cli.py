"""The command line: the same services as the window, without one.

`socially-aware` with no subcommand starts the window. Each subcommand lives in its own
`_add_*` function so the parts of the app can grow without stepping on each other.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypedDict

from socially_aware import APP_NAME, __version__
from socially_aware.checklist_commands import add_checklist_commands
from socially_aware.terminal import for_terminal as shown

if TYPE_CHECKING:
    from socially_aware.catalog.model import Organisation
    from socially_aware.catalog.upkeep import Stale
    from socially_aware.progress.model import Appearance

Handler = Callable[[argparse.Namespace], int]


def _add_window_options(parser: argparse.ArgumentParser, default: object) -> None:
    """The window's own options, accepted before or after `gui` (`--dark`, `gui --dark`)."""
    theme = parser.add_mutually_exclusive_group()
    theme.add_argument(
        "--dark",
        dest="theme",
        action="store_const",
        const="dark",
        default=default,
        help="dark colours for this run (Settings has a lasting choice)",
    )
    theme.add_argument(
        "--light", dest="theme", action="store_const", const="light", default=default, help="light colours for this run"
    )


def _add_gui(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("gui", help="start the window (the default)")
    _add_window_options(p, argparse.SUPPRESS)  # so `--dark gui` keeps the value given before the subcommand
    p.set_defaults(handler=_run_gui)


class WindowOptions(TypedDict):
    theme: Appearance | None


def window_options(args: argparse.Namespace) -> WindowOptions:
    """What the parsed command line asks of the window, as keyword arguments for `app.run`/`create_app`."""
    from socially_aware.progress.model import Appearance

    theme = getattr(args, "theme", None)
    return {"theme": Appearance(theme) if theme else None}


def _run_gui(args: argparse.Namespace) -> int:
    from socially_aware.app import run

    return run(**window_options(args))


def _add_validate(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "validate",
        help="check checklist files or folders and report every problem with its file and line",
        description="Exit codes: 0 all good; 1 problems found; 2 a path is missing; "
        "3 (with --stale) every file is valid but some items are due for a check.",
    )
    p.add_argument("paths", nargs="+", metavar="PATH", type=Path)
    p.add_argument(
        "--stale",
        metavar="DAYS",
        type=_days,
        help="also list items whose `checked` date is more than DAYS days ago, or missing",
    )
    p.set_defaults(handler=_run_validate)


def _days(text: str) -> int:
    if not text.isdigit():
        raise argparse.ArgumentTypeError(f"{text!r} is not a whole number of days")
    return int(text)


EXIT_STALE = 3


def _run_validate(args: argparse.Namespace) -> int:
    from datetime import date

    from socially_aware.catalog.loader import ORGANISATION_FILE, check_paths, load_organisation
    from socially_aware.catalog.upkeep import confirmation, stale_items
    from socially_aware.locations import bundled_root

    missing = [p for p in args.paths if not p.exists()]
    for path in missing:
        print(f"{shown(str(path))}: no such file or folder", file=sys.stderr)
    if missing:
        return 2
    bundled = bundled_root() / "checklists" / ORGANISATION_FILE
    try:
        organisation = load_organisation(bundled) if bundled.is_file() else None
    except Exception:  # a broken bundled profile is itself reported when that folder is validated
        organisation = None
    checked = check_paths(args.paths, organisation)
    problems = checked.problems
    for problem in problems:
        print(problem.compiler_style())
    files = checked.files
    stale = [] if args.stale is None else stale_items(checked.platforms, args.stale, date.today())
    if args.stale is not None:
        _print_stale(stale, args.stale, len(checked.platforms), sum(len(p.items) for p in checked.platforms))
    if problems:
        print(f"{len(problems)} problem(s) in {len({p.path for p in problems})} of {files} file(s)")
        return 1
    print(f"{files} file(s) checked, no problems")
    if checked.platforms:
        print(confirmation(checked.platforms, date.today()).describe())
    return EXIT_STALE if stale else 0


def _print_stale(stale: list[Stale], days: int, platforms: int, items: int) -> None:
    by_file: dict[str, list[str]] = {}
    for entry in stale:
        by_file.setdefault(shown(str(entry.platform.source)), []).append(entry.describe())
    for path, lines in by_file.items():
        print(f"{path}:")
        for line in lines:
            print(f"  {shown(line)}")
    if stale:
        print(
            f"{len(stale)} of {items} item(s) in {len(by_file)} of {platforms} platform file(s) "
            f"were checked more than {days} day(s) ago, or never"
        )
    else:
        print(f"no item was checked more than {days} day(s) ago ({items} item(s) in {platforms} platform file(s))")


def _add_photo_commands(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("inspect", help="show what photos give away (location, camera, owner, previews)")
    p.add_argument("paths", nargs="+", metavar="PATH", type=Path, help="photos or folders (searched recursively)")
    p.add_argument("--json", action="store_true", help="machine-readable output")
    p.add_argument(
        "--shows", action="store_true", help="also look inside: the organisation's name in the picture, faces, codes"
    )
    p.set_defaults(handler=_run_inspect)
    _add_redact(sub)

    p = sub.add_parser("scrub", help="clean photos without re-encoding them; originals are kept unless --in-place")
    p.add_argument("paths", nargs="+", metavar="PATH", type=Path, help="photos or folders (searched recursively)")
    where = p.add_mutually_exclusive_group()
    where.add_argument("-o", "--output", type=Path, metavar="DIR", help='output folder (default: "<folder> (cleaned)")')
    where.add_argument("--in-place", action="store_true", help="replace the originals (asks first; --yes to skip)")
    p.add_argument("--yes", action="store_true", help="do not ask before cleaning in place")
    p.add_argument(
        "--jobs",
        type=int,
        default=min(os.cpu_count() or 1, 4),
        metavar="N",
        help="files cleaned at once, in separate processes (default: the number of cores, at most 4)",
    )
    p.add_argument(
        "--neutral-names", action="store_true", help="name outputs photo-0001.jpg … (camera names leak dates)"
    )
    p.add_argument("--keep-dates", action="store_true", help="give cleaned files the originals' modification dates")
    p.add_argument("--overwrite", action="store_true", help="replace files that already exist in the output folder")
    p.add_argument(
        "--drop-icc",
        action="store_true",
        help="remove colour profiles too (they can name a device; colours may then look slightly different)",
    )
    p.set_defaults(handler=_run_scrub)


def _run_inspect(args: argparse.Namespace) -> int:
    import json

    from socially_aware.scrubber import Group, inspect_file, summarise

    files = _photos_named(args.paths)
    if not files:
        return 2
    inspections = [inspect_file(f) for f in files]
    status = 1 if any(i.error for i in inspections) else 0  # as scrub: a file that could not be read is a failure
    looks = _looks(files) if args.shows else {}
    if args.json:
        print(
            json.dumps(
                [
                    {
                        "path": str(i.path),
                        "format": i.format,
                        "error": i.error,
                        "gps": list(i.gps) if i.gps else None,
                        "thumbnail_bytes": len(i.thumbnail) if i.thumbnail else 0,
                        "entries": [
                            {"group": e.group.value, "name": e.name, "value": e.value, "risky": e.risky}
                            for e in i.entries
                        ],
                    }
                    | _shows_json(looks, i.path)
                    for i in inspections
                ],
                indent=2,
            )
        )  # ASCII-only: C1 and bidi controls in a value are escaped too
        return status
    for inspection in inspections:
        print(f"{shown(inspection.path)} ({inspection.format or 'unreadable'})")
        if inspection.error:
            print(f"  cannot be read: {shown(inspection.error)}")
        for group in Group:
            for entry in (e for e in inspection.entries if e.group is group):
                print(f"  {'!' if entry.risky else ' '} {group.label}: {shown(entry.name)}: {shown(entry.value)}")
        if not inspection.entries and not inspection.error:
            print("    nothing found")
        if inspection.path in looks:
            _print_shows(looks[inspection.path])
    if len(inspections) > 1:
        print()
        for line in summarise(inspections).lines:
            print(shown(line))
    return status


def _looks(files: list[Path]) -> dict[Path, Any]:
    from socially_aware.photocontent.look import look_inside

    org = _organisation()
    return {f: look_inside(f, org) for f in files}


def _shows_json(looks: dict[Path, Any], path: Path) -> dict[str, object]:
    if path not in looks:
        return {}
    from socially_aware.photocontent.look import as_json

    look = looks[path]
    return {"shows": as_json(look), "shows_notes": list(look.notes), "shows_error": look.error or None}


def _print_shows(look: Any) -> None:
    print(f"  what it shows: {shown(look.summary())}")
    for item in look.shows:
        where = "×".join(map(str, (item.box.w, item.box.h))) + f" at {item.box.x},{item.box.y}"
        said = f' "{shown(item.text)}"' if item.text else ""
        print(f"  {'!' if item.matters else ' '} {item.kind.value}{said} ({where})")
        if item.term:
            print(f"      names {shown(item.term)}: {shown(item.why)} [{shown(item.policy)}]")
    for note in look.notes:
        print(f"  note: {shown(note)}")


def _add_redact(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "redact",
        help="cover the organisation's name (and faces or codes) in photos with a solid fill; save cleaned copies",
    )
    p.add_argument("paths", nargs="+", metavar="PHOTO", type=Path, help="photos or folders (searched recursively)")
    p.add_argument("-o", "--output", type=Path, metavar="DIR", required=True, help="folder for the covered copies")
    p.add_argument("--faces", action="store_true", help="cover faces too")
    p.add_argument("--codes", action="store_true", help="cover barcodes and QR codes too")
    p.set_defaults(handler=_run_redact)


def _run_redact(args: argparse.Namespace) -> int:
    from socially_aware.photocontent.redact import redact_file

    files = _photos_named(args.paths)
    if not files:
        return 2
    org = _organisation()
    failed = 0
    for path in files:
        result = redact_file(path, args.output, org, faces=args.faces, codes=args.codes)
        if result.error:
            failed += 1
            print(f"{shown(path)}: not redacted: {shown(result.error)}")
            continue
        covered = len(result.covered)
        print(
            f"{shown(path)} -> {shown(result.output)}: {covered} part{'s' * (covered != 1)} covered, metadata removed"
        )
        for item in result.still_shows:
            failed += 1
            print(f"  still readable after covering: {shown(item.text or item.kind.value)}")
        for note in result.notes:
            print(f"  note: {shown(note)}")
    return 1 if failed else 0


def _photos_named(paths: list[Path]) -> list[Path]:
    """The photos and videos in the paths; what is left out, and why, said on stderr."""
    from socially_aware.scrubber import gather_photos

    files, left_out = gather_photos(paths)
    for path, why in left_out:
        print(f"{shown(path)}: {shown(why)}", file=sys.stderr)
    if not files and not left_out:
        print("No photos found in the given paths.", file=sys.stderr)
    return files


def _run_scrub(args: argparse.Namespace) -> int:
    from socially_aware.scrubber import (
        BatchCleaner,
        CleanOptions,
        Outcome,
        default_output_dir,
        with_other_names,
    )

    files = _photos_named(args.paths)
    if not files:
        return 2
    linked = with_other_names(files) if args.in_place else []
    if linked:
        print(
            f"Warning: {len(linked)} of these photos {'has' if len(linked) == 1 else 'have'} other names (hard links), "
            f"for example {linked[0]}; "
            "cleaning in place replaces only the name given, and the other names keep the original.",
            file=sys.stderr,
        )
    if args.in_place and not args.yes:
        if not sys.stdin.isatty():
            print("Cleaning in place replaces the originals: add --yes to confirm.", file=sys.stderr)
            return 2
        answer = input(f"Replace {len(files)} original photo(s) with cleaned copies? [y/N] ")
        if answer.strip().lower() not in ("y", "yes"):
            print("Nothing was changed.")
            return 1
    options = CleanOptions(
        output_dir=None if args.in_place else (args.output or default_output_dir(args.paths)),
        in_place=args.in_place,
        overwrite=args.overwrite,
        neutral_names=args.neutral_names,
        keep_file_dates=args.keep_dates,
        keep_icc=not args.drop_icc,
    )

    def report(done: int, total: int, result: object) -> None:
        from socially_aware.scrubber import CleanResult

        assert isinstance(result, CleanResult)
        detail = "; ".join(part for part in (", ".join(result.removed), result.message) if part)
        print(
            f"[{done}/{total}] {result.outcome.value}: {shown(result.source)}"
            + (f" ({shown(detail)})" if detail else "")
        )

    if args.jobs <= 1:  # this process is then the worker: it reuses each photo's memory for the next, as workers do
        from socially_aware.scrubber.batch import keep_freed_memory

        keep_freed_memory()
    results = BatchCleaner(options, jobs=args.jobs, processes=args.jobs > 1).run(files, args.paths, on_result=report)
    counts = {o: sum(r.outcome is o for r in results) for o in Outcome}
    print(", ".join(f"{n} {o.value}" for o, n in counts.items() if n))
    written = counts[Outcome.CLEANED] + counts[Outcome.REENCODED] + counts[Outcome.ALREADY_CLEAN]
    if written and not args.in_place:
        print(f"Cleaned copies are in: {shown(options.output_dir)}")
    return 1 if counts[Outcome.FAILED] else 0


def _add_account_commands(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("accounts", help="find accounts registered with an official email, offline")
    actions = p.add_subparsers(dest="accounts_command", metavar="ACTION", required=True)
    scan = actions.add_parser("scan", help="read password-manager or browser exports and mail (.eml folders, mbox)")
    scan.add_argument("paths", nargs="+", metavar="FILE_OR_DIR", type=Path)
    scan.add_argument("--json", action="store_true", help="machine-readable output (site names only)")
    scan.set_defaults(handler=_run_accounts_scan)
    queries = actions.add_parser("queries", help="searches to type into Gmail or Outlook for sign-up mail")
    queries.set_defaults(handler=_run_accounts_queries)


def _organisation() -> Organisation:
    from socially_aware.catalog.loader import load_catalog
    from socially_aware.locations import Locations

    catalog = load_catalog(Locations.default().checklist_dirs)
    for notice in catalog.notices():  # the official domains come from a per-user copy: say so, as the window does
        print(shown(notice), file=sys.stderr)
    return catalog.organisation


def _run_accounts_scan(args: argparse.Namespace) -> int:
    import json

    from socially_aware.accounts import scan_paths
    from socially_aware.accounts.platform_sites import is_own_site

    org = _organisation()
    report = scan_paths(args.paths, org.all_email_domains, org.corporate_id_pattern)
    # The organisation's own sites (its intranet, its webmail) are where an official login belongs.
    own = [r for r in report.rows if is_own_site(r.site, org.all_email_domains)]
    report.rows = [r for r in report.rows if r not in own]
    if args.json:
        print(
            json.dumps(
                {
                    "services": [
                        {"site": r.site, "checklist": r.platform_id, "found_in": list(r.sources)} for r in report.rows
                    ],
                    "files": [
                        {
                            "path": str(f.path),
                            "format": f.kind,
                            "entries": f.entries,
                            "official": f.official,
                            "dropped": f.dropped,
                            "skipped": f.skipped,
                            "error": f.error,
                        }
                        for f in report.files
                    ],
                },
                indent=2,
            )
        )
    else:
        for f in report.files:
            print(f"{shown(f.path)}: {_file_outcome(f)}")
        print()
        for row in report.rows:
            print(f"{shown(row.site)}  (checklist: {shown(row.platform_id)}; found in {', '.join(row.sources)})")
        print(f"{len(report.rows)} service(s) use an official email or ID.")
        if own:
            print(f"Left out {len(own)} of {shown(org.short_name)}'s own sites: those are not accounts to close.")
    for path in report.exports_to_delete:
        print(f"Delete {shown(path)} now: it holds your passwords.", file=sys.stderr)
    return 1 if any(f.error for f in report.files) else 0


def _file_outcome(f: Any) -> str:
    if f.error:
        return shown(f.error)
    unit = "file(s) of mail" if f.kind == "mail" else "entries"
    parts = [f"{f.kind}, {f.entries} {unit}, {f.official} on an official login"]
    if f.dropped:
        parts.append(f"{f.dropped} more on an official login with no readable site name (left out)")
    if f.skipped:
        parts.append(
            f"{f.skipped} {'message(s) or file(s)' if f.kind == 'mail' else 'misaligned row(s)'} "
            "could not be read (left out)"
        )
    return "; ".join(parts)


def _run_accounts_queries(args: argparse.Namespace) -> int:
    from socially_aware.accounts import search_queries

    for where, query in search_queries(_organisation().all_email_domains).items():
        print(f"{shown(where)}:\n  {shown(query)}")
    return 0


def _add_review(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "review",
        help="find posts, photos, check-ins and profile fields that identify you as staff, "
        "in your platforms' data downloads (read in place, offline)",
    )
    p.add_argument(
        "paths",
        nargs="+",
        metavar="ARCHIVE_OR_FOLDER",
        type=Path,
        help="a platform's download (.zip) or the folder it was unpacked to",
    )
    p.add_argument("--json", action="store_true", help="machine-readable output")
    p.set_defaults(handler=_run_review)


def _run_review(args: argparse.Namespace) -> int:
    from socially_aware.review.report import report_json, report_lines
    from socially_aware.review.service import review_paths

    org = _organisation()
    report = review_paths(args.paths, org)
    if args.json:
        import json

        print(json.dumps(report_json(report, org), indent=2, ensure_ascii=True))
    else:
        for line in report_lines(report, org):
            print(line)
    return 0 if report.platforms else 2  # 2: nothing given could be read as a platform's download


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
    _add_window_options(parser, None)
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    _add_gui(sub)
    _add_validate(sub)
    add_checklist_commands(sub)
    _add_photo_commands(sub)
    _add_account_commands(sub)
    _add_review(sub)
    return parser


def main(argv: Sequence[str]) -> int:
    parser = build_parser()
    args = parser.parse_args(list(argv))
    if args.self_test:
        from socially_aware.selftest import run_self_test

        return run_self_test()
    handler: Handler = getattr(args, "handler", _run_gui)
    return handler(args)
