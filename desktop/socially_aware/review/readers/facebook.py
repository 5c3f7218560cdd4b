"""Facebook "Download your information" in JSON.

Layouts seen in public parsers (NorseKode/Waultar-App documents/parser/content_examples.md; Meta's
own folder names): `your_facebook_activity/posts/your_posts__check_ins__photos_and_videos_1.json`
(newer) or `posts/your_posts_1.json` (older), a list of {timestamp, data: [{post}], attachments:
[{data: [{media: {uri, description, media_metadata.photo_metadata.exif_data: [{latitude,
longitude}]}}, {place: {name, coordinate: {latitude, longitude}}}]}], title};
`comments_and_reactions/comments.json` {comments_v2: [{timestamp, data: [{comment: {comment}}]}]};
`profile_information/profile_information.json` {profile_v2: {emails: {emails, previous_emails},
work / work_experiences: [{employer, title, description}], about_me / intro_bio}}.
The oldest JSON downloads (2018) hold `posts/your_posts.json` as {status_updates: […]}; reactions sit in
`likes_and_reactions/posts_and_comments.json` {reactions(_v2): [{timestamp, title "Jo likes
Australian Border Force's post."}]} (newer `likes_and_reactions_1.json`), liked pages in
`pages_you've_liked.json` / `pages.json` {page_likes(_v2): [{name, timestamp}]}, groups in
`your_group_membership_activity.json` {groups_joined_v2: [{title, data: [{name}]}]}. Every file is
found by its name wherever it sits; `comments_and_reactions.json` may hold comments and reactions together.
Text is UTF-8 written as \\u00XX escapes; `fix_mojibake` undoes that.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

from socially_aware.review import limits
from socially_aware.review.archive import Archive, Member
from socially_aware.review.documents import Skimmed, as_list, dig, find_key, load_json, strings, text
from socially_aware.review.model import FileNote, Record, RecordKind
from socially_aware.review.readers.common import (
    Output,
    PlatformReader,
    documents,
    from_timestamp,
    matching,
    meta_media,
    position,
    streamed,
)

POSTS = r"(^|/)(your_posts|your_posts__check_ins__photos_and_videos)(_\d+)?\.json$"
COMMENTS = r"(^|/)(comments|comments_and_reactions)(_\d+)?\.json$"
REACTIONS = r"(^|/)(likes_and_reactions|posts_and_comments|reactions)(_\d+)?\.json$"
PAGES = r"(^|/)(pages_you've_liked|pages_you_liked|pages|pages_you_follow|pages_you_ve_liked)(_\d+)?\.json$"
GROUPS = r"(^|/)(your_group_membership_activity|your_groups|groups_you've_joined|group_membership_activity)\.json$"
PROFILE = r"(^|/)profile_information\.json$"
ACTIVITY_KEYS = ("title", "name", "comment", "text", "post", "description", "group_name", "page_name")
"""Keys under which likes, comments, pages and groups name what they were about."""
MARKERS = (POSTS, PROFILE, r"(^|/)your_facebook_activity/")

POSITION_KEYS = ('"place"', '"latitude"', '"coordinate"')
"""Keys under which a post carries a place or a position: elements with none of them may be skimmed."""


def claims(members: Sequence[Member]) -> bool:
    return any(matching(members, p) for p in MARKERS)


def read(archive: Archive, members: Sequence[Member]) -> Output:
    for piece in streamed(archive, matching(members, POSTS), keys=POSITION_KEYS):
        if isinstance(piece, FileNote | Skimmed):
            yield piece
            continue
        member, index, post = piece
        inner_list = next(
            (post[k] for k in ("posts", "status_updates") if isinstance(post, dict) and isinstance(post.get(k), list)),
            None,
        )
        if isinstance(post, dict) and "timestamp" not in post and inner_list is not None:
            for inner, item in enumerate(inner_list):  # older layouts: {"posts": [...]}, {"status_updates": [...]}
                if isinstance(item, dict):
                    yield from _post(member, inner, item)
        elif isinstance(post, dict):
            yield from _post(member, index, post)
    for pattern in (COMMENTS, REACTIONS, PAGES, GROUPS):
        found = matching(members, pattern)
        big = [m for m in found if m.size > limits.STREAM_ABOVE_BYTES]
        for got in documents(archive, [m for m in found if m not in big], load_json):
            if isinstance(got, FileNote):
                yield got
                continue
            yield from _activity(*got)
        for member in big:
            yield from _activity_streamed(archive, member)
    for got in documents(archive, matching(members, PROFILE), load_json):
        if isinstance(got, FileNote):
            yield got
            continue
        yield from _profile(*got)


def _post(member: Member, index: int, post: dict[str, Any]) -> Output:
    when = from_timestamp(post.get("timestamp"))
    identity = f"{post.get('timestamp', '')}#{index}"
    words = " ".join(text(d.get("post"), True) for d in as_list(post.get("data")) if isinstance(d, dict))
    texts = [("post", words)] if words.strip() else []
    title = text(post.get("title"), True)
    spot, place_name = None, ""
    for attachment in as_list(post.get("attachments")):
        for item in as_list(dig(attachment, "data")):
            if not isinstance(item, dict):
                continue
            place = item.get("place")
            if isinstance(place, dict):
                named = ", ".join(t for t in (text(place.get("name"), True), text(place.get("address"), True)) if t)
                place_name = named or place_name
                spot = spot or position(dig(place, "coordinate", "latitude"), dig(place, "coordinate", "longitude"))
            if isinstance(item.get("media"), dict):
                yield from meta_media("facebook", member, identity, [item["media"]], when)
    if place_name or spot or texts:
        checked_in = "checked in" in title.lower() or bool(spot)
        yield Record(
            "facebook",
            member.name,
            identity,
            RecordKind.POST,
            texts=tuple(texts),
            when=when,
            position=spot,
            position_source="check-in" if checked_in else "place tag",
            place=place_name,
        )


def _activity(member: Member, data: Any) -> Output:
    """Comments, reactions, liked pages and groups: every list in the file, each entry's words and title."""
    if not isinstance(data, list | dict):
        return
    lists = [("", data)] if isinstance(data, list) else [(k, v) for k, v in data.items() if isinstance(v, list)]
    if isinstance(data, dict) and not lists:
        lists = [("", [data])]
    for key, entries in lists:
        for index, entry in enumerate(entries):
            record = _activity_entry(member, key, index, entry)
            if record is not None:
                yield record


