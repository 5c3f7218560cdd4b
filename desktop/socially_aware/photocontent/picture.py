"""Opening a photo to look inside it, under the cleaner's budgets.

The cleaner decides what is a photo: the same size limit, the same header checks against
decompression bombs (`scrubber.reencode.check_budget`, before any pixel is decoded) and the same
messages, so a photo the cleaner refuses is refused here in the same words.
"""

from __future__ import annotations

import warnings
from dataclasses import dataclass
from pathlib import Path

from PIL import Image, ImageOps

from socially_aware.photocontent.limits import ANALYSIS_MAX_SIDE
from socially_aware.scrubber import reencode
from socially_aware.scrubber.cleaning import inspect_file, read_photo
from socially_aware.scrubber.limits import MAX_PIXELS
from socially_aware.scrubber.model import ScrubError
from socially_aware.scrubber.registry import sniff


@dataclass(frozen=True)
class Picture:
    """A photo's pixels, upright, with the scale between them and the full-size picture."""

    image: Image.Image
    """RGB, at most ANALYSIS_MAX_SIDE on its longest side when opened for looking."""
    width: int
    height: int
    """The full upright picture's size: boxes are given in its pixels."""
    source_format: str = ""

    @property
    def scale(self) -> float:
        """Full-size pixels per analysed pixel (1 or more)."""
        return self.width / self.image.width if self.image.width else 1.0


def open_photo(path: Path, *, full_size: bool = False) -> Picture:
    """Decode a photo upright, as small as looking needs unless `full_size` (for covering it).
    Raises ScrubError with the cleaner's message for anything the cleaner would refuse."""
    # The cleaner's own inspection first: what the photo cleaner cannot read is refused in its words.
    inspection = inspect_file(path)
    if inspection.error:
        raise ScrubError(inspection.error)
    with path.open("rb") as file:
        kind = sniff(file.read(32))
    if kind is None or kind.video:
        raise ScrubError("is a video; only photos are looked inside")
    return _decode(read_photo(path), kind.name, full_size)


def from_bytes(data: bytes) -> Picture:
    """A photo held in memory (a member of a download, read within the review's budgets), refused
    before decoding for what the cleaner refuses: not a photo, a video, a decompression bomb."""
    kind = sniff(data[:32])
    if not data or kind is None:
        raise ScrubError("is not a photo this app can read")
    if kind.video:
        raise ScrubError("is a video; only photos are looked inside")
    return _decode(data, kind.name, full_size=False)


def _decode(data: bytes, kind_name: str, full_size: bool) -> Picture:
    image = reencode.open_image(data)
    try:
        reencode.check_budget(image, image.format or "")
        source_format = image.format or kind_name
        width, height = image.size
        if not full_size and image.format == "JPEG":
            # JPEG decodes straight to a half, quarter or eighth of its size: faster and far smaller.
            factor = min(1.0, ANALYSIS_MAX_SIDE / max(width, height))
            image.draft("RGB", (round(width * factor), round(height * factor)))
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", UserWarning)
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            image.load()
            upright = ImageOps.exif_transpose(image) or image
            swapped = upright.size != image.size and upright.size == image.size[::-1]
            if swapped:
                width, height = height, width
            rgb = upright.convert("RGB")
    except ScrubError:
        raise
    except Exception as error:  # Pillow raises many kinds for damaged pictures; all mean "unreadable"
        raise ScrubError(f"cannot be read as a picture ({type(error).__name__})") from error
    finally:
        image.close()
    return Picture(rgb if full_size else _scaled(rgb), width, height, source_format)


def from_image(image: Image.Image) -> Picture:
    """A picture already in memory (the window's drawing, a test's image), under the same pixel limit."""
    if image.width * image.height > MAX_PIXELS:
        raise ScrubError(
            f"declares {image.width}×{image.height} pixels, far too large to be a photo (a decompression bomb?)"
        )
    return Picture(_scaled(image.convert("RGB")), image.width, image.height)


def _scaled(image: Image.Image) -> Image.Image:
    longest = max(image.size)
    if longest <= ANALYSIS_MAX_SIDE:
        return image
    factor = ANALYSIS_MAX_SIDE / longest
    size = (max(1, round(image.width * factor)), max(1, round(image.height * factor)))
    return image.resize(size, Image.Resampling.BILINEAR, reducing_gap=2.0)
