"""Reddit data request: CSV files (lower-case names).

Columns as public notes on the export list them: `posts.csv` (id, permalink, date "2025-05-18
04:35:32 UTC", ip, subreddit, gildings, title, url, body), `comments.csv` (id, permalink, date,
ip, subreddit, gildings, link, parent, body, media), `statistics.csv` (statistic, value; an
"email address" row when the account has one).
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from socially_aware.review.archive import Archive, Member
from socially_aware.review.documents import csv_rows
from socially_aware.review.model import FileNote, Record, RecordKind
from socially_aware.review.readers.common import Output, PlatformReader, documents, from_text_date

FILES = ("posts.csv", "comments.csv")


def _named(members: Sequence[Member], *names: str) -> list[Member]:
    # Google Takeout's YouTube folder also holds a comments.csv: that one is not Reddit's.
    return [m for m in members if m.basename in names and "youtube" not in m.lower]


def claims(members: Sequence[Member]) -> bool:
    return bool(_named(members, *FILES))


def read(archive: Archive, members: Sequence[Member]) -> Output:
    for got in documents(archive, _named(members, "statistics.csv"), lambda d: list(csv_rows(d))):
        if isinstance(got, FileNote):
            yield got
            continue
        member, rows = got
        emails = tuple(
            row.get("value", "").strip()
            for row in rows
            if "email" in row.get("statistic", "").lower() and "@" in row.get("value", "")
        )
        if emails:
            yield Record("reddit", member.name, "account", RecordKind.ACCOUNT, emails=emails)
    for got in documents(archive, _named(members, *FILES), lambda d: list(csv_rows(d))):
        if isinstance(got, FileNote):
            yield got
            continue
        member, rows = got
        kind = RecordKind.POST if member.basename == "posts.csv" else RecordKind.COMMENT
        for index, row in enumerate(rows):
            texts = tuple(
                (label, row[key])
                for key, label in (("title", "title"), ("body", kind.value))
                if row.get(key, "").strip()
            )
            if not texts:
                continue
            link = row.get("permalink", "").strip()
            yield Record(
                "reddit",
                member.name,
                row.get("id", "").strip() or f"row{index}",
                kind,
                texts=texts,
                when=from_text_date(row.get("date"), "%Y-%m-%d %H:%M:%S UTC"),
                url=link if re.match(r"^https://(www\.|old\.)?reddit\.com/", link) else None,
            )


READER = PlatformReader(
    "reddit",
    "Reddit",
    claims,
    read,
    "CSV export: posts, comments, account email",
    sites=("reddit.com",),
    actions={
        "profile": "username",
        "content": "work-comments",
        "media": "work-comments",
        "location": "work-comments",
        "official-email": "official-email",
    },
)
