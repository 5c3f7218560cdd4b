"""Rebuilding a picture from its decoded pixels with nothing else attached.

The way for formats whose containers are not edited (TIFF, GIF: each module passes its writer).
Results say so plainly. HEIF and AVIF are only decoded here (previews, the photo look), never
re-encoded.
"""

from __future__ import annotations

import io
import warnings
from collections.abc import Callable

from PIL import Image, ImageOps

from socially_aware.scrubber.limits import MAX_DECODE_BYTES, MAX_FRAMES, MAX_PIXELS, megabytes
from socially_aware.scrubber.metadata import read
from socially_aware.scrubber.model import CleanOptions, ScrubError

_heif_registered: list[bool] = []


def _register_heif() -> bool:
    """HEIC/HEIF decoding when pi-heif is installed, registered the first time a picture is
    opened: importing it costs ~20 ms, which every worker cleaning JPEGs used to pay. pi-heif is
    pillow-heif without the HEVC encoder (x265, 23 MB): the app never writes a HEIF picture.
    AVIF is Pillow's own (Pillow >= 11.3)."""
    if not _heif_registered:
        try:
            import pi_heif
        except ImportError:
            _heif_registered.append(False)
        else:
            pi_heif.register_heif_opener()
            _heif_registered.append(True)
    return _heif_registered[0]


Image.MAX_IMAGE_PIXELS = MAX_PIXELS


def open_image(data: bytes) -> Image.Image:
    """Open with decompression bombs treated as errors, not warnings."""
    _register_heif()
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


# Bytes Pillow holds per pixel of a decoded picture: RGB is stored as 4, like RGBA.
_BYTES_PER_PIXEL = {"1": 1, "L": 1, "P": 1, "I;16": 2, "I;16B": 2, "I;16L": 2, "LA": 4, "La": 4, "PA": 4}


def decode_cost(image: Image.Image, kind: str) -> tuple[int, int]:
    """(bytes, frames): what re-encoding this picture would hold at its peak, from the headers
    alone. A still picture is held three times (decoded, upright, encoded); each frame of an
    animation is held as RGBA while reading and again as a palette frame while writing."""
    width, height = image.size
    if kind == "GIF":
        frames = getattr(image, "n_frames", 1)  # walks the frame headers; decodes nothing
        return width * height * (1 + 4 * (frames - 1) + frames), frames
    return width * height * _BYTES_PER_PIXEL.get(image.mode, 4) * 3, 1


def check_budget(image: Image.Image, kind: str) -> None:
    """Refuse, before a pixel is decoded, a picture that would cost more memory than a photo may."""
    width, height = image.size
    if width * height > MAX_PIXELS:
        raise ScrubError(f"declares {width}×{height} pixels, far too large to be a photo (a decompression bomb?)")
    cost, frames = decode_cost(image, kind)
    if frames > MAX_FRAMES:
        raise ScrubError(
            f"has {frames:,} frames, more than the {MAX_FRAMES:,} this app will rebuild; it was left untouched"
        )
    if cost > MAX_DECODE_BYTES:
        canvas = f"{width:,}×{height:,} pixels" + (f" × {frames:,} frames" if frames > 1 else "")
        raise ScrubError(
            f"would need about {megabytes(cost)} of memory to rewrite ({canvas}), more than the "
            f"{megabytes(MAX_DECODE_BYTES)} this app allows for one photo; it was left untouched"
        )


REENCODED = "all metadata (the picture was re-encoded)"
Writer = Callable[[Image.Image, io.BytesIO, CleanOptions], None]
"""Writes a decoded picture in the format's own encoding, with nothing else attached."""


def clean(data: bytes, options: CleanOptions, write: Writer) -> tuple[bytes, list[str]]:
    image = open_image(data)
    try:
        check_budget(image, image.format or "")
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
