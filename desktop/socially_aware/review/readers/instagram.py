"""Instagram "Download your information" in JSON.

Layouts from public parsers (InstagramExportedPost "posts_1.json data export … as of 2025/02/11";
Meta's folder names): `your_instagram_activity/content/posts_1.json` (older: `content/posts_1.json`),
a list of {media: [{uri, creation_timestamp, title, media_metadata.photo_metadata.exif_data:
[{latitude, longitude}]}], title, creation_timestamp}; `content/reels.json` {ig_reels_media: […]},
`content/stories.json` {ig_stories: [media]}; `comments/post_comments_1.json` [{string_map_data:
{Comment: {value}, Time: {timestamp}}}]; `personal_information/personal_information.json`
{profile_user: [{string_map_data: {Email: {value}, Bio: {value}, …}}]}.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from socially_aware.review.archive import Archive, Member
from socially_aware.review.documents import as_list, dig, load_json, text
from socially_aware.review.model import FileNote, Record, RecordKind
from socially_aware.review.readers.common import (
    Output,
    PlatformReader,
    documents,
    from_timestamp,
    matching,
    meta_media,
    streamed,
)

CONTENT = r"(^|/)content/(posts(_\d+)?|reels|stories|archived_posts)\.json$"
COMMENTS = r"(^|/)comments/(post_comments(_\d+)?|reels_comments)\.json$"
PROFILE = r"(^|/)personal_information/personal_information\.json$"
MARKERS = (CONTENT, PROFILE, r"(^|/)your_instagram_activity/")


def claims(members: Sequence[Member]) -> bool:
    return any(matching(members, p) for p in MARKERS)


def _entries(data: Any) -> list[Any]:
    if isinstance(data, list):
        return data
    if isinstance(data, dict):
        for key in (
            "ig_reels_media",
            "ig_stories",
            "ig_archived_post_media",
            "comments_reels_comments",
            "comments_media_comments",
        ):
            if isinstance(data.get(key), list):
                return list(data[key])
    return []


def read(archive: Archive, members: Sequence[Member]) -> Output:
    for got in streamed(archive, matching(members, CONTENT)):
        if isinstance(got, FileNote):
            yield got
            continue
        member, position_in_file, element = got
        # posts_1.json is a list of posts; reels.json and stories.json wrap theirs in an object.
        wrapped = (
            _entries(element) if isinstance(element, dict) and "media" not in element and "uri" not in element else []
        )
        for index, entry in enumerate(wrapped) if wrapped else [(position_in_file, element)]:
            if not isinstance(entry, dict):
                continue
            when = from_timestamp(entry.get("creation_timestamp"))
            identity = f"{entry.get('creation_timestamp', '')}#{index}"
            caption = text(entry.get("title"), True)
            media = entry.get("media") if isinstance(entry.get("media"), list) else [entry]
            if caption:
                yield Record(
                    "instagram", member.name, identity, RecordKind.POST, texts=(("caption", caption),), when=when
                )
            yield from meta_media("instagram", member, identity, media, when)
    for got in documents(archive, matching(members, COMMENTS), load_json):
        if isinstance(got, FileNote):
            yield got
            continue
        member, data = got
        for index, entry in enumerate(_entries(data)):
            values = dig(entry, "string_map_data") or {}
            words = text(dig(values, "Comment", "value"), True)
            if words:
                when = from_timestamp(dig(values, "Time", "timestamp"))
                yield Record(
                    "instagram",
                    member.name,
                    f"{dig(values, 'Time', 'timestamp')}#{index}",
                    RecordKind.COMMENT,
                    texts=(("comment", words),),
                    when=when,
                )
    for got in documents(archive, matching(members, PROFILE), load_json):
        if isinstance(got, FileNote):
            yield got
            continue
        member, data = got
        for user in as_list(dig(data, "profile_user")):
            values = dig(user, "string_map_data") or {}
            if not isinstance(values, dict):
                continue
            email = text(dig(values, "Email", "value"))
            if email:
                yield Record("instagram", member.name, "account", RecordKind.ACCOUNT, emails=(email,))
            fields = tuple(
                (label.lower(), text(dig(values, label, "value"), True))
                for label in ("Name", "Username", "Bio", "Website")
                if text(dig(values, label, "value"))
            )
            if fields:
                yield Record("instagram", member.name, "profile", RecordKind.PROFILE, texts=fields)


READER = PlatformReader(
    "instagram", "Instagram", claims, read, "JSON download: posts, reels, stories, comments, profile, photos"
)
