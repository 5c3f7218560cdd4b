"""Looking inside the photos of a platform download (the review's opt-in): findings, budgets, cancel.

The photos are drawn here and zipped with an Instagram download's posts file; the real-model test is
marked slow like the other real-model tests, the rest use stand-in readers.
"""

from __future__ import annotations

import io
import subprocess
import sys
import threading
import zlib
from collections.abc import Callable
from pathlib import Path

import pytest

from socially_aware.catalog.loader import load_catalog
from socially_aware.catalog.model import Organisation
from socially_aware.locations import bundled_root
from socially_aware.photocontent.downloads import review_photos
from socially_aware.photocontent.look import look_at
from socially_aware.photocontent.model import Look
from socially_aware.photocontent.picture import Picture
from socially_aware.review import limits
from socially_aware.review.model import Detector
from tests.photocontent.conftest import FakeEngines, line
from tests.photocontent.scenes import background, place_text
from tests.review import samples


def jpeg(text: str, seed: int = 1) -> bytes:
    image = background((1400, 400), seed)
    place_text(image, text, (40, 150), height=50)
    out = io.BytesIO()
    image.save(out, "JPEG", quality=90)
    return out.getvalue()


def download(tmp_path: Path, photos: dict[str, bytes]) -> Path:
    return samples.write_zip(tmp_path / "instagram.zip", {**samples.instagram(), **photos})


def png_bomb() -> bytes:
    """A PNG whose header declares 100,000 × 100,000 pixels: the cleaner refuses it before decoding."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        return len(data).to_bytes(4, "big") + kind + data + zlib.crc32(kind + data).to_bytes(4, "big")

    header = (100_000).to_bytes(4, "big") * 2 + bytes([8, 2, 0, 0, 0])
    return (
        b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(b"\0" * 64)) + chunk(b"IEND", b"")
    )


def names_everything(org: Organisation) -> Callable[[Picture, Callable[[], bool]], Look]:
    engines = FakeEngines(lines=[line("AUSTRALIAN BORDER FORCE", 10, 10, 300, 40)])
    return lambda picture, cancelled: look_at(picture, org, engines=engines, cancelled=cancelled)


@pytest.fixture(scope="module")
def shipped_item_keys() -> set[str]:
    catalog = load_catalog([bundled_root() / "checklists"])
    return {item.key for platform in catalog.platforms for item in platform.items}


def test_a_photo_naming_the_organisation_becomes_a_finding_with_a_shipped_checklist_item(
    tmp_path: Path, org: Organisation, shipped_item_keys: set[str]
) -> None:
    archive = download(tmp_path, {"media/posts/1.jpg": jpeg("AUSTRALIAN BORDER FORCE")})
    seen: list[tuple[int, int, float | None]] = []
    result = review_photos([archive], org, lambda *values: seen.append(values), look=names_everything(org))
    (finding,) = result.findings
    assert finding.detector is Detector.PHOTO_SHOWS and finding.platform == "instagram"
    assert finding.file == "media/posts/1.jpg" and "organisation's name (Border Force)" in finding.what
    assert finding.section == "photos-uniform" and org.section(finding.section) is not None
    assert finding.action == "instagram/work-photos" and finding.action in shipped_item_keys
    assert "AUSTRALIAN" not in repr(finding)  # the words read are not carried (only the matched term)
    assert seen[0] == (0, 1, None) and seen[-1][:2] == (1, 1)
    assert result.notes == [] and result.not_looked == 0


def test_photos_the_cleaner_refuses_are_refused_with_its_words_and_videos_are_skipped(
    tmp_path: Path, org: Organisation
) -> None:
    archive = download(
        tmp_path,
        {"media/posts/1.png": png_bomb(), "media/posts/2.jpg": b"\xff\xd8\xff\xe0 cut short", "media/v.mp4": b"x"},
    )
    looked: list[Picture] = []

    def look(picture: Picture, cancelled: Callable[[], bool]) -> Look:
        looked.append(picture)
        return Look(None)

    result = review_photos([archive], org, look=look)
    assert looked == [] and result.findings == [] and result.total == 2
    messages = " ".join(n.message for n in result.notes)
    assert "decompression bomb" in messages and "not looked inside" in messages


def test_the_budget_stops_at_the_most_photos_and_says_how_many_were_not_looked_at(
    tmp_path: Path, org: Organisation, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(limits, "MAX_PHOTOS_LOOKED", 2)
    archive = download(tmp_path, {f"media/posts/{i}.jpg": jpeg("x", i) for i in range(5)})
    result = review_photos([archive], org, look=names_everything(org))
    assert (result.looked, result.total, result.not_looked) == (2, 5, 3)
    assert [n.message for n in result.notes] == [
        "3 photos not looked inside: the review looks inside at most 2 photos and for at most 10 minutes."
    ]


def test_the_time_budget_stops_too(tmp_path: Path, org: Organisation) -> None:
    archive = download(tmp_path, {f"media/posts/{i}.jpg": jpeg("x", i) for i in range(3)})
    now = [0.0]

    def look(picture: Picture, cancelled: Callable[[], bool]) -> Look:
        now[0] += limits.MAX_PHOTOS_SECONDS  # each photo takes the whole budget
        return Look(None)

    result = review_photos([archive], org, look=look, clock=lambda: now[0])
    assert (result.looked, result.not_looked) == (1, 2) and "2 photos not looked inside" in result.notes[0].message


def test_cancel_stops_within_one_photo(tmp_path: Path, org: Organisation) -> None:
    archive = download(tmp_path, {f"media/posts/{i}.jpg": jpeg("x", i) for i in range(4)})
    started, proceed, cancel = threading.Event(), threading.Event(), threading.Event()
    looked: list[int] = []

    def look(picture: Picture, cancelled: Callable[[], bool]) -> Look:
        looked.append(1)
        started.set()
        assert proceed.wait(30)  # the test decides when this photo ends
        return Look(None)

    results = []
    worker = threading.Thread(
        target=lambda: results.append(review_photos([archive], org, None, cancel.is_set, look=look))
    )
    worker.start()
    assert started.wait(30)
    cancel.set()
    proceed.set()
    worker.join(30)
    (result,) = results
    assert result.cancelled and looked == [1] and result.looked == 1 and result.not_looked == 3
    assert result.notes == []  # no budget note: the person stopped it


def test_the_text_review_imports_nothing_of_the_photo_check(tmp_path: Path) -> None:
    archive = download(tmp_path, {"media/posts/1.jpg": jpeg("AUSTRALIAN BORDER FORCE")})
    code = (
        "import sys\n"
        "from tests.review import samples\n"
        "from socially_aware.review.service import review_paths\n"
        f"review_paths([{str(archive)!r}], samples.organisation())\n"
        "heavy = [m for m in sys.modules if m.startswith(('socially_aware.photocontent', 'rapidocr', 'cv2', 'onnx'))]\n"
        "assert heavy == [], heavy\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True, cwd=Path(__file__).resolve().parents[2])


@pytest.mark.slow
def test_real_models_find_the_name_in_the_zip_and_not_the_decoy(
    tmp_path: Path, org: Organisation, shipped_item_keys: set[str], no_network: list[str]
) -> None:
    archive = download(
        tmp_path,
        {"media/posts/1.jpg": jpeg("AUSTRALIAN BORDER FORCE"), "media/posts/2.jpg": jpeg("BORDER COLLIE CLUB", 2)},
    )
    result = review_photos([archive], org)
    assert [f.file for f in result.findings] == ["media/posts/1.jpg"]
    assert result.findings[0].action in shipped_item_keys
    assert result.looked == 2 and no_network == []
