"""X (Twitter) archive: `data/*.js` files that assign JSON to `window.YTD.<name>.part<N>`.

Layout from public parsers (TheExGenesis/community-archive docs/archive_data.md and others):
`data/tweets.js` (older `data/tweet.js`; large archives add `tweets-part1.js` …) holding
[{tweet: {id_str, full_text, created_at "Wed Oct 10 20:19:24 +0000 2018", coordinates: {coordinates:
[lon, lat]}, geo: {coordinates: [lat, lon]}, place: {full_name}}}]; `data/account.js`
[{account: {email, username, accountDisplayName}}]; `data/profile.js` [{profile: {description:
{bio, website, location}}}]; photos under `data/tweets_media/` (older `data/tweet_media/`).
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from socially_aware.review.archive import Archive, Member
from socially_aware.review.documents import as_list, dig, load_ytd, text
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

TWEETS = r"(^|/)data/(tweets?|community-tweet|note-tweet)(-part\d+)?\.js$"
ACCOUNT = r"(^|/)data/account\.js$"
PROFILE = r"(^|/)data/profile\.js$"
USERNAME = re.compile(r"^[A-Za-z0-9_]{1,30}$")


def claims(members: Sequence[Member]) -> bool:
    return any(matching(members, p) for p in (TWEETS, ACCOUNT, r"(^|/)data/manifest\.js$"))


def read(archive: Archive, members: Sequence[Member]) -> Output:
    username = ""
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
    for got in streamed(archive, matching(members, TWEETS), ytd=True):
        if isinstance(got, FileNote):
            yield got
            continue
        member, index, entry = got
        tweet = dig(entry, "tweet") or dig(entry, "noteTweet") or entry
        if not isinstance(tweet, dict):
            continue
        tweet_id = text(tweet.get("id_str")) or text(tweet.get("noteTweetId")) or f"#{index}"
        words = text(tweet.get("full_text")) or text(dig(tweet, "core", "text")) or text(tweet.get("text"))
        spot = position(
            dig(tweet, "coordinates", "coordinates", 1), dig(tweet, "coordinates", "coordinates", 0)
        ) or position(dig(tweet, "geo", "coordinates", 0), dig(tweet, "geo", "coordinates", 1))
        place = text(dig(tweet, "place", "full_name"))
        url = None
        if tweet_id.isdigit():
            url = (
                f"https://x.com/{username}/status/{tweet_id}" if username else f"https://x.com/i/web/status/{tweet_id}"
            )
        yield Record(
            "x",
            member.name,
            tweet_id,
            RecordKind.POST,
            texts=(("post", words),) if words else (),
            when=from_text_date(tweet.get("created_at"), "%a %b %d %H:%M:%S %z %Y"),
            url=url,
            position=spot,
            position_source="geotag" if spot else "",
            place=place,
        )


READER = PlatformReader("x", "X (Twitter)", claims, read, "archive data/*.js: posts, account email, profile, photos")
