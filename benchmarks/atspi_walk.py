"""What Orca would hear, over the real accessibility bus (AT-SPI), for every page of the window.

    bash benchmarks/atspi-walk.sh        # needs xvfb-run, dbus-run-session, at-spi2-core, python3-pyatspi

Two roles in one file. `--drive` (the app's Python, with PySide6) opens the real window with the shipped
checklists in a throwaway folder and shows each page in turn; `--read` (the system Python, with pyatspi)
reads the application's accessible tree from the bus each time and counts what a screen reader user would
miss: focusable controls without a name, markup or a shortcut `&` in names and descriptions, drop-downs
named only by their value with no label pointing at them. They take turns through two files in a scratch
folder. Prints the findings per screen and the totals; exits 1 when there are any.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

SCREENS = (
    "welcome",
    "picker",
    "overview",
    "guided",
    "finish",
    "checklists",
    "photos",
    "accounts",
    "settings",
    "review",
)


def _wait(path: Path, text: str, seconds: float = 60) -> bool:
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        if path.exists() and path.read_text(encoding="utf-8") == text:
            return True
        time.sleep(0.05)
    return False


def drive(scratch: Path) -> int:
    import tempfile

    from PySide6.QtWidgets import QApplication

    from socially_aware.app import build_window
    from socially_aware.catalog.model import Surface
    from socially_aware.locations import Locations
    from socially_aware.progress.keys import PassphraseKeySource

    app = QApplication(sys.argv[:1])
    showing, read = scratch / "showing", scratch / "read"

    def settle(seconds: float = 0.4) -> None:
        end = time.monotonic() + seconds
        while time.monotonic() < end:
            app.processEvents()
            time.sleep(0.02)

    with tempfile.TemporaryDirectory() as data:
        window = build_window(Locations.under(Path(data)), PassphraseKeySource("a walk over the bus"))
        window.resize(1280, 800)
        window.show()
        steps = {
            "welcome": lambda: None,
            "picker": window.welcome.start_button.click,
            "overview": lambda: (
                window.picker.set_selection(["facebook", "linkedin", "strava", "iphone"], [Surface.WEB, Surface.IOS]),
                window.picker.done_button.click(),
            ),
            "guided": window.start_session,
            "finish": lambda: [window.guided.skip_button.click() for _ in range(60) if window.session],
            "checklists": lambda: window.show_section(1),
            "photos": lambda: window.show_section(2),
            "accounts": lambda: window.show_section(3),
            "settings": lambda: window.show_section(4),
            "review": lambda: window.show_section(5),
        }
        for screen in SCREENS:
            steps[screen]()
            settle()
            showing.write_text(screen, encoding="utf-8")
            while not (read.exists() and read.read_text(encoding="utf-8") == screen):
                settle(0.05)  # the reader asks the window over the bus: keep answering it
        showing.write_text("end", encoding="utf-8")
        window.close()
    return 0


INTERACTIVE = {
    "push button",
    "check box",
    "radio button",
    "combo box",
    "text",
    "entry",
    "password text",
    "list",
    "table",
    "tree table",
    "spin button",
    "page tab",
    "progress bar",
    "toggle button",
    "slider",
}


def read(scratch: Path) -> int:
    import re

    import pyatspi

    markup = re.compile(r"<\s*/?\s*(qt|b|i|br|p|span|html|a)\b|&(lt|gt|amp);", re.IGNORECASE)
    mnemonic = re.compile(r"&(?=[^\s&])")
    showing, done = scratch / "showing", scratch / "read"
    totals: dict[str, int] = {}
    for screen in SCREENS:
        if not _wait(showing, screen):
            print(f"the window never showed {screen}")
            return 2
        desktop = pyatspi.Registry.getDesktop(0)
        apps = [a for a in desktop if a is not None and a.childCount > 0]  # our window is the only one here
        if not apps:
            names = [a.name for a in desktop if a is not None]
            print(f"{screen}: no application window on the bus (applications: {names})")
            return 2
        findings: list[str] = []
        heard: list[str] = []
        for application in apps:
            _walk(application, findings, markup, mnemonic, pyatspi, 0, heard)
        for finding in findings:
            kind = finding.split(":")[0]
            totals[kind] = totals.get(kind, 0) + 1
            print(f"{screen}: {finding}")
        print(f"{screen}: {len(findings)} finding(s) among {len(heard)} controls read, e.g. {heard[:3]}")
        done.write_text(screen, encoding="utf-8")
    _wait(showing, "end", 10)
    print("totals:", totals or "none")
    return 1 if totals else 0


def _walk(
    node: object, findings: list[str], markup: object, mnemonic: object, pyatspi: object, depth: int, heard: list[str]
) -> None:
    if node is None or depth > 60:
        return
    try:
        states = node.getState()
        if not states.contains(pyatspi.STATE_SHOWING):
            return
        role, name, description = node.getRoleName(), node.name or "", node.description or ""
        where = f"{role} {name[:50]!r}"
        if role in INTERACTIVE:
            heard.append(where)
        if role in INTERACTIVE and states.contains(pyatspi.STATE_FOCUSABLE) and not name.strip():
            findings.append(f"unnamed control: {where}")
        for part, text in (("name", name), ("description", description)):
            if markup.search(text):
                findings.append(f"markup in {part}: {where}")
            if mnemonic.search(text):
                findings.append(f"mnemonic & in {part}: {where}")
        if role == "combo box":
            labelled = [r for r in node.getRelationSet() if r.getRelationType() == pyatspi.RELATION_LABELLED_BY]
            if not labelled:
                findings.append(f"drop-down without a label: {where}")
        if role in ("table", "tree table", "list"):
            return  # rows are read as rows; walking thousands of cells says nothing more
        for index in range(node.childCount):
            _walk(node.getChildAtIndex(index), findings, markup, mnemonic, pyatspi, depth + 1, heard)
    except Exception as error:  # a node can vanish while it is read (the page changed)
        findings.append(f"unreadable node: {type(error).__name__}")


if __name__ == "__main__":
    role, scratch = sys.argv[1], Path(sys.argv[2])
    sys.exit(drive(scratch) if role == "--drive" else read(scratch))
