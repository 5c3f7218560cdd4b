"""Read the real window the way Orca does: through AT-SPI, from a separate process, and count what a
screen-reader user would trip over.

    sudo apt-get install at-spi2-core python3-pyatspi xvfb gnome-keyring   # Debian 12
    /usr/bin/python3 scripts/atspi_walk.py [--dark] [--size 1024x640] [--python .venv/bin/python] [-v]

Run with Debian's own python3 (pyatspi is a Debian package, not on PyPI). It starts Xvfb, a private
D-Bus session (the accessibility bus is activated from it) and a throwaway keyring, then the app in the
project's venv with `QT_ACCESSIBILITY=1` and `QT_LINUX_ACCESSIBILITY_ALWAYS_ON=1`, a throwaway data folder
and the shipped checklists. The app side (`--serve`, run by the venv's python) takes one command per line
on stdin (first run, choose platforms, each section, a guided item, the finish screen, with a photo, an
accounts export and a review download loaded) and answers "ready"; after each one this process walks
the app's AT-SPI tree and records:

- focusable controls without a name;
- generic names ("Item", "Steps", "Label", ...);
- names or descriptions with markup (`<b>`, `&amp;`) or a mnemonic `&`;
- drop-downs named by their current value with no label pointing at them (labelled-by);
- scroll areas that are focusable and unnamed;
- labels whose text is empty to AT-SPI (shown on screen, nothing to read);

and it counts the headings per screen (role "heading", `ui/headings.py`: what Orca's H key jumps between).
It prints counts per kind (an object shown on two screens counts on each) and, with -v, every finding with where it
was. Exit status is 0 whatever it finds: it measures, the QAccessible test in tests/ui enforces.
"""

from __future__ import annotations

import argparse
import contextlib
import os
import re
import select
import shutil
import subprocess
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
SCREENS = (
    "welcome",
    "picker",
    "section 0",
    "guided",
    "finish",
    "section 1",
    "section 2",
    "section 3",
    "section 4",
    "section 5",
)
"""What the walk visits, in order: first run, the platform picker, then (with platforms chosen and a
photo, an accounts export and a download loaded) Overview, a guided item, the finish screen, and
Ctrl+2…Ctrl+6."""

GENERIC = {"item", "items", "steps", "list", "table", "text", "label", "button", "value", "details", "scroll area"}
MARKUP = re.compile(r"<\s*/?\s*(qt|b|i|br|p|span|html|a|img|font)\b|&(lt|gt|amp|quot|nbsp);", re.IGNORECASE)
MNEMONIC = re.compile(r"&(?=[^\s&;])")
KINDS = (
    "focusable control without a name",
    "generic name",
    "markup in name or description",
    "mnemonic & in name",
    "drop-down named by its value",
    "focusable unnamed scroll area",
    "label empty to AT-SPI",
)


# ---- the app side (venv python) -------------------------------------------------------------------


def serve(dark: bool, size: tuple[int, int]) -> int:  # pragma: no cover - a tool, run by hand
    """Build the real window on a throwaway store and run one command per stdin line."""
    import io

    from PIL import Image
    from PySide6.QtCore import QSocketNotifier
    from PySide6.QtWidgets import QApplication

    from socially_aware.app import build_window
    from socially_aware.catalog.model import Surface
    from socially_aware.locations import Locations
    from socially_aware.progress.keys import PassphraseKeySource
    from socially_aware.progress.model import Appearance

    app = QApplication(["socially-aware"])
    app.setApplicationName("socially-aware")
    base = Path(tempfile.mkdtemp(prefix="atspi-walk-"))
    locations = Locations.under(base / "data")
    theme = Appearance.DARK if dark else Appearance.LIGHT
    window = build_window(locations, PassphraseKeySource("atspi walk only"), theme=theme)
    window.resize(*size)
    window.show()
    window.activateWindow()

    def load_examples() -> None:
        window.picker.set_selection(
            ["facebook", "linkedin", "instagram", "strava", "iphone"], [Surface.WEB, Surface.IOS]
        )
        window.picker.done_button.click()
        photos = base / "Camera Roll"
        photos.mkdir()
        exif = Image.Exif()
        exif[0x010F] = "Apple"
        buffer = io.BytesIO()
        Image.linear_gradient("L").resize((320, 240)).convert("RGB").save(buffer, "JPEG", exif=exif)
        (photos / "IMG_0001.jpg").write_bytes(buffer.getvalue())
        window.photos.add_paths([photos])
        export = base / "passwords.csv"
        export.write_text(
            "name,url,username,password,note\n"
            "strava.com,https://www.strava.com/login,alex.officer@border.gov.au,example-only,\n"
            "linkedin.com,https://www.linkedin.com/login,alex.officer@border.gov.au,example-only,\n",
            encoding="utf-8",
        )
        window.accounts.scan_paths([export])
        review = getattr(window, "review", None)
        if hasattr(review, "review_paths"):
            sys.path.insert(0, str(ROOT))
            from tests.review import samples

            download = samples.write_zip(base / "facebook-download.zip", samples.facebook())
            review.review_paths([download])

    def run(command: str) -> None:
        if command == "picker":
            window.welcome.start_button.click()
        elif command == "section 0":
            load_examples()
            window.show_section(0)
        elif command.startswith("section "):
            window.show_section(int(command.split()[1]))
        elif command == "guided":
            window.start_session()
            window.guided.done_button.click()
        elif command == "finish":
            session = window.session
            while session is not None and not session.finished:
                window.guided.done_button.click()
        elif command == "quit":
            window.close()
            app.quit()
            return
        deadline = time.monotonic() + 3
        while time.monotonic() < deadline:  # let background readers (photos, accounts, review) finish
            app.processEvents()
            time.sleep(0.05)
        print("ready", flush=True)

    notifier = QSocketNotifier(sys.stdin.fileno(), QSocketNotifier.Type.Read)
    notifier.activated.connect(lambda: run(sys.stdin.readline().strip() or "quit"))
    print("ready", flush=True)
    status = app.exec()
    shutil.rmtree(base, ignore_errors=True)
    return status


