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

OCR_MAX_SIDE = 1600
"""Text is found and read at this longest side: PP-OCRv4 still reads the 30-pixel letters of a
12-megapixel photo at this size (12 pixels high then); at 1280 it began to miss some, and the
detector's time grows with the pixels (benchmarks/photo_content.py)."""

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
