"""Rebuilding a picture from its decoded pixels with nothing else attached.

The way for formats whose containers are not edited (TIFF, GIF: each module passes its writer),
and the last resort for HEIF/AVIF files whose container cannot be edited. Results say so plainly.
"""

from __future__ import annotations

import io
import warnings
from collections.abc import Callable

from PIL import Image, ImageOps

from socially_aware.scrubber.metadata import read
from socially_aware.scrubber.model import CleanOptions, ScrubError

MAX_PIXELS = 250_000_000


def _register_heif() -> bool:
    try:
        import pillow_heif
    except ImportError:
        return False
    pillow_heif.register_heif_opener()
    return True


_register_heif()  # HEIC/HEIF support when pillow-heif is installed
Image.MAX_IMAGE_PIXELS = MAX_PIXELS


def open_image(data: bytes) -> Image.Image:
    """Open with decompression bombs treated as errors, not warnings."""
    with warnings.catch_warnings():
        # Pillow warns about damaged Exif and MPO headers; what we report says enough.
        warnings.simplefilter("ignore", UserWarning)
        warnings.simplefilter("error", Image.DecompressionBombWarning)
        try:
            image = Image.open(io.BytesIO(data))
        except (Image.DecompressionBombWarning, Image.DecompressionBombError) as error:
            raise ScrubError("declares far too many pixels to be a photo (a decompression bomb?)") from error
        except Exception as error:  # Pillow raises many kinds for bad files; all mean "unreadable"
            raise ScrubError(f"cannot be read as a picture ({type(error).__name__})") from error
    return image


REENCODED = "all metadata (the picture was re-encoded)"
Writer = Callable[[Image.Image, io.BytesIO, CleanOptions], None]
"""Writes a decoded picture in the format's own encoding, with nothing else attached."""


def clean(data: bytes, options: CleanOptions, write: Writer) -> tuple[bytes, list[str]]:
    image = open_image(data)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            image.load()
            out = io.BytesIO()
            write(image, out, options)
    except ScrubError:
        raise
    except Exception as error:
        raise ScrubError(f"could not be rewritten ({type(error).__name__}: {error})") from error
    finally:
        image.close()
    return out.getvalue(), [REENCODED]


def upright_copy(image: Image.Image, options: CleanOptions) -> tuple[Image.Image, dict[str, object]]:
    """The picture turned the right way up in a fresh image (no info carried over), and the
    save parameters that keep its colour profile when wanted."""
    icc = image.info.get("icc_profile") if options.keep_icc else None
    upright = ImageOps.exif_transpose(image) if options.keep_orientation else image
    fresh = Image.new(upright.mode, upright.size)
    fresh.paste(upright)
    return fresh, ({"icc_profile": icc} if icc else {})


def verify(cleaned: bytes) -> None:
    image = open_image(cleaned)
    try:
        leftovers = [k for k in ("xmp", "comment", "XML:com.adobe.xmp") if image.info.get(k)]
        entries, gps, thumbnail = read(image)
        leftovers += [e.name for e in entries if e.risky]
        if leftovers or gps or thumbnail:
            raise ScrubError(f"metadata is still in the cleaned file ({', '.join(leftovers) or 'GPS'})")
        image.load()
    except ScrubError:
        raise
    except Exception as error:
        raise ScrubError(f"the cleaned file does not open ({type(error).__name__})") from error
    finally:
        image.close()
