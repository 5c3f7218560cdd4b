"""Cover parts of a photo with a solid fill and save a cleaned copy, then look at the copy again.

Never a blur: blurred or pixelated text can be recovered. The copy is made from the covered
pixels, cleaned and verified by the photo cleaner (`scrubber.cleaning.clean_bytes`), written
beside nothing it replaces (an existing file is never overwritten) and looked at again, so the
person is told if anything covered can still be read.
"""

from __future__ import annotations

import io
from collections.abc import Iterable
from pathlib import Path

from PIL import Image, ImageDraw

from socially_aware.catalog.model import Organisation
from socially_aware.photocontent.engines import Engines
from socially_aware.photocontent.look import look_inside
from socially_aware.photocontent.model import Box, Kind, Look, Redaction
from socially_aware.photocontent.picture import open_photo
from socially_aware.scrubber.cleaning import clean_bytes, write_output
from socially_aware.scrubber.model import CleanOptions, ScrubError

FILL = (0, 0, 0)
"""Solid black: nothing of what was under it survives in the saved pixels."""


def suggested(look: Look, *, faces: bool = False, codes: bool = False) -> list[Box]:
    """The boxes to cover: every organisation-term match, and faces / codes when asked."""
    return [
        s.box
        for s in look.shows
        if (s.kind is Kind.TEXT and s.term) or (faces and s.kind is Kind.FACE) or (codes and s.kind is Kind.CODE)
    ]


def cover(image: Image.Image, boxes: Iterable[Box]) -> Image.Image:
    """A copy of the picture with each box filled solid."""
    covered = image.convert("RGB")
    draw = ImageDraw.Draw(covered)
    for box in boxes:
        b = box.clipped(covered.width, covered.height)
        if b.w and b.h:
            draw.rectangle((b.x, b.y, b.x + b.w - 1, b.y + b.h - 1), fill=FILL)
    return covered


def output_name(source: Path, source_format: str) -> str:
    """JPEG stays JPEG; everything else is saved as PNG, which every site accepts and loses nothing."""
    suffix = ".jpg" if source_format in ("JPEG", "MPO") else ".png"
    return f"{source.stem} (redacted){suffix}"


def save_redacted(
    source: Path,
    boxes: Iterable[Box],
    out_dir: Path,
    organisation: Organisation,
    *,
    recheck_kinds: Iterable[Kind] = (Kind.TEXT,),
    engines: Engines | None = None,
) -> Redaction:
    """Cover `boxes` in the photo at `source`, save a cleaned copy in `out_dir` and re-check it."""
    chosen = tuple(boxes)
    try:
        picture = open_photo(source, full_size=True)
        covered = cover(picture.image, chosen)
        encoded = io.BytesIO()
        if picture.source_format in ("JPEG", "MPO"):
            covered.save(encoded, "JPEG", quality=92, subsampling=0)
        else:
            covered.save(encoded, "PNG")
        cleaned, _, _ = clean_bytes(encoded.getvalue(), CleanOptions())
        dest = out_dir / output_name(source, picture.source_format)
        if dest.exists():
            raise ScrubError(f"{dest.name} already exists in the output folder; it was not overwritten")
        write_output(source, dest, cleaned, CleanOptions())
    except ScrubError as error:
        return Redaction(source, covered=chosen, error=str(error))
    recheck = look_inside(dest, organisation, kinds=recheck_kinds, engines=engines)
    # Anything still found under a cover is a failure; findings elsewhere were not chosen to be covered.
    still = tuple(
        s for s in recheck.shows if s.matters and any(s.box.overlap(b) > 0.3 or b.overlap(s.box) > 0.3 for b in chosen)
    )
    return Redaction(source, dest, chosen, still, recheck, notes=recheck.notes)


def redact_file(
    source: Path,
    out_dir: Path,
    organisation: Organisation,
    *,
    faces: bool = False,
    codes: bool = False,
    engines: Engines | None = None,
) -> Redaction:
    """What the CLI's `redact` does for one photo: look, cover what matters, save, re-check."""
    kinds = {Kind.TEXT} | ({Kind.FACE} if faces else set()) | ({Kind.CODE} if codes else set())
    look = look_inside(source, organisation, kinds=kinds, engines=engines)
    if look.error:
        return Redaction(source, error=look.error)
    return save_redacted(
        source, suggested(look, faces=faces, codes=codes), out_dir, organisation, recheck_kinds=kinds, engines=engines
    )
