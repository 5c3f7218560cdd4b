"""Screenshots of the real window for the README and the issue notes.

    xvfb-run -a -s "-screen 0 1920x1080x24" .venv/bin/python scripts/screenshots.py

Uses a throwaway data folder, the shipped checklists and a generated photo; writes docs/screenshots/
at 1024×640 and 1920×1080, light and dark: `<screen>.png` is 1024×640 light, then `-dark`, `-1920`
and `-1920-dark` variants.
"""

from __future__ import annotations

import io
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from PIL import Image
from PySide6.QtWidgets import QApplication

from socially_aware.app import build_window
from socially_aware.catalog.model import Surface
from socially_aware.locations import Locations, bundled_root
from socially_aware.progress.errors import WrongPassphraseError
from socially_aware.progress.keys import PassphraseKeySource
from socially_aware.progress.model import Appearance, ItemState
from socially_aware.ui.export_passphrase import ExportPassphraseDialog
from socially_aware.ui.main_window import MainWindow
from socially_aware.ui.passphrase import PassphraseDialog
from socially_aware.ui.style import apply_style

OUT = bundled_root() / "docs" / "screenshots"
SIZES = ((1024, 640), (1920, 1080))
PLATFORMS = ["facebook", "linkedin", "instagram", "strava", "iphone"]
ALREADY_DONE = ("linkedin/quiet-edits", "linkedin/remove-experience", "iphone/camera-location", "facebook/tag-review")


def _photo(folder: Path) -> None:
    exif = Image.Exif()
    exif[0x010F] = "Apple"
    exif[0x0110] = "iPhone 15"
    exif[0x0131] = "17.4"
    gps = exif.get_ifd(0x8825)
    gps.update({1: "S", 2: (35.0, 18.0, 29.0), 3: "E", 4: (149.0, 7.0, 28.0)})
    image = Image.linear_gradient("L").resize((640, 480)).convert("RGB")
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", exif=exif)
    (folder / "IMG_20240101_0930.jpg").write_bytes(buffer.getvalue())


def settle(app: QApplication, seconds: float = 0.3) -> None:
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        app.processEvents()
        time.sleep(0.02)


def wait_for(app: QApplication, done: Callable[[], bool]) -> None:
    for _ in range(200):
        settle(app, 0.05)
        if done():
            return


def shoot(app: QApplication, window: MainWindow, name: str, suffix: str) -> None:
    settle(app)
    window.grab().save(str(OUT / f"{name}{suffix}.png"))


def one_run(app: QApplication, base: Path, size: tuple[int, int], dark: bool) -> None:
    apply_style(app, dark=dark)
    width, height = size
    suffix = ("" if width == SIZES[0][0] else f"-{width}") + ("-dark" if dark else "")
    locations = Locations.under(base / f"{width}{'-dark' if dark else ''}")
    window = build_window(locations, PassphraseKeySource("screenshots only"))
    choice = window.settings.appearance  # as a person would choose it in Settings
    choice.setCurrentIndex(choice.findData((Appearance.DARK if dark else Appearance.LIGHT).value))
    window.resize(width, height)
    window.show()
    window.activateWindow()  # so the focused control shows its ring, as it does for a person
    shoot(app, window, "welcome", suffix)
    window.welcome.start_button.click()
    window.picker.set_selection(PLATFORMS, [Surface.WEB, Surface.IOS])
    shoot(app, window, "choose-platforms", suffix)
    window.picker.done_button.click()
    tracker = window.tracker
    for key in ALREADY_DONE:
        if item := tracker.catalog.item(key):
            tracker.mark(item, ItemState.DONE)
    window.show_section(0)
    shoot(app, window, "overview", suffix)
    # The 15-minute session: its first item, then its own finish screen (one done, the rest skipped).
    window.start_quick_session()
    shoot(app, window, "quick-item", suffix)
    window.guided.done_button.click()
    while window.stack.currentWidget() is window.guided:
        window.guided.skip_button.click()
    shoot(app, window, "quick-finish", suffix)
    window.start_session()
    window.guided.done_button.click()
    window.guided.later_button.click()
    shoot(app, window, "guided-item", suffix)
    window.guided.back_button.click()  # Back says what was chosen before
    shoot(app, window, "guided-back", suffix)
    window.guided.skip_button.click()
    if window.guided.details.other_toggle.isVisible():
        window.guided.details.other_toggle.click()
    window.guided.details.why_toggle.click()
    shoot(app, window, "guided-item-open", suffix)
    for _ in range(6):
        window.guided.skip_button.click()
    session = window.session
    while session is not None and not session.finished:
        window.guided.not_applicable_button.click() if session.position % 3 == 0 else window.guided.done_button.click()
    shoot(app, window, "finish", suffix)
    if item := tracker.catalog.item("facebook/remove-workplace"):
        window.open_item(item)
    shoot(app, window, "checklist", suffix)

    photos = base / f"Camera Roll {width}{suffix}"
    photos.mkdir()
    _photo(photos)
    window.show_section(2)
    window.photos.add_paths([photos])
    wait_for(app, lambda: not window.photos.worker.busy() and window.photos.table.rowCount() > 0)
    window.photos.table.selectRow(0)
    shoot(app, window, "photo-cleaner", suffix)
    export = base / f"chrome-passwords{suffix}.csv"
    export.write_text(
        "name,url,username,password,note\n"
        "strava.com,https://www.strava.com/login,alex.officer@border.gov.au,example-only,\n"
        "plaxo.com,https://www.plaxo.com/signin,a.officer@mbc.gov.au,example-only,\n"
        "linkedin.com,https://www.linkedin.com/login,alex.officer@border.gov.au,example-only,\n"
        "tinder.com,https://tinder.com,alex@example.net,example-only,\n",
        encoding="utf-8",
    )
    window.show_section(3)
    window.accounts.scan_paths([export])
    wait_for(app, lambda: not window.accounts.worker.busy() and window.accounts.table.rowCount() > 0)
    shoot(app, window, "work-email-accounts", suffix)
    window.accounts.table.selectRow(0)  # "linkedin.com": an official account the person runs (issue 18)
    window.accounts.official_button.click()
    shoot(app, window, "work-email-accounts-official", suffix)
    window.show_section(4)
    shoot(app, window, "settings", suffix)
    _retries(app, window, suffix)
    window.close()


def _wrong(_passphrase: str) -> None:
    raise WrongPassphraseError("That passphrase does not open this file.", "Check it and try again.")


def _retries(app: QApplication, window: MainWindow, suffix: str) -> None:
    """The passphrase asked again in place: unlocking at start, and importing an export."""
    unlock = PassphraseDialog("Type the passphrase that protects your progress.", False, window, unlock=_wrong)
    unlock.show()
    unlock.first.setText("not the passphrase")
    unlock._accept()
    wait_for(app, lambda: unlock.attempts > 0)
    settle(app)  # its layout takes the reason's three lines a moment after the answer
    unlock.grab().save(str(OUT / f"passphrase-retry{suffix}.png"))
    unlock.close()
    dialog = ExportPassphraseDialog(False, window)
    dialog.problem.setText("That passphrase does not open this file. Check it and try again. Tried 1 time.")
    dialog.show()
    settle(app)
    dialog.grab().save(str(OUT / f"import-passphrase-retry{suffix}.png"))
    dialog.close()


def main() -> int:
    app = QApplication.instance() or QApplication(sys.argv[:1])
    assert isinstance(app, QApplication)
    OUT.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        for size in SIZES:
            for dark in (False, True):
                one_run(app, Path(tmp), size, dark)
    print(f"screenshots written to {OUT}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
