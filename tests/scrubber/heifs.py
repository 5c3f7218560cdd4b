"""HEIC and AVIF photos made in the tests: Exif with GPS, owner and camera, XMP, a rotation."""

from __future__ import annotations

from pathlib import Path

from PIL import Image

from tests.scrubber.photos import OWNER, XMP, noisy


def _exif(orientation: int | None = None) -> bytes:
    exif = Image.Exif()
    exif[0x010F], exif[0x0110], exif[0x013B] = "Canon", "EOS R6", OWNER
    if orientation:
        exif[0x0112] = orientation
    exif.get_ifd(0x8825).update({1: "S", 2: (33.0, 51.0, 54.0), 3: "E", 4: (151.0, 12.0, 36.0)})
    return exif.tobytes()


def made_heic(folder: Path, name: str = "made.heic") -> Path:
    import pillow_heif

    heif = pillow_heif.from_pillow(noisy((96, 64)))
    path = folder / name
    heif.save(path, quality=90, exif=_exif(), xmp=XMP.split(b"\x00", 1)[1])
    return path


def made_avif(folder: Path, name: str = "made.avif") -> Path:
    """Pillow turns the Exif orientation into the container's rotation (irot)."""
    path = folder / name
    noisy((96, 64)).save(path, "AVIF", quality=90, exif=_exif(orientation=6), xmp=XMP.split(b"\x00", 1)[1])
    return path
