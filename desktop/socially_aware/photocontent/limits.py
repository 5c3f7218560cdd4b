"""Every budget of looking inside a photo, defined once.

The goal behind the numbers (issue 17): a 12-megapixel photo is checked in under 4 s on a 2-core
machine with a peak under 600 MB, and a hostile picture (noise, thousands of tiny glyphs) costs no
more. What decides whether a file is opened at all is the cleaner's budgets (`scrubber/limits.py`),
checked on the headers before a pixel is decoded.
"""

from __future__ import annotations

ANALYSIS_MAX_SIDE = 1600
"""Pictures are scaled down to this longest side before anything looks at them (faces and codes
are found at this size), so the time and memory of the models depend on it, not on the photo."""

OCR_MAX_SIDE = 1152
"""Text is found at this longest side. The detector's peak memory follows the pixels, and the
12-megapixel benchmark photo peaked at 585 MB at 1024, 670-720 MB at 1280; at 1024 the reader
began to run words together ("AUSTRALIANBORDERFORCE", which no matcher should accept), at 1152
it did not, and 30-pixel letters of a 12-megapixel photo are still found (benchmarks/photo_content.py)."""

MALLOC_MMAP_THRESHOLD = 1 << 20
"""Buffers of this many bytes or more get their own mapping from the C allocator (glibc on Linux), so
they go back to the system when freed. By default glibc raises this threshold up to 32 MB after each
large free, and the text detector's tensors (tens of MB, onnxruntime's arena is off) then came from the
heap, which grew and stayed: the 12-megapixel benchmark peaked at 660-720 MB; with the threshold fixed
here, ~395 MB for the same CPU time (128 KB, glibc's starting value, gave ~385 MB but more page faults)."""

REC_BATCH = 6
"""Lines of text recognised in one pass (RapidOCR's default); the peak did not drop measurably with fewer."""

MAX_TEXT_REGIONS = 120
"""Regions of text read per photo. A picture of 10,000 tiny glyphs yields at most this many, so
reading stays within budget; the result says when the limit was reached."""

MAX_FACES = 40
"""Faces reported per photo; more is a crowd, said as such."""

MAX_CODES = 20
"""Barcodes and QR codes reported per photo."""

MIN_FACE_FRACTION = 40
"""The smallest face looked for is the picture's shorter side divided by this (at least 24 px at
the analysis size): smaller "faces" are mostly false alarms on texture and text."""

BOX_MARGIN = 0.15
"""Boxes around text are widened by this fraction of their height on every side, so a cover hides
the strokes' edges and anti-aliasing too."""
