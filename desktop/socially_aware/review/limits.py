"""Every budget of the posts review, defined once: archives are hostile input until read."""

from __future__ import annotations

MAX_MEMBERS = 500_000
"""Entries listed from one archive or folder; beyond this the rest is not looked at."""

MAX_RATIO = 200
"""Uncompressed / compressed size of one zip entry above which it is treated as a zip bomb."""
RATIO_FLOOR_BYTES = 1 << 20
"""Entries smaller than this are never called bombs, whatever their ratio (tiny files compress well)."""

MAX_DOCUMENT_BYTES = 128 << 20
"""A JSON, JS or CSV file is read whole; anything larger is reported and skipped."""

MAX_TRACK_BYTES = 64 << 20
"""A GPX/TCX track (after gunzip) is streamed; reading stops at this size."""

MEDIA_HEAD_BYTES = 256 << 10
"""How much of a photo or video is read to find its GPS tags (Exif sits at the start of a JPEG)."""
MAX_MEDIA_BYTES = 64 << 20
"""Formats that keep their tags anywhere (HEIF, PNG, WebP) are read whole up to this size."""

MAX_TOTAL_READ = 6 << 30
"""Uncompressed bytes read from one archive in all; the review stops there and says so."""

MAX_DEPTH = 64
"""Levels of nesting the readers walk into; JSON deeper than the parser allows is reported per file."""

MAX_TEXT_CHARS = 20_000
"""Characters of one post or field that the detectors look at."""

EXCERPT_CHARS = 60
"""Characters shown either side of a match."""

REPEAT_RADIUS_M = 200.0
"""Activity starts/ends closer than this count as the same place."""
REPEAT_MIN = 3
"""Starts/ends at one place before it is called a routine (a home, a workplace)."""

MAX_TOWN_DISTANCE_M = 50_000.0
"""A position farther than this from every town in the gazetteer is described by its coordinates."""

MAX_REMEMBERED_TOWNS = 50_000
"""Positions whose nearest town is kept once found (a home's photos ask again and again): a few MB at most."""

MAX_VISIT_CELLS = 200_000
"""Distinct places counted from one location history; points in further new places are not counted."""
MAX_VISIT_PLACES = 50
"""Places reported from one location history (labelled ones first, then the most visited)."""
MAX_VISIT_DAYS = 10_000
"""Distinct days remembered for one place: more would only say it is visited often, which it already does."""

STREAM_ABOVE_BYTES = 32 << 20
"""A comments or reactions file larger than this is streamed (its first list) instead of read whole."""

MAX_PHOTOS_LOOKED = 200
"""Photos looked inside (opt-in "Look inside the photos too") per review; the rest are counted in a note."""
MAX_PHOTOS_SECONDS = 600.0
"""Seconds spent looking inside photos per review; photos not reached by then are counted in a note."""
