"""A small picture of a photo for the window, for formats the window's own decoder can't read (HEIC).

The domain decodes (Pillow with pi-heif, within the cleaner's limits); the window only shows the
PNG it gets back.
"""

from __future__ import annotations

import io
from pathlib import Path

from PIL import ImageOps

from socially_aware.scrubber.limits import MAX_DECODE_BYTES, MAX_FILE_BYTES
from socially_aware.scrubber.model import ScrubError
from socially_aware.scrubber.reencode import decode_cost, open_image


def preview_png(path: Path, longest_side: int) -> bytes | None:
    """The picture, the right way up, at most `longest_side` pixels across, as PNG; None when it can't be
    read or would cost more to decode than the cleaner itself allows."""
    try:
        if not path.is_file() or path.stat().st_size > MAX_FILE_BYTES:
            return None
        image = open_image(path.read_bytes())
        kind = image.format or ""
        if decode_cost(image, kind)[0] > MAX_DECODE_BYTES:
            return None
        image.draft("RGB", (longest_side, longest_side))  # JPEG decodes smaller directly; others ignore it
        picture = ImageOps.exif_transpose(image.convert("RGB"))
        picture.thumbnail((longest_side, longest_side))
        out = io.BytesIO()
        picture.save(out, "PNG")
        return out.getvalue()
    except (ScrubError, OSError, ValueError, SyntaxError, MemoryError):
        return None
