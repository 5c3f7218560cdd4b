"""Every platform download the review reads, in one explicit tuple (a frozen bundle can see it)."""

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
