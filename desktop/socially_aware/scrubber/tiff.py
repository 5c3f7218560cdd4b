"""TIFF: re-encoded losslessly (LZW) from the decoded picture; the tags are not carried over."""

from __future__ import annotations

import io
from typing import TYPE_CHECKING

from socially_aware.scrubber.model import CleanOptions, FileFormat

if TYPE_CHECKING:
    from PIL import Image


def _write(image: Image.Image, out: io.BytesIO, options: CleanOptions) -> None:
    from socially_aware.scrubber.reencode import upright_copy

    fresh, params = upright_copy(image, options)
    fresh.save(out, "TIFF", compression="tiff_lzw", **params)


def clean(data: bytes, options: CleanOptions) -> tuple[bytes, list[str]]:
    from socially_aware.scrubber import reencode  # Pillow loads when a TIFF is first cleaned

    return reencode.clean(data, options, _write)


def verify(_original: bytes, cleaned: bytes) -> None:
    from socially_aware.scrubber import reencode

    reencode.verify(cleaned)


FORMAT = FileFormat(
    name="TIFF",
    suffixes=(".tif", ".tiff"),
    mime="image/tiff",
    magic=lambda head: head[:4] in (b"II*\x00", b"MM\x00*"),
    lossless=False,
    allowlist=frozenset(
        {
            "IFD0:ImageWidth",
            "IFD0:ImageHeight",
            "IFD0:BitsPerSample",
            "IFD0:Compression",
            "IFD0:PhotometricInterpretation",
            "IFD0:StripOffsets",
            "IFD0:SamplesPerPixel",
            "IFD0:RowsPerStrip",
            "IFD0:StripByteCounts",
            "IFD0:PlanarConfiguration",
            "IFD0:ExtraSamples",
            "IFD0:SampleFormat",
            "IFD0:Predictor",
            "IFD0:ColorMap",
            "IFD0:ICC_Profile",
            "ICC*",
        }
    ),
    clean=clean,
    verify=verify,
)
