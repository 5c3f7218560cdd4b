"""Instagram "Download your information" in JSON.

Layouts from public parsers (InstagramExportedPost "posts_1.json data export … as of 2025/02/11";
Meta's folder names): `your_instagram_activity/content/posts_1.json` (older: `content/posts_1.json`),
a list of {media: [{uri, creation_timestamp, title, media_metadata.photo_metadata.exif_data:
[{latitude, longitude}]}], title, creation_timestamp}; `content/reels.json` {ig_reels_media: […]},
`content/stories.json` {ig_stories: [media]}; `comments/post_comments_1.json` [{string_map_data:
{Comment: {value}, Time: {timestamp}}}]; `personal_information/personal_information.json`
{profile_user: [{string_map_data: {Email: {value}, Bio: {value}, …}}]}; likes in
`likes/liked_posts.json` {likes_media_likes: [{title: account, string_list_data: [{value, timestamp}]}]}.
The older download (2018–2020) has `media.json` {photos|videos|stories: [{caption, taken_at, path,
location}]}, `comments.json` {media_comments: [[time, text, account]]}, `profile.json` {biography,
email, name, username, website} and `likes.json` {media_likes: [[time, account]]}. Every file is
found by its name wherever it sits.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from socially_aware.review.archive import Archive, Member
from socially_aware.review.documents import Skimmed, as_list, dig, load_json, text
from socially_aware.review.model import FileNote, Record, RecordKind
from socially_aware.review.readers.common import (
    Output,
    PlatformReader,
    documents,
    from_text_date,
    from_timestamp,
    matching,
    meta_media,
    streamed,
)

CONTENT = r"(^|/)(posts(_\d+)?|reels|stories|archived_posts|igtv_videos)\.json$"
COMMENTS = r"(^|/)(post_comments(_\d+)?|reels_comments)\.json$"
PROFILE = r"(^|/)personal_information\.json$"
LIKES = r"(^|/)(liked_posts|liked_comments|story_likes)\.json$"
OLD_MEDIA = r"(^|/)media\.json$"
OLD_COMMENTS = r"(^|/)comments\.json$"
OLD_PROFILE = r"(^|/)profile\.json$"
OLD_LIKES = r"(^|/)likes\.json$"
MARKERS = (
    r"(^|/)content/(posts(_\d+)?|reels|stories)\.json$",
    r"(^|/)personal_information/personal_information\.json$",
    r"(^|/)your_instagram_activity/",
)


def _old_layout(members: Sequence[Member]) -> bool:
    """The 2018–2020 download: media.json beside profile.json or comments.json at its top."""
    return bool(matching(members, OLD_MEDIA)) and bool(
        matching(members, OLD_PROFILE) or matching(members, r"(^|/)connections\.json$")
    )


POSITION_KEYS = ('"latitude"', '"location"')
"""Keys under which a post carries a place or a position: elements with none of them may be skimmed."""


def claims(members: Sequence[Member]) -> bool:
    return any(matching(members, p) for p in MARKERS) or _old_layout(members)


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
    for piece in streamed(archive, matching(members, CONTENT), keys=POSITION_KEYS):
        if isinstance(piece, FileNote | Skimmed):
            yield piece
            continue
        member, position_in_file, element = piece
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
    for got in documents(archive, matching(members, LIKES), load_json):
        if isinstance(got, FileNote):
            yield got
            continue
        member, data = got
        for index, entry in enumerate(_all_entries(data)):
            account = text(dig(entry, "title"), True) or text(dig(entry, "string_list_data", 0, "value"), True)
            if account:
                yield Record(
                    "instagram",
                    member.name,
                    f"like:{dig(entry, 'string_list_data', 0, 'timestamp')}#{index}",
                    RecordKind.REACTION,
                    texts=(("liked an account's post", "@" + account.lstrip("@")),),
                    when=from_timestamp(dig(entry, "string_list_data", 0, "timestamp")),
                )
    if _old_layout(members):
        yield from _read_old(archive, members)


def _all_entries(data: Any) -> list[Any]:
    if isinstance(data, list):
        return data
    if isinstance(data, dict):
        return [e for value in data.values() if isinstance(value, list) for e in value]
    return []


def _read_old(archive: Archive, members: Sequence[Member]) -> Output:
    for got in documents(archive, matching(members, OLD_MEDIA), load_json):
        if isinstance(got, FileNote):
            yield got
            continue
        member, data = got
        for key in ("photos", "videos", "stories", "direct"):
            for index, item in enumerate(as_list(dig(data, key))):
                if not isinstance(item, dict):
                    continue
                caption = text(item.get("caption"), True)
                place = text(item.get("location"), True)
                if caption or place:
                    yield Record(
                        "instagram",
                        member.name,
                        f"{key}:{text(item.get('taken_at'))}#{index}",
                        RecordKind.POST,
                        texts=(("caption", caption),) if caption else (),
                        when=from_text_date(item.get("taken_at")),
                        place=place,
                    )
    yield from _old_rows(archive, members, OLD_COMMENTS, RecordKind.COMMENT, "comment", lambda words: words)
    for got in documents(archive, matching(members, OLD_PROFILE), load_json):
        if isinstance(got, FileNote):
            yield got
            continue
        member, data = got
        email = text(dig(data, "email"))
        if email:
            yield Record("instagram", member.name, "account", RecordKind.ACCOUNT, emails=(email,))
        fields = tuple(
            (label, text(dig(data, key), True))
            for label, key in (("name", "name"), ("username", "username"), ("bio", "biography"), ("website", "website"))
            if text(dig(data, key))
        )
        if fields:
            yield Record("instagram", member.name, "profile", RecordKind.PROFILE, texts=fields)
    yield from _old_rows(
        archive,
        members,
        OLD_LIKES,
        RecordKind.REACTION,
        "liked an account's post",
        lambda account: "@" + account.lstrip("@"),
    )


def _old_rows(
    archive: Archive,
    members: Sequence[Member],
    pattern: str,
    kind: RecordKind,
    label: str,
    shown: Callable[[str], str],
) -> Output:
    """The older comments.json and likes.json: {key: [[time, text or account, …]]}, one record a row."""
    for got in documents(archive, matching(members, pattern), load_json):
        if isinstance(got, FileNote):
            yield got
            continue
        member, data = got
        for key, rows in data.items() if isinstance(data, dict) else []:
            for index, row in enumerate(as_list(rows)):
                value = text(dig(row, 1), True)
                if value:
                    yield Record(
                        "instagram",
                        member.name,
                        f"{key}:{text(dig(row, 0))}#{index}",
                        kind,
                        texts=((label, shown(value)),),
                        when=from_text_date(dig(row, 0)),
                    )


READER = PlatformReader(
    "instagram",
    "Instagram",
    claims,
    read,
    "JSON download (2018 on): posts, reels, stories, comments, likes, profile, photos",
    sites=("instagram.com",),
    actions={
        "profile": "bio",
        "content": "work-photos",
        "media": "work-photos",
        "location": "map-location",
        "official-email": "official-email",
    },
)
