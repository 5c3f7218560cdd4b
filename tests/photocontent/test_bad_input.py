"""Photos the cleaner refuses are refused here in the same words, before any pixel is decoded."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from PIL import Image

from socially_aware.photocontent.engines import Engines, ModelUnavailable, TextReader
from socially_aware.photocontent.look import look_inside
from socially_aware.scrubber.cleaning import clean_file, inspect_file
from socially_aware.scrubber.model import CleanOptions
from tests.photocontent.conftest import FakeEngines
from tests.scrubber.hostile import png_bomb, tiff_bomb


def _file(path: Path, data: bytes) -> Path:
    path.write_bytes(data)
    return path


def _cleaner_says(path: Path, tmp_path: Path) -> str:
    """What the photo cleaner shows for the file: its inspection's error, else what cleaning it says."""
    return inspect_file(path).error or clean_file(path, tmp_path / "out" / path.name, CleanOptions()).message


@pytest.mark.parametrize(
    "make",
    [
        lambda p: png_bomb(p / "bomb.png"),
        lambda p: tiff_bomb(p / "bomb.tif", width=9000, height=8000),
        lambda p: _file(p / "empty.jpg", b""),
        lambda p: _file(p / "notes.jpg", b"not a picture at all, just words"),
        lambda p: _file(p / "cut.jpg", b"\xff\xd8\xff\xe0\x00\x10JFIF\x00" + b"\x00" * 40),
    ],
    ids=["png-bomb", "tiff-over-budget", "empty", "text-named-jpg", "truncated-jpeg"],
)
def test_refused_with_the_cleaners_message_and_no_reader_called(tmp_path, org, make) -> None:
    path = make(tmp_path)
    engines = FakeEngines(broken=frozenset({"text"}))  # would leave a note if reached
    look = look_inside(path, org, engines=engines)
    said = _cleaner_says(path, tmp_path)
    assert look.error, "the photo should have been refused"
    assert look.shows == () and look.notes == ()
    if path.suffix != ".png":  # the cleaner edits a PNG's chunks without decoding, so it need not refuse one
        assert look.error == said
    else:
        assert look.error == _decoding_refusal(path)


def _decoding_refusal(path: Path) -> str:
    """What the cleaner says when a picture it must decode is over budget."""
    from socially_aware.scrubber import reencode
    from socially_aware.scrubber.model import ScrubError

    image = reencode.open_image(path.read_bytes())
    with pytest.raises(ScrubError) as refused:
        reencode.check_budget(image, image.format or "")
    return str(refused.value)


def test_a_bomb_is_refused_before_decoding(tmp_path, org, monkeypatch) -> None:
    path = png_bomb(tmp_path / "bomb.png")
    monkeypatch.setattr(Image.Image, "load", lambda self: pytest.fail("pixels were decoded"))
    look = look_inside(path, org, engines=FakeEngines())
    assert "memory" in look.error or "decompression bomb" in look.error


def test_a_damaged_model_gives_a_plain_message(tmp_path) -> None:
    for name in ("ch_PP-OCRv4_det_infer.onnx", "ch_PP-OCRv4_rec_infer.onnx", "ch_ppocr_mobile_v2.0_cls_infer.onnx"):
        (tmp_path / name).write_bytes(b"\x08\x07 not an onnx model")
    with pytest.raises(ModelUnavailable, match="missing or damaged"):
        TextReader(tmp_path)
    engines = Engines(text_models=tmp_path / "absent")
    with pytest.raises(ModelUnavailable, match="missing or damaged"):
        engines.text()
    with pytest.raises(ModelUnavailable):  # remembered, not retried for every photo
        engines.text()


def test_a_damaged_face_model_gives_a_plain_message(tmp_path) -> None:
    broken = tmp_path / "cascade.xml"
    broken.write_text("<opencv_storage><cascade>nonsense</cascade></opencv_storage>")
    with pytest.raises(ModelUnavailable, match="face model is missing or damaged"):
        Engines(face_cascade=broken).faces()


def test_opencv_never_points_qt_at_its_own_plugins() -> None:
    Engines().cv2()
    assert "QT_QPA_PLATFORM_PLUGIN_PATH" not in os.environ or "cv2" not in os.environ["QT_QPA_PLATFORM_PLUGIN_PATH"]
    assert "cv2" not in os.environ.get("QT_QPA_FONTDIR", "")


def test_the_models_are_not_imported_until_a_photo_is_looked_at() -> None:
    code = (
        "import sys, socially_aware.cli, socially_aware.photocontent.look, socially_aware.photocontent.redact\n"
        "heavy = [m for m in ('cv2', 'onnxruntime', 'rapidocr_onnxruntime', 'zxingcpp', 'numpy') if m in sys.modules]\n"
        "print(heavy)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"
