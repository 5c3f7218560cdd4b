"""GIF: every frame re-written with the same palette (so the pixels stay), without comments or XMP."""

from __future__ import annotations

import io
from typing import TYPE_CHECKING

from socially_aware.scrubber.model import CleanOptions, FileFormat

if TYPE_CHECKING:
    from PIL import Image


def _write(image: Image.Image, out: io.BytesIO, _options: CleanOptions) -> None:
    from PIL import ImageSequence

    frames, durations = [], []
    for frame in ImageSequence.Iterator(image):
        durations.append(frame.info.get("duration", 100))
        copy = frame.copy()
        # Only what decides how the picture looks goes along; comments and XMP stay behind.
        copy.info = {k: v for k, v in frame.info.items() if k in ("transparency", "background")}
        frames.append(copy)
    frames[0].save(
        out,
        "GIF",
        save_all=len(frames) > 1,
        append_images=frames[1:],
        duration=durations if len(frames) > 1 else durations[0],
        loop=image.info.get("loop", 0),
        optimize=False,
    )


def clean(data: bytes, options: CleanOptions) -> tuple[bytes, list[str]]:
    from socially_aware.scrubber import reencode  # Pillow loads when a GIF is first cleaned

    return reencode.clean(data, options, _write)


def verify(_original: bytes, cleaned: bytes) -> None:
    from socially_aware.scrubber import reencode

    reencode.verify(cleaned)


FORMAT = FileFormat(
    name="GIF",
    suffixes=(".gif",),
    mime="image/gif",
    magic=lambda head: head[:6] in (b"GIF87a", b"GIF89a"),
    lossless=False,
    allowlist=frozenset({"GIF"}),
    clean=clean,
    verify=verify,
)
