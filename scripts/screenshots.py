"""Screenshots of the real window for the README: `xvfb-run -a .venv/bin/python scripts/screenshots.py`.

Uses a throwaway data folder, the shipped checklists and a generated photo; writes docs/screenshots/.
"""

from __future__ import annotations

import io
import sys
import tempfile
import time
from pathlib import Path

from PIL import Image
from PySide6.QtWidgets import QApplication

from socially_aware.app import build_window
from socially_aware.locations import Locations, bundled_root
from socially_aware.progress.keys import PassphraseKeySource
from socially_aware.progress.model import ItemState
from socially_aware.ui.style import apply_style

OUT = bundled_root() / "docs" / "screenshots"


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


def main() -> int:
    app = QApplication.instance() or QApplication(sys.argv[:1])
    assert isinstance(app, QApplication)
    OUT.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        base = Path(tmp)
        for dark in (False, True):
            apply_style(app, dark=dark)
            locations = Locations.under(base / ("dark" if dark else "light"))
            window = build_window(locations, PassphraseKeySource("screenshots only"))
            window.resize(1180, 800)
            window.show()
            settle(app)
            suffix = "-dark" if dark else ""
            if not dark:
                window.grab().save(str(OUT / "welcome.png"))
            window.welcome.start_button.click()
            window.picker.set_selection(["facebook", "linkedin", "instagram", "strava", "iphone"], [])
            window.picker.surface_boxes[next(iter(window.picker.surface_boxes))].setChecked(True)
            settle(app)
            if not dark:
                window.grab().save(str(OUT / "choose-platforms.png"))
            window.picker.done_button.click()
            tracker = window.tracker
            for key in ("linkedin/quiet-edits", "linkedin/remove-experience", "iphone/camera-location", "facebook/tag-review"):
                item = tracker.catalog.item(key)
                if item:
                    tracker.mark(item, ItemState.DONE)
            window.show_section(0)
            settle(app)
            window.grab().save(str(OUT / f"overview{suffix}.png"))
            window.open_item("facebook/remove-workplace")
            settle(app)
            window.grab().save(str(OUT / f"checklist{suffix}.png"))
            if not dark:
                photos = base / "Camera Roll"
                photos.mkdir()
                _photo(photos)
                window.show_section(2)
                window.photos.add_paths([photos])
                for _ in range(100):
                    settle(app, 0.05)
                    if not window.photos.worker.busy() and window.photos.table.rowCount():
                        break
                window.photos.table.selectRow(0)
                settle(app)
                window.grab().save(str(OUT / "photo-cleaner.png"))
                export = base / "chrome-passwords.csv"
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
                for _ in range(100):
                    settle(app, 0.05)
                    if not window.accounts.worker.busy() and window.accounts.table.rowCount():
                        break
                settle(app)
                window.grab().save(str(OUT / "work-email-accounts.png"))
                window.show_section(4)
                settle(app)
                window.grab().save(str(OUT / "settings.png"))
            window.close()
    print(f"screenshots written to {OUT}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
