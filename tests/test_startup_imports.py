"""What a start loads before the window's first paint: none of the heavy modules it doesn't need yet.

The start-up goal (under 0.5 s to the first paint, `benchmarks/startup.py`) is kept by what is *not*
imported, which a test can check without timing anything: a new process builds the window as the
app does, paints it once, and lists `sys.modules`. Each name below is either heavy to import or only
needed once the person uses a feature; a lazy import that turns eager again fails here.
"""

from __future__ import annotations

import importlib.util
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

CHILD = r"""
import json, sys
from pathlib import Path
from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication
from socially_aware.app import build_window
from socially_aware.locations import Locations
from socially_aware.progress.keys import PassphraseKeySource

at_first_paint = []

class FirstPaint(QObject):
    def eventFilter(self, watched, event):
        if event.type() == QEvent.Type.Paint and not at_first_paint:
            at_first_paint.extend(sorted(sys.modules))  # what was loaded to paint, not what comes after
            QTimer.singleShot(0, app.quit)
        return False

app = QApplication(sys.argv[:1])
window = build_window(Locations.under(Path(sys.argv[1])), PassphraseKeySource("a start-up test"))
window.installEventFilter(FirstPaint(window))
window.show()
app.exec()
print(json.dumps(at_first_paint))
"""

FORMAT_MODULES = ("jpeg", "png", "webp", "heif", "tiff", "gif", "video")

NOT_AT_START = {
    # Photo content: models and image libraries load when the first photo is looked at.
    "cv2": "OpenCV (the photo-content detectors)",
    "numpy": "numpy (the photo-content detectors)",
    "onnxruntime": "ONNX Runtime (the photo-content models)",
    "PIL": "Pillow (cleaning, previews)",
    "pillow_heif": "the HEIF decoder",
    "pi_heif": "the HEIF decoder",
    # The checklists are validated by a quick check made from schema.json; jsonschema words problems.
    "jsonschema": "jsonschema (only for a checklist file the quick check does not pass)",
    "referencing": "jsonschema's reference resolver",
    # Pack keys are read only when a deployment lists some, or a pack is made or installed.
    "cryptography.hazmat.primitives.serialization": "cryptography's key serialization (pack keys)",
    # A passphrase start has no use for the keyring library.
    "keyring": "the keyring library (a passphrase start)",
    # The posts review: readers, folding, gazetteer and detectors load when a review runs.
    "socially_aware.review.readers": "the review's platform readers",
    "socially_aware.review.service": "the review itself",
    "socially_aware.review.folding": "the review's text folding (confusables data)",
    "socially_aware.review.gazetteer": "the review's places (GeoNames data)",
    "socially_aware.review.draft": "the draft check",
    "socially_aware.review.detect": "the review's detectors",
    "socially_aware.review.places": "the review's place names",
    "socially_aware.review.documents": "the review's document reading",
    "socially_aware.photocontent.look": "looking inside a photo",
    "socially_aware.photocontent.redact": "redacting a photo",
    "socially_aware.photocontent.downloads": "the review's photo look",
    # The photo cleaner's formats load with its page, just after the first paint; its machinery when
    # the first file is added.
    **{f"socially_aware.scrubber.{name}": f"the {name} format module" for name in FORMAT_MODULES},
    "socially_aware.scrubber.registry": "the format registry",
    "socially_aware.scrubber.batch": "the photo cleaner's batch",
    "socially_aware.scrubber.cleaning": "the photo cleaner",
    "socially_aware.scrubber.preview": "photo previews",
    # Scanning for work-email accounts and saving step reports.
    "socially_aware.accounts.scan": "the accounts scan",
    "socially_aware.accounts.exports": "reading password-manager exports",
    "socially_aware.progress.step_reports": "saving step reports",
}


def _loaded_at_start(tmp_path: Path) -> set[str]:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    desktop = str(Path(__file__).resolve().parents[1] / "desktop")
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [desktop, os.environ.get("PYTHONPATH")]))
    done = subprocess.run(
        [sys.executable, "-c", CHILD, str(tmp_path)], env=env, capture_output=True, text=True, timeout=120, check=False
    )
    assert done.returncode == 0, done.stderr[-2000:]
    return set(json.loads(done.stdout.strip().splitlines()[-1]))


@pytest.fixture(scope="module")
def loaded(tmp_path_factory: pytest.TempPathFactory) -> set[str]:
    return _loaded_at_start(tmp_path_factory.mktemp("start"))


@pytest.mark.parametrize("name", sorted(NOT_AT_START))
def test_the_first_paint_does_not_load(loaded: set[str], name: str) -> None:
    eager = sorted(m for m in loaded if m == name or m.startswith(name + "."))
    assert not eager, f"{NOT_AT_START[name]} is imported before the first paint: {eager[:5]}"


def test_the_names_checked_are_real_modules() -> None:
    """A misspelt name would pass for ever; the project's own must all exist."""
    for name in NOT_AT_START:
        if name.startswith("socially_aware."):
            assert importlib.util.find_spec(name) is not None, name


def test_the_window_was_built(loaded: set[str]) -> None:
    assert {"socially_aware.app", "socially_aware.ui.main_window", "socially_aware.catalog.loader"} <= loaded
