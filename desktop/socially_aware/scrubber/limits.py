"""Every budget the photo cleaner keeps, defined once.

The goal behind the numbers (issue 12): whatever the input, one file costs under 300 MB of peak
memory, and under 150 MB when the container is edited without decoding the picture. A file that
would cost more is refused with a plain message *before* any pixel is decoded.
`benchmarks/scrub_bounds.py` measures the peak for hostile inputs against these numbers.
"""

from __future__ import annotations

MAX_FILE_BYTES = 48 * 1024 * 1024
"""A photo is read whole: the original and its cleaned copy are both in memory while the copy is
verified, so the container-edit budget (150 MB, of which the interpreter and Pillow take ~40 MB)
allows about 48 MB, more than a 100-megapixel camera's JPEG."""

MAX_PIXELS = 250_000_000
"""A declared canvas beyond this is a decompression bomb, not a photo (the largest camera sensors
are around 200 MP). Checked on the headers of every format, decoded or not."""

MAX_DECODE_BYTES = 220 * 1024 * 1024
"""What re-encoding one picture may hold at its peak, estimated from its headers before decoding
(`reencode.decode_cost`: canvas × frames × bytes per pixel × copies). With the interpreter that
stays under the 300 MB budget: an 18-megapixel RGB TIFF fits, a 24-megapixel one does not."""

MAX_FRAMES = 1000
"""Frames of an animated GIF the cleaner rebuilds; more is not a photo."""

MAX_PREVIEW_MB = 128
"""What the window may allocate to show one preview (Qt's allocation limit, in MB)."""

MAX_ICC_BYTES = 16 * 1024 * 1024
"""A colour profile larger than this is not kept (the largest printer profiles are a few MB; JPEG
can carry at most 255 × 64 KB)."""

MAX_ICC_TAGS = 256
"""Tags in one colour profile (ICC defines about 60)."""

MAX_SEGMENTS = 10_000
"""JPEG segments (markers) and fill bytes between them in one picture. A camera writes a few
dozen, a progressive file with restart intervals a few hundred; millions of empty ones fit under MAX_FILE_BYTES and would cost
gigabytes to list (issue 21: under 300 MB and 10 s whatever the input)."""

MAX_STILL_CHUNKS = 100_000
"""PNG or WebP chunks in one file (animation frames included). Encoders split picture data into
chunks of 8 KB or more; 100,000 is beyond any real photo and a few MB to list. (A video's chunks of
media are MAX_CHUNKS, below.)"""

WORKER_TASKS_IN_FLIGHT = 4
"""Files queued per worker process, so a batch of any size holds only a few files in memory."""


def megabytes(size: int) -> str:
    """A size for a message, e.g. "96 MB"."""
    return f"{size / 2**20:,.0f} MB"


# --- ISO base media files (HEIF, AVIF, MP4, MOV, 3GP): budgets by count, not only by size -----------
# A file under the size limit can still hold millions of 8-byte boxes; each box costs the walker a
# few hundred bytes of Python objects and a few microseconds, so counts are capped (issue 21: a flood
# costs < 300 MB and < 10 s; `benchmarks/isobmff_flood.py` measures it).

MAX_BOXES = 250_000
"""Boxes walked in one file. Far above any camera file (an hour of phone video has a few thousand);
more is hostile."""

MAX_DEPTH = 16
"""Boxes nested in boxes."""

MAX_SMALL_BOX = 16 * 1024 * 1024
"""The most read into memory for one box whose contents are needed (metadata, headers, tables)."""

MAX_ITEMS = 10_000
"""Items (and property associations) in one HEIF picture: a 200 MP photo in 512-pixel tiles has
under a thousand; more is hostile, and would make the work on references slow."""

MAX_CODED_UNITS = 10_000
"""NAL units or OBUs in one HEIF/AVIF item's coded data, each checked for what it holds: a picture
or tile has a handful (parameter sets, a few slices); millions of 5-byte units fit under
MAX_FILE_BYTES and would cost seconds and hundreds of MB to sort out."""
MAX_LINKS = 100_000
"""HEIF item references in all (each tile of a grid is one), and data extents in all."""

MAX_CHUNKS = 500_000
"""Chunks of the kept tracks of one video (`stco`/`co64` entries, and fragment runs): an hour of
phone video has a few thousand. Each costs ~60 bytes and a few microseconds while the media data
is accounted for (sorted to find the bytes no kept track uses)."""

MAX_SAMPLES = 10_000_000
"""Samples of the kept tracks of one video (`stsz` entries, `trun` samples): their sizes are
summed chunk by chunk, 4 bytes each while one track's table is read."""

MAX_VIDEO_UNITS = 2_000_000
"""NAL units in all the kept H.264/HEVC samples of one video, each one's header read to find SEI
messages: an hour of 30 fps video has a few hundred thousand (a few per frame). Each costs about a
microsecond to walk (twice: cleaning and the check) and 20 bytes when it is neutralised, so a
flood of tiny units is cleaned or refused in under 10 s and 300 MB, not walked for minutes."""
