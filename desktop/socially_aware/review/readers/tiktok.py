"""TikTok "Download your data" in JSON: one `user_data.json` (newer: `user_data_tiktok.json`).

Layout from public parsers (zollo/tiktok-downloader README: Activity/Video/Videos/VideoList of
{Date, Likes, Link}; Profile/Profile Information/ProfileMap {userName, bioDescription,
emailAddress, telephoneNumber}; Comment/Comments/CommentsList [{Date, Comment}]). Section names
move between versions ("Video" became "Post"), so the lists are found by key wherever they sit.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from socially_aware.review.archive import Archive, Member
from socially_aware.review.documents import as_list, find_key, load_json, text
from socially_aware.review.model import FileNote, Record, RecordKind
from socially_aware.review.readers.common import Output, PlatformReader, documents, from_text_date, matching

DATA = r"(^|/)user_data(_tiktok)?\.json$"
DATE_FORMATS = ("%Y-%m-%d %H:%M:%S",)


def claims(members: Sequence[Member]) -> bool:
    return bool(matching(members, DATA))


def read(archive: Archive, members: Sequence[Member]) -> Output:
    chosen = [m for m in members if re.search(DATA, m.name, re.IGNORECASE)]
    for got in documents(archive, chosen, load_json):
        if isinstance(got, FileNote):
            yield got
            continue
        member, data = got
        for profile in find_key(data, "ProfileMap"):
            if not isinstance(profile, dict):
                continue
            email = text(profile.get("emailAddress"))
            if email:
                yield Record("tiktok", member.name, "account", RecordKind.ACCOUNT, emails=(email,))
            fields = tuple(
                (label, text(profile.get(key)))
                for key, label in (("userName", "username"), ("bioDescription", "bio"))
                if text(profile.get(key))
            )
            if fields:
                yield Record("tiktok", member.name, "profile", RecordKind.PROFILE, texts=fields)
        for videos in find_key(data, "VideoList"):
            for index, video in enumerate(as_list(videos)):
                if not isinstance(video, dict):
                    continue
                words = " ".join(
                    text(video.get(k)) for k in ("Title", "Desc", "Description", "Caption") if text(video.get(k))
                )
                place = text(video.get("Location"))
                link = text(video.get("Link"))
                if words or place:
                    yield Record(
                        "tiktok",
                        member.name,
                        link or f"video{index}",
                        RecordKind.POST,
                        texts=(("caption", words),) if words else (),
                        place=place,
                        position_source="location tag" if place else "",
                        when=from_text_date(video.get("Date"), *DATE_FORMATS),
                        url=link if link.startswith("https://www.tiktok.com/") else None,
                    )
        for comments in find_key(data, "CommentsList"):
            for index, comment in enumerate(as_list(comments)):
                if not isinstance(comment, dict):
                    continue
                words = text(comment.get("Comment")) or text(comment.get("comment"))
                if words:
                    yield Record(
                        "tiktok",
                        member.name,
                        f"{text(comment.get('Date'))}#{index}",
                        RecordKind.COMMENT,
                        texts=(("comment", words),),
                        when=from_text_date(comment.get("Date"), *DATE_FORMATS),
                    )


READER = PlatformReader(
    "tiktok",
    "TikTok",
    claims,
    read,
    "user_data.json: videos, comments, profile, account email",
    sites=("tiktok.com",),
    actions={
        "profile": "bio",
        "content": "work-videos",
        "media": "work-videos",
        "location": "location",
        "official-email": "official-email",
    },
)