_FIRST_LIST = re.compile(r'\s*\{\s*"([^"\\]{1,64})"\s*:\s*\[')


def _activity_streamed(archive: Archive, member: Member) -> Output:
    """A comments or reactions file too large to read whole: its list is streamed (the first list
    of the object, where Meta puts it; anything after that list is not read, and a note says so)."""
    head = archive.read_head(member, 4096).decode("utf-8", "replace")
    first = _FIRST_LIST.match(head)
    key = first.group(1) if first else ""
    for piece in streamed(archive, [member], inside=(key,) if key else (), keys=()):
        if isinstance(piece, FileNote | Skimmed):
            yield piece
            continue
        _, index, entry = piece
        record = _activity_entry(member, key, index, entry)
        if record is not None:
            yield record
    if key:
        yield FileNote(
            member.name,
            f"is {member.size / 2**20:,.0f} MB: its list “{key}” was read as a stream; anything after it was not read",
        )


def _activity_entry(member: Member, key: str, index: int, entry: Any) -> Record | None:
    if not isinstance(entry, dict):
        return None
    comment = " ".join(text(c.get("comment") if isinstance(c, dict) else c, True) for c in find_key(entry, "comment"))
    words = _unique(text(s, True) for k in ACTIVITY_KEYS if k != "comment" for s in find_key(entry, k))
    texts = tuple((label, value) for label, value in (("comment", comment), ("title", words)) if value.strip())
    if not texts:
        return None
    return Record(
        "facebook",
        member.name,
        # Comments keep the identity earlier versions gave them, so marks stay with them.
        f"{'' if key in ('', 'comments_v2', 'comments') else key + ':'}{entry.get('timestamp', '')}#{index}",
        RecordKind.COMMENT if comment else RecordKind.REACTION,
        texts=texts,
        when=from_timestamp(entry.get("timestamp")),
    )


def _unique(values: Any) -> str:
    seen: list[str] = []
    for value in values:
        if isinstance(value, str) and value.strip() and value not in seen and not value.startswith("http"):
            seen.append(value)
    return " · ".join(seen)


def _profile(member: Member, data: Any) -> Output:
    profile = dig(data, "profile_v2") or dig(data, "profile") or {}
    emails = dig(profile, "emails") or {}
    addresses = tuple(text(e) for key in ("emails", "previous_emails") for e in as_list(dig(emails, key)) if text(e))
    if addresses:
        yield Record("facebook", member.name, "account", RecordKind.ACCOUNT, emails=addresses)
    for key in ("work", "work_experiences"):
        for index, job in enumerate(as_list(dig(profile, key))):
            words = " ".join(text(s, True) for s in strings(job) if not s.startswith("http"))
            if words.strip():
                yield Record("facebook", member.name, f"{key}#{index}", RecordKind.PROFILE, texts=(("work", words),))
    for key in ("about_me", "intro_bio", "bio"):
        value = profile.get(key) if isinstance(profile, dict) else None
        words = " ".join(text(s, True) for s in strings(value))
        if words.strip():
            yield Record("facebook", member.name, key, RecordKind.PROFILE, texts=((key.replace("_", " "), words),))


READER = PlatformReader(
    "facebook",
    "Facebook",
    claims,
    read,
    "JSON download (2018 on): posts, check-ins, comments, reactions, pages, groups, profile and work, photos",
    sites=("facebook.com",),
    actions={
        "profile": "remove-workplace",
        "content": "limit-past-posts",
        "media": "hide-work-photos",
        "location": "remove-locations",
        "official-email": "official-email",
    },
)
