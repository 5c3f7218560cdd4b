"""Every platform download the review reads, in one explicit tuple (a frozen bundle can see it).

A reader is declared once, in its own module (`READER = PlatformReader(...)`, `common.py`). Platform
names in reports, the checklist item each finding points to (`detect.ACTIONS`) and the sites an
official account covers (`official.py`) are derived from READERS. Adding a platform's download is one
module and its entry below (and its name in the import); tests/review/test_reader_registry.py fails
for a module declaring a READER that is not here.
"""

from __future__ import annotations

from socially_aware.review.readers import facebook, google, instagram, linkedin, reddit, snapchat, strava, tiktok, x
from socially_aware.review.readers.common import PlatformReader

READERS: tuple[PlatformReader, ...] = (
    facebook.READER,
    instagram.READER,
    x.READER,
    linkedin.READER,
    strava.READER,
    tiktok.READER,
    reddit.READER,
    google.READER,
    snapchat.READER,
)
