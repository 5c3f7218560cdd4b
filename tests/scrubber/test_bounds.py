"""Bounded whatever the input (issue 12 item 6): a picture that would cost more memory than the
budget is refused from its headers, before a single pixel is decoded."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from PIL import Image, ImageFile

from socially_aware.scrubber import CleanOptions, Outcome, clean_file, inspect_file, limits
from tests.scrubber.hostile import gif_bomb, png_bomb, tiff_bomb


@pytest.fixture(scope="module")
def bombs(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("bombs")
    return {
        "gif": gif_bomb(folder / "canvas.gif"),
        "tiff": tiff_bomb(folder / "240mp.tif"),
        "png": png_bomb(folder / "240mp.png", text=b"Shot at the airport"),
        "gif frames": gif_bomb(folder / "frames.gif", side=64, frames=limits.MAX_FRAMES + 1),
    }


@pytest.fixture
def no_decoding(monkeypatch: pytest.MonkeyPatch) -> None:
    """Fail the test if any picture larger than a thumbnail is decoded (Pillow decodes tiny
    built-in images of its own while it loads its plugins)."""
    for owner in (Image.Image, ImageFile.ImageFile):
        original = owner.load

        def refuse(self: Image.Image, original: object = original) -> object:
            if self.width * self.height > 10_000:
                raise AssertionError(f"decoded a {self.size} {self.format} picture")
            return original(self)  # type: ignore[operator]

        monkeypatch.setattr(owner, "load", refuse)


@pytest.mark.parametrize(
    ("name", "words"),
    [
        ("gif", "15,000×15,000 pixels × 40 frames"),
        ("tiff", "16,000×15,000 pixels"),
        ("gif frames", "frames, more than"),
    ],
)
def test_rewriting_beyond_the_budget_is_refused_before_decoding(
    bombs: dict[str, Path], tmp_path: Path, no_decoding: None, name: str, words: str
) -> None:
    path = bombs[name]
    assert path.stat().st_size < 4 * 2**20  # small on disk: the danger is in the declared size
    result = clean_file(path, tmp_path / path.name, CleanOptions())
    assert result.outcome is Outcome.FAILED
    assert words in result.message and "left untouched" in result.message
    assert not (tmp_path / path.name).exists()


@pytest.mark.parametrize("name", ["gif", "tiff", "png"])
def test_inspecting_never_decodes(bombs: dict[str, Path], no_decoding: None, name: str) -> None:
    inspection = inspect_file(bombs[name])
    assert inspection.error is None, inspection.error
    if name == "png":  # text after the picture data is found without decoding the picture
        assert any("airport" in e.value for e in inspection.entries)


def test_a_huge_png_is_cleaned_as_a_container_without_decoding(
    bombs: dict[str, Path], tmp_path: Path, no_decoding: None
) -> None:
    out = tmp_path / "clean.png"
    result = clean_file(bombs["png"], out, CleanOptions())
    assert result.outcome is Outcome.CLEANED, result.message
    assert b"airport" not in out.read_bytes()


def test_a_file_larger_than_any_photo_is_refused_unread(tmp_path: Path) -> None:
    path = tmp_path / "huge.jpg"
    with path.open("wb") as sparse:
        sparse.write(b"\xff\xd8\xff\xe0")  # a JPEG's first bytes, then nothing but size
        sparse.truncate(limits.MAX_FILE_BYTES + 1)
    result = clean_file(path, tmp_path / "out.jpg", CleanOptions())
    assert result.outcome is Outcome.FAILED and "larger than any photo" in result.message


def test_each_limit_is_defined_once() -> None:
    package = Path(limits.__file__).parent
    for name in ("MAX_PIXELS", "MAX_FILE_BYTES", "MAX_DECODE_BYTES", "MAX_FRAMES"):
        defined = [p.name for p in package.rglob("*.py") if re.search(rf"^{name}\s*[:=]", p.read_text(), re.M)]
        assert defined == ["limits.py"], (name, defined)
    assert not [p.name for p in package.rglob("*.py") if "250_000_000" in p.read_text() and p.name != "limits.py"]


def test_the_guard_notices_decoding(no_decoding: None) -> None:
    with pytest.raises(AssertionError, match="decoded"):
        Image.new("RGB", (200, 200)).load()
