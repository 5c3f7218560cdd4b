"""Screenshots of what a photo shows: Check before you post with its boxes, and the Redact dialog.

    xvfb-run -a -s "-screen 0 1920x1080x24" .venv/bin/python scripts/screenshots_photo_content.py

Uses a throwaway data folder and a generated desk photo (a sign naming the organisation, a decoy
sign, a pass's QR code) on a public-domain portrait; writes docs/screenshots/check-photo*.png and
redact*.png, light and dark. Runs the real models (a few seconds each).
"""

from __future__ import annotations

import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from PIL import Image
from PySide6.QtWidgets import QApplication

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from tests.photocontent.scenes import place_code, place_text
from tests.ui.dialogs import ScriptedDialogs

from socially_aware.app import build_window
from socially_aware.locations import Locations, bundled_root
from socially_aware.progress.keys import PassphraseKeySource
from socially_aware.progress.model import Appearance, ProgressDocument
from socially_aware.progress.store import ProgressStore
from socially_aware.ui.style import apply_style

OUT = bundled_root() / "docs" / "screenshots"
PORTRAIT = bundled_root() / "tests" / "data" / "portraits" / "astronaut.jpg"


def settle(app: QApplication, seconds: float = 0.3) -> None:
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        app.processEvents()
        time.sleep(0.02)


def wait_for(app: QApplication, done: Callable[[], bool], seconds: float = 90) -> None:
    end = time.monotonic() + seconds
    while time.monotonic() < end and not done():
        settle(app, 0.1)


def desk_photo(path: Path) -> Path:
    image = Image.open(PORTRAIT).convert("RGB").resize((1200, 1200))
    place_text(image, "AUSTRALIAN BORDER FORCE", (60, 900), height=34, angle=12)
    place_text(image, "Border Collie Club", (700, 60), height=30, plate=(235, 230, 210), ink=(30, 30, 30))
    place_code(image, "EXAMPLE-PASS-0001", (960, 880), scale=5)
    image.save(path, quality=92)
    return path


def one_run(app: QApplication, base: Path, dark: bool) -> None:
    apply_style(app, dark=dark)
    suffix = "-dark" if dark else ""
    locations = Locations.under(base / f"run{suffix}")
    keys = PassphraseKeySource("screenshots only")
    ProgressStore(locations.data_dir, keys).save(ProgressDocument(welcomed=True, platforms=["facebook"]))
    photo = desk_photo(base / f"desk{suffix}.jpg")
    window = build_window(locations, keys, dialogs=ScriptedDialogs(open_file=photo))
    choice = window.settings.appearance
    choice.setCurrentIndex(choice.findData((Appearance.DARK if dark else Appearance.LIGHT).value))
    window.resize(1440, 900)
    window.show()
    window.activateWindow()
    window.show_section(5)
    page = window.review
    page.show_draft_check()
    page.photo_button.click()
    panel = page.photo_shows
    assert panel is not None
    wait_for(app, lambda: panel.look is not None)
    settle(app, 0.5)
    window.grab().save(str(OUT / f"check-photo{suffix}.png"))
    panel.redact_button.click()
    dialog = page.redact_dialog
    assert dialog is not None
    settle(app, 0.5)
    dialog.grab().save(str(OUT / f"redact{suffix}.png"))
    dialog.save()
    wait_for(app, lambda: dialog.redaction is not None)
    settle(app, 0.3)
    dialog.grab().save(str(OUT / f"redact-saved{suffix}.png"))
    print(dialog.status.text())
    dialog.close()
    window.close()


def main() -> int:
    app = QApplication.instance() or QApplication(sys.argv[:1])
    assert isinstance(app, QApplication)
    OUT.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        for dark in (False, True):
            one_run(app, Path(tmp), dark)
    print(f"screenshots written to {OUT}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
