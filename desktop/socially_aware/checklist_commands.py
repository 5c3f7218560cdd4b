"""`socially-aware checklists keygen|pack|install`: IT's side and every desk's side of signed packs.

Kept apart from `cli.py` (which many people edit); `cli.py` only calls `add_checklist_commands`.
The commands use the same services as Settings → "Install a checklist update…".
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from socially_aware.terminal import for_terminal as shown


def add_checklist_commands(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("checklists", help="make, sign and install checklist packs (for IT and content owners)")
    actions = p.add_subparsers(dest="checklists_command", metavar="ACTION", required=True)
    keygen = actions.add_parser("keygen", help="make the organisation's signing key once: DIR/pack-key and .pub")
    keygen.add_argument("-o", "--output", dest="folder", metavar="DIR", type=Path, required=True)
    keygen.set_defaults(handler=_run_keygen)
    pack = actions.add_parser(
        "pack", help="check a folder of checklists as `validate` does and write it as one signed .sapack file"
    )
    pack.add_argument("folder", metavar="FOLDER", type=Path)
    pack.add_argument("--key", metavar="DIR/pack-key", type=Path, required=True)
    pack.add_argument("-o", "--output", metavar="FILE.sapack", type=Path, required=True)
    pack.add_argument(
        "--version",
        metavar="N",
        type=int,
        help="the pack's version (default: one more than the last pack made with this key)",
    )
    pack.set_defaults(handler=_run_pack)
    install = actions.add_parser(
        "install", help="verify a .sapack against the organisation's keys and install it for you"
    )
    install.add_argument("file", metavar="FILE.sapack", type=Path)
    install.set_defaults(handler=_run_install)


def _run_keygen(args: argparse.Namespace) -> int:
    from socially_aware.catalog.packkeys import PackKeyError, make_keys

    try:
        private, public = make_keys(args.folder)
    except (PackKeyError, OSError) as error:
        print(f"Not made: {shown(str(getattr(error, 'message', error)))}", file=sys.stderr)
        return 1
    print(f"Private key: {shown(str(private))} (only you can read it; keep it off shared drives)")
    print(f"Public key:  {shown(str(public))}")
    print("Put this line under pack_keys: in the system-wide deployment.yaml on every computer:")
    print(f"  - {public.read_text(encoding='ascii').strip()}")
    return 0


def _run_pack(args: argparse.Namespace) -> int:
    from socially_aware.catalog.loader import ORGANISATION_FILE, load_organisation
    from socially_aware.catalog.packkeys import PackKeyError
    from socially_aware.catalog.packs import PackError, pack_folder
    from socially_aware.locations import bundled_root

    bundled = bundled_root() / "checklists" / ORGANISATION_FILE
    try:
        organisation = load_organisation(bundled) if bundled.is_file() else None
        info = pack_folder(args.folder, args.key, args.output, organisation, args.version)
    except (PackError, PackKeyError) as error:
        for problem in getattr(error, "problems", ()):
            print(problem.compiler_style())
        print(f"Not packed: {shown(error.message)}", file=sys.stderr)
        return 1
    print(f"Wrote {shown(str(args.output))}: {shown(info.describe())}")
    return 0


def _run_install(args: argparse.Namespace) -> int:
    from socially_aware.catalog.packs import PackError, install_here
    from socially_aware.locations import Locations

    locations = Locations.default()
    try:
        done = install_here(args.file, locations.checklist_dirs, locations.packs_dir)
    except PackError as error:
        for problem in error.problems:
            print(problem.compiler_style())
        print(f"Not installed: {shown(error.message)}. Your checklists are as they were.", file=sys.stderr)
        return 1
    for problem in done.warnings:
        print(f"warning: {problem.compiler_style()}", file=sys.stderr)
    print(f"Installed: {shown(done.info.describe())}. The app uses them from its next start.")
    return 0