# ---- the reader side (Debian python3 + pyatspi) ---------------------------------------------------


def _findings(
    node: Any, pyatspi: Any, screen: str, out: dict[str, tuple[str, str]], seen: Counter[str], path: str = ""
) -> None:
    if path.count("/") > 80:
        return
    try:
        states = node.getState()
        role = node.getRole()
        name = node.name or ""
        description = node.description or ""
        count = node.childCount
    except Exception:  # an object that went away while we looked
        return
    if not states.contains(pyatspi.STATE_SHOWING):
        return
    role_name = node.getRoleName()
    seen[screen] += 1
    if role == pyatspi.ROLE_HEADING:
        seen[f"{screen}|heading"] += 1
    try:
        box = node.queryComponent().getExtents(pyatspi.WINDOW_COORDS)
        where_box = f"{box.x},{box.y} {box.width}x{box.height}"
        sized = box.width > 1 and box.height > 1
    except NotImplementedError:
        where_box, sized = "?", True
    parent = node.parent.name if node.parent is not None else ""
    where = f"[{screen}] {role_name} {name[:60]!r} ({description[:40]!r}) in {parent[:40]!r} at {where_box}"
    key = f"{role_name}|{name}|{path}"  # one object counted once however many screens show it

    def add(kind: str) -> None:
        out.setdefault(f"{kind}|{key}", (kind, where))

    focusable = states.contains(pyatspi.STATE_FOCUSABLE)
    rows = {pyatspi.ROLE_LIST_ITEM, pyatspi.ROLE_TABLE_CELL, pyatspi.ROLE_TABLE_ROW, pyatspi.ROLE_TABLE_COLUMN_HEADER}
    # An empty label is counted once, below: Qt calls a selectable label focusable (a click selects text).
    text_roles = {pyatspi.ROLE_LABEL, pyatspi.ROLE_HEADING}  # a heading is a label with the heading role
    quiet = rows | {pyatspi.ROLE_SCROLL_BAR} | text_roles
    if focusable and not name.strip() and role not in quiet:
        add("focusable control without a name" if role != pyatspi.ROLE_SCROLL_PANE else "focusable unnamed scroll area")
    if name.strip().casefold() in GENERIC and role not in rows | text_roles:
        add("generic name")  # a heading or column header reading "Steps" or "Details" is its own visible text
    if MARKUP.search(name) or MARKUP.search(description):
        add("markup in name or description")
    if MNEMONIC.search(name):
        add("mnemonic & in name")
    if role == pyatspi.ROLE_COMBO_BOX:
        labelled = any(
            r.getRelationType() == pyatspi.RELATION_LABELLED_BY and r.getNTargets() > 0 for r in node.getRelationSet()
        )
        value = ""
        try:
            value = node.queryText().getText(0, -1)
        except NotImplementedError:
            for index in range(count):
                child = node.getChildAtIndex(index)
                for j in range(child.childCount if child else 0):
                    item = child.getChildAtIndex(j)
                    if item is not None and item.getState().contains(pyatspi.STATE_SELECTED):
                        value = item.name or ""
        if name.strip() and (name.strip() == value.strip() or not value) and not labelled:
            add("drop-down named by its value")
    if role in text_roles and not name.strip():
        text = ""
        with contextlib.suppress(NotImplementedError):
            text = node.queryText().getText(0, -1)
        if not text.strip() and sized:
            add("label empty to AT-SPI")
    if role == pyatspi.ROLE_COMBO_BOX:
        return  # its popup list is read when opened, not as part of the page
    for index in range(count):
        child = node.getChildAtIndex(index)
        if child is not None:
            _findings(child, pyatspi, screen, out, seen, f"{path}/{index}")


