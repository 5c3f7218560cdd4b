"""X (Twitter) archive: every layout since 2018, each file found by its name wherever it sits.

Layouts from public parsers (TheExGenesis/community-archive docs/archive_data.md,
dogsheep/twitter-to-sqlite tests/zip_contents, and others):
- 2019 on: `.js` files that assign JSON to `window.YTD.<name>.part<N>`, at the zip root (2019–2020)
  or under `data/` (later): `tweet.js` (later `tweets.js`; large archives add `tweets-part1.js` …)
  holding [{tweet: {id_str, full_text, created_at "Wed Oct 10 20:19:24 +0000 2018", coordinates:
  {coordinates: [lon, lat]}, geo: {coordinates: [lat, lon]}, place: {full_name}}}] (the 2019 files
  hold the tweet objects without the `tweet` wrapper); `deleted-tweets.js` the same with `deleted_at`;
  `account.js` [{account: {email, username, accountDisplayName}}]; `profile.js` [{profile:
  {description: {bio, website, location}}}]; photos under `tweets_media/` (older `tweet_media/`).
- The older "Twitter archive" (until 2018): `data/js/tweets/2018_01.js` assigning a list of tweets
  (text, created_at "2018-01-05 10:00:00 +0000", geo.coordinates [lat, lon], place.full_name) to
  `Grailbird.data.tweets_2018_01`, `data/js/user_details.js` (`var user_details = {screen_name,
  full_name, bio, location}`), and `tweets.csv` (tweet_id, timestamp, text, …) with the same tweets.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

from socially_aware.review.archive import Archive, Member
from socially_aware.review.documents import Skimmed, as_list, csv_rows, dig, load_ytd, text
from socially_aware.review.model import FileNote, Record, RecordKind
from socially_aware.review.readers.common import (
    Output,
    PlatformReader,
    documents,
    from_text_date,
    matching,
    position,
    streamed,
)

TWEETS = r"(^|/)(tweets?|community-tweet|note-tweet)(-part\d+)?\.js$"
DELETED = r"(^|/)deleted-tweets?(-part\d+)?\.js$"
ACCOUNT = r"(^|/)account\.js$"
PROFILE = r"(^|/)profile\.js$"
GRAILBIRD = r"(^|/)data/js/tweets/\d{4}_\d{2}\.js$"
USER_DETAILS = r"(^|/)data/js/user_details\.js$"
TWEETS_CSV = r"(^|/)tweets\.csv$"
USERNAME = re.compile(r"^[A-Za-z0-9_]{1,30}$")
DETAILS_FIELDS = (("username", "screen_name"), ("display name", "full_name"), ("bio", "bio"), ("location", "location"))
DATE_FORMATS = ("%a %b %d %H:%M:%S %z %Y", "%Y-%m-%d %H:%M:%S %z")

POSITION_KEYS = ('"coordinates"', '"geo"', '"place"')
"""Keys under which a post carries a place or a position: elements with none of them may be skimmed."""


def claims(members: Sequence[Member]) -> bool:
    return any(
        matching(members, p)
        for p in (TWEETS, DELETED, ACCOUNT, GRAILBIRD, r"(^|/)manifest\.js$", r"(^|/)data/js/tweet_index\.js$")
    )


def read(archive: Archive, members: Sequence[Member]) -> Output:
    username = ""
    for got in documents(archive, matching(members, USER_DETAILS), load_ytd):
        if isinstance(got, FileNote):
            yield got
            continue
        member, details = got
        name = text(dig(details, "screen_name"))
        username = name if USERNAME.match(name) else username
        fields = tuple((label, text(dig(details, key))) for label, key in DETAILS_FIELDS if text(dig(details, key)))
        if fields:
            yield Record("x", member.name, "profile", RecordKind.PROFILE, texts=fields)
    for got in documents(archive, matching(members, ACCOUNT), load_ytd):
        if isinstance(got, FileNote):
            yield got
            continue
        member, data = got
        for entry in as_list(data):
            account = dig(entry, "account") or {}
            name = text(dig(account, "username"))
            username = name if USERNAME.match(name) else username
            email = text(dig(account, "email"))
            display = text(dig(account, "accountDisplayName"))
            if email:
                yield Record("x", member.name, "account", RecordKind.ACCOUNT, emails=(email,))
            if display or name:
                yield Record(
                    "x",
                    member.name,
                    "account-names",
                    RecordKind.PROFILE,
                    texts=tuple(
                        (label, value) for label, value in (("display name", display), ("username", name)) if value
                    ),
                )
    for got in documents(archive, matching(members, PROFILE), load_ytd):
        if isinstance(got, FileNote):
            yield got
            continue
        member, data = got
        for entry in as_list(data):
            description = dig(entry, "profile", "description") or {}
            fields = tuple(
                (key, text(dig(description, key)))
                for key in ("bio", "website", "location")
                if text(dig(description, key))
            )
            if fields:
                yield Record("x", member.name, "profile", RecordKind.PROFILE, texts=fields)
    for pattern, deleted in ((TWEETS, False), (DELETED, True), (GRAILBIRD, False)):
        for piece in streamed(archive, matching(members, pattern), ytd=True, keys=POSITION_KEYS):
            if isinstance(piece, FileNote | Skimmed):
                yield piece
                continue
            member, index, entry = piece
            record = _tweet(member, index, entry, username, deleted)
            if record is not None:
                yield record
    if not matching(members, GRAILBIRD):
        # The older archive's tweets.csv repeats its data/js/tweets files: read it only on its own.
        for got in documents(archive, matching(members, TWEETS_CSV), lambda d: list(csv_rows(d))):
            if isinstance(got, FileNote):
                yield got
                continue
            member, rows = got
            for index, row in enumerate(rows):
                tweet_id = text(row.get("tweet_id")) or f"#{index}"
                words = text(row.get("text"))
                if words:
                    yield Record(
                        "x",
                        member.name,
                        tweet_id,
                        RecordKind.POST,
                        texts=(("post", words),),
                        when=from_text_date(row.get("timestamp"), *DATE_FORMATS),
                        url=_url(username, tweet_id),
                    )


def _url(username: str, tweet_id: str) -> str | None:
    if not tweet_id.isdigit():
        return None
    return f"https://x.com/{username}/status/{tweet_id}" if username else f"https://x.com/i/web/status/{tweet_id}"


def _tweet(member: Member, index: int, entry: Any, username: str, deleted: bool) -> Record | None:
    tweet = dig(entry, "tweet") or dig(entry, "noteTweet") or entry
    if not isinstance(tweet, dict):
        return None
    tweet_id = text(tweet.get("id_str")) or text(tweet.get("noteTweetId")) or f"#{index}"
    words = text(tweet.get("full_text")) or text(dig(tweet, "core", "text")) or text(tweet.get("text"))
    spot = position(
        dig(tweet, "coordinates", "coordinates", 1), dig(tweet, "coordinates", "coordinates", 0)
    ) or position(dig(tweet, "geo", "coordinates", 0), dig(tweet, "geo", "coordinates", 1))
    place = text(dig(tweet, "place", "full_name"))
    return Record(
        "x",
        member.name,
        tweet_id,
        RecordKind.POST,
        texts=(("deleted post" if deleted else "post", words),) if words else (),
        when=from_text_date(tweet.get("created_at"), *DATE_FORMATS),
        url=None if deleted else _url(username, tweet_id),
        position=spot,
        position_source="geotag" if spot else "",
        place=place,
    )


READER = PlatformReader(
    "x",
    "X (Twitter)",
    claims,
    read,
    "archive .js files (2019 on) and the older archive: posts, deleted posts, account email, profile, photos",
    sites=("x.com", "twitter.com"),
    actions={
        "profile": "bio",
        "content": "old-posts",
        "media": "old-posts",
        "location": "location",
        "official-email": "official-email",
    },
)
