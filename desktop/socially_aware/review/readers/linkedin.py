"""LinkedIn "Get a copy of your data": CSV files at the top of the zip.

Columns as public notes on the export list them: `Profile.csv` (First Name, Last Name, Headline,
Summary, Industry, Geo Location, Websites, …), `Positions.csv` (Company Name, Title, Description,
Location, Started On, Finished On), `Shares.csv` (Date, ShareLink, ShareCommentary, SharedUrl,
MediaUrl, Visibility), `Comments.csv` (Date, Link, Message), `Email Addresses.csv` (Email Address,
Confirmed, Primary, Updated On), `PhoneNumbers.csv` (Extension, Number, Type). File names are
capitalised, which tells them apart from Reddit's lower-case `comments.csv`.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from socially_aware.review.archive import Archive, Member
from socially_aware.review.documents import csv_rows
from socially_aware.review.model import FileNote, Record, RecordKind
from socially_aware.review.readers.common import Output, PlatformReader, documents, from_text_date

DATE_FORMATS = ("%Y-%m-%d %H:%M:%S", "%m/%d/%y, %I:%M %p", "%b %Y", "%Y")
MARKERS = ("Positions.csv", "Shares.csv", "Email Addresses.csv", "Profile.csv", "Connections.csv")


def _named(members: Sequence[Member], *names: str) -> list[Member]:
    return [m for m in members if m.basename in names]


def claims(members: Sequence[Member]) -> bool:
    return bool(_named(members, *MARKERS))


def read(archive: Archive, members: Sequence[Member]) -> Output:
    for got in documents(archive, _named(members, "Email Addresses.csv"), lambda d: list(csv_rows(d))):
        if isinstance(got, FileNote):
            yield got
            continue
        member, rows = got
        emails = tuple(row.get("Email Address", "").strip() for row in rows if row.get("Email Address", "").strip())
        if emails:
            yield Record("linkedin", member.name, "account", RecordKind.ACCOUNT, emails=emails)
    for got in documents(archive, _named(members, "Profile.csv"), lambda d: list(csv_rows(d))):
        if isinstance(got, FileNote):
            yield got
            continue
        member, rows = got
        for index, row in enumerate(rows):
            fields = tuple(
                (k.lower(), row[k]) for k in ("Headline", "Summary", "Industry", "Websites") if row.get(k, "").strip()
            )
            if fields:
                yield Record("linkedin", member.name, f"row{index}", RecordKind.PROFILE, texts=fields)
    for got in documents(archive, _named(members, "Positions.csv"), lambda d: list(csv_rows(d))):
        if isinstance(got, FileNote):
            yield got
            continue
        member, rows = got
        for index, row in enumerate(rows):
            fields = tuple(
                (k.lower(), row[k])
                for k in ("Company Name", "Title", "Description", "Location")
                if row.get(k, "").strip()
            )
            if fields:
                yield Record(
                    "linkedin",
                    member.name,
                    f"{row.get('Company Name', '')}|{row.get('Started On', '')}|{index}",
                    RecordKind.PROFILE,
                    texts=fields,
                    when=from_text_date(row.get("Started On"), *DATE_FORMATS),
                )
    for name, text_column, link_column in (
        ("Shares.csv", "ShareCommentary", "ShareLink"),
        ("Comments.csv", "Message", "Link"),
    ):
        for got in documents(archive, _named(members, name), lambda d: list(csv_rows(d))):
            if isinstance(got, FileNote):
                yield got
                continue
            member, rows = got
            kind = RecordKind.POST if name == "Shares.csv" else RecordKind.COMMENT
            for index, row in enumerate(rows):
                words = row.get(text_column, "")
                link = row.get(link_column, "").strip()
                if words.strip():
                    yield Record(
                        "linkedin",
                        member.name,
                        link or f"row{index}",
                        kind,
                        texts=(("post" if kind is RecordKind.POST else "comment", words),),
                        when=from_text_date(row.get("Date"), *DATE_FORMATS),
                        url=link if re.match(r"^https://(www\.)?linkedin\.com/", link) else None,
                    )


READER = PlatformReader(
    "linkedin",
    "LinkedIn",
    claims,
    read,
    "CSV export: profile, positions, posts (shares), comments, email addresses",
    sites=("linkedin.com",),
    actions={
        "profile": "remove-experience",
        "content": "work-photos",
        "media": "work-photos",
        "location": "remove-experience",
        "official-email": "official-email",
    },
)