def _app_node(pyatspi: Any, pid: int) -> Any:
    for _ in range(100):
        desktop = pyatspi.Registry.getDesktop(0)
        for index in range(desktop.childCount):
            child = desktop.getChildAtIndex(index)
            try:
                if child is not None and child.get_process_id() == pid and child.childCount:
                    return child
            except Exception:  # noqa: S112 - an application that left the bus while we asked
                continue
        time.sleep(0.2)
    raise SystemExit("the app never appeared on the accessibility bus (is at-spi2-core installed?)")


def _read_ready(process: subprocess.Popen[str]) -> None:
    assert process.stdout is not None
    while True:
        ready, _, _ = select.select([process.stdout], [], [], 60)
        if not ready:
            raise SystemExit("the app did not answer within a minute")
        line = process.stdout.readline()
        if not line:
            raise SystemExit(f"the app ended (status {process.wait()})")
        if line.strip() == "ready":
            return


def inner(args: argparse.Namespace) -> int:
    import pyatspi  # Debian's python3 only, so not at the top

    env = dict(os.environ, QT_ACCESSIBILITY="1", QT_LINUX_ACCESSIBILITY_ALWAYS_ON="1", QT_QPA_PLATFORM="xcb")
    env["PYTHONPATH"] = str(ROOT / "desktop")
    command = [args.python, str(Path(__file__).resolve()), "--serve", "--size", args.size]
    process = subprocess.Popen(
        command + (["--dark"] if args.dark else []), stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True, env=env
    )
    assert process.stdin is not None
    found: dict[str, tuple[str, str]] = {}
    objects: Counter[str] = Counter()
    try:
        _read_ready(process)
        app = _app_node(pyatspi, process.pid)
        for screen in SCREENS:
            if screen != "welcome":
                process.stdin.write(screen + "\n")
                process.stdin.flush()
                _read_ready(process)
            app = _app_node(pyatspi, process.pid)
            for index in range(app.childCount):
                window = app.getChildAtIndex(index)
                if window is not None:
                    _findings(window, pyatspi, screen, found, objects, f"{screen}:{index}")
        process.stdin.write("quit\n")
        process.stdin.flush()
        process.wait(timeout=30)
    finally:
        if process.poll() is None:
            process.kill()
    tally = Counter(kind for kind, _ in found.values())
    theme = "dark" if args.dark else "light"
    shown = sum(objects[screen] for screen in SCREENS)
    print(f"AT-SPI walk, {args.size} {theme}: {shown} showing objects read on {len(SCREENS)} screens")
    print("  " + ", ".join(f"{screen} {objects[screen]}" for screen in SCREENS))
    headings = sum(objects[f"{screen}|heading"] for screen in SCREENS)
    print(
        f"  headings: {headings} (" + ", ".join(f"{screen} {objects[f'{screen}|heading']}" for screen in SCREENS) + ")"
    )
    for kind in KINDS:
        print(f"  {tally.get(kind, 0):4d}  {kind}")
    print(f"  {sum(tally.values()):4d}  in all")
    if args.verbose:
        for kind, where in sorted(found.values()):
            print(f"{kind}: {where}")
    return 0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--dark", action="store_true")
    parser.add_argument("--size", default="1024x640", help="window size, WIDTHxHEIGHT")
    parser.add_argument("--python", default=str(ROOT / ".venv" / "bin" / "python"), help="the app's python")
    parser.add_argument("-v", "--verbose", action="store_true", help="list every finding")
    parser.add_argument("--serve", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--inner", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    width, height = (int(part) for part in args.size.split("x"))
    if args.serve:
        return serve(args.dark, (width, height))
    if args.inner:
        return inner(args)
    # Outside: a screen, a private session bus (the accessibility bus starts from it) and a test keyring.
    again = [sys.executable, str(Path(__file__).resolve()), "--inner", *sys.argv[1:]]
    screen = f"-screen 0 {max(width, 1920)}x{max(height, 1080)}x24"
    keyring = str(ROOT / "scripts" / "with-test-keyring.sh")
    return subprocess.call(["xvfb-run", "-a", "-s", screen, "dbus-run-session", "--", "bash", keyring, *again])


if __name__ == "__main__":
    sys.exit(main())
