"""Screenshot of the review page with findings that name their places (issue 18).

    xvfb-run -a -s "-screen 0 1920x1080x24" .venv/bin/python scripts/review_screenshot.py

Builds a small Google Takeout and a Facebook download (made-up person, made-up posts) in a
throwaway folder, reviews them in the real window and writes docs/screenshots/review-places.png
(1280×800, the first location finding selected).
"""

from __future__ import annotations

import json
import sys
import tempfile
import time
import zipfile
from pathlib import Path

from PySide6.QtWidgets import QApplication

from socially_aware.app import build_window
from socially_aware.catalog.model import Surface
from socially_aware.locations import Locations, bundled_root
from socially_aware.progress.keys import PassphraseKeySource
from socially_aware.review.model import Detector
from socially_aware.ui.style import apply_style

OUT = bundled_root() / "docs" / "screenshots" / "review-places.png"


def _takeout(path: Path) -> None:
    review = {
        "geometry": {"coordinates": [150.3119, -33.7321], "type": "Point"},
        "properties": {
            "Google Maps URL": "http://maps.google.com/?cid=1",
            "Location": {"Address": "Echo Point Rd, Katoomba NSW 2780", "Business Name": "Echo Point Lookout"},
            "Published": "2024-06-02T04:41:20Z",
            "Review Comment": "Great views after a week on the #BorderForce roster",
        },
    }
    visits = [
        {"latitudeE7": -339_150_000, "longitudeE7": 1_511_720_000, "timestamp": f"2024-03-{d:02d}T08:00:00Z"}
        for d in range(1, 20)
    ]
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("Takeout/archive_browser.html", "<html></html>")
        archive.writestr("Takeout/Maps (your places)/Reviews.json", json.dumps({"features": [review]}))
        archive.writestr("Takeout/Location History (Timeline)/Records.json", json.dumps({"locations": visits}))


def _facebook(path: Path) -> None:
    post = {
        "timestamp": 1_717_000_000,
        "title": "Alex checked in to Bondi Icebergs.",
        "data": [{"post": "Sunday swim"}],
        "attachments": [
            {
                "data": [
                    {
                        "place": {
                            "name": "Bondi Icebergs",
                            "address": "1 Notts Ave, Bondi Beach NSW",
                            "coordinate": {"latitude": -33.8949, "longitude": 151.2745},
                        }
                    }
                ]
            }
        ],
    }
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr(
            "your_facebook_activity/posts/your_posts__check_ins__photos_and_videos_1.json", json.dumps([post])
        )


def main() -> int:
    app = QApplication.instance() or QApplication(sys.argv[:1])
    assert isinstance(app, QApplication)
    apply_style(app, dark=False)
    with tempfile.TemporaryDirectory() as tmp:
        base = Path(tmp)
        takeout, facebook = base / "takeout-20240701.zip", base / "facebook-alex.zip"
        _takeout(takeout)
        _facebook(facebook)
        window = build_window(Locations.under(base / "data"), PassphraseKeySource("screenshots only"))
        window.resize(1280, 800)
        window.show()
        window.welcome.start_button.click()
        window.picker.set_selection(["facebook", "google"], [Surface.WEB])
        window.picker.done_button.click()
        window.show_section(5)
        window.review.review_paths([takeout, facebook])
        for _ in range(600):
            app.processEvents()
            time.sleep(0.05)
            if not window.review.busy() and window.review.tree.topLevelItemCount():
                break
        page = window.review
        for index in range(page.tree.topLevelItemCount()):
            group = page.tree.topLevelItem(index)
            chosen = next(
                (
                    group.child(i)
                    for i in range(group.childCount())
                    if (f := page._findings.get(group.child(i).data(0, 256)))
                    and f.detector in (Detector.WORK_SITE, Detector.LOCATION)
                ),
                None,
            )
            if chosen is not None:
                page.tree.setCurrentItem(chosen)
                break
        for _ in range(20):
            app.processEvents()
            time.sleep(0.02)
        OUT.parent.mkdir(parents=True, exist_ok=True)
        window.grab().save(str(OUT))
        window.close()
    print(f"written {OUT}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
