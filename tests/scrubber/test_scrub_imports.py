"""What `socially-aware scrub` loads to clean a JPEG: what cleaning needs, none of the rest of the app.

Starting Python and importing is a fixed cost every scrub pays before its first file (issue 21: the
cleaner against `exiftool -all=` in CPU time), so it is kept by what is *not* imported, which a test
can check without timing anything: a new process runs the command on a dirty JPEG with one job (the
process then cleans the file itself, so it loads everything cleaning needs) and lists `sys.modules`.
A lazy import that turns eager again, or a new eager one, fails here.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.scrubber.photos import dirty_jpeg

CHILD = r"""
import contextlib, io, json, sys
from socially_aware.cli import main

with contextlib.redirect_stdout(io.StringIO()):
    status = main(sys.argv[1:])
print(json.dumps({"status": status, "modules": sorted(sys.modules)}))
"""

NOT_FOR_A_SCRUB = {
    "PySide6": "Qt (the window)",
    "PIL": "Pillow (JPEGs are cleaned by walking their segments; Pillow only re-encodes other formats)",
    "pillow_heif": "the HEIF decoder",
    "pi_heif": "the HEIF decoder",
    "numpy": "numpy (the photo-content detectors)",
    "cv2": "OpenCV (the photo-content detectors)",
    "onnxruntime": "ONNX Runtime (the photo-content models)",
    "cryptography": "cryptography (pack keys, the progress store)",
    "keyring": "the keyring library",
    "jsonschema": "jsonschema (checklists)",
    "secrets": "the secrets module (it loads OpenSSL's hashlib and hmac; temporary names use os.urandom)",
    "_hashlib": "OpenSSL's hashlib",
    "socially_aware.app": "the window's wiring",
    "socially_aware.ui": "the window",
    "socially_aware.catalog": "the organisation's catalog",
    "socially_aware.progress": "the progress store",
    "socially_aware.review": "the posts review",
    "socially_aware.photocontent": "looking inside photos",
    "socially_aware.accounts": "the accounts scan",
    "socially_aware.scrubber.metadata": "inspection (what a photo holds), not needed to clean it",
    "socially_aware.scrubber.preview": "photo previews",
    "socially_aware.scrubber.reencode": "re-encoding (formats that are not cleaned losslessly)",
}


@pytest.fixture(scope="module")
def scrub_run(tmp_path_factory: pytest.TempPathFactory) -> tuple[set[str], Path]:
    work = tmp_path_factory.mktemp("scrub")
    (work / "in").mkdir()
    dirty_jpeg(work / "in" / "IMG_0001.jpg")
    env = dict(os.environ)
    desktop = str(Path(__file__).resolve().parents[2] / "desktop")
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [desktop, os.environ.get("PYTHONPATH")]))
    out = work / "out"
    done = subprocess.run(
        [sys.executable, "-c", CHILD, "scrub", str(work / "in"), "-o", str(out), "--jobs", "1"],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    found = json.loads(done.stdout.strip().splitlines()[-1])
    assert found["status"] == 0, done.stderr[-2000:]
    return set(found["modules"]), out / "IMG_0001.jpg"


def test_the_photo_was_cleaned(scrub_run: tuple[set[str], Path]) -> None:
    modules, cleaned = scrub_run
    assert cleaned.is_file()
    assert {"socially_aware.scrubber.jpeg", "socially_aware.scrubber.cleaning"} <= modules


@pytest.mark.parametrize("name", sorted(NOT_FOR_A_SCRUB))
def test_a_jpeg_scrub_does_not_load(scrub_run: tuple[set[str], Path], name: str) -> None:
    loaded = sorted(m for m in scrub_run[0] if m == name or m.startswith(name + "."))
    assert not loaded, f"{NOT_FOR_A_SCRUB[name]} is imported to clean a JPEG: {loaded[:5]}"
