"""Strava bulk export: `activities.csv`, `profile.csv` and the track files under `activities/`.

Layout from Strava's help article on bulk export and public parsers of it: `activities.csv` columns
Activity ID, Activity Date ("Mar 1, 2020, 7:00:00 AM"), Activity Name, Activity Type, Activity
Description, …, Filename ("activities/1234.gpx.gz"); tracks are .gpx, .tcx or .fit, often gzipped;
`profile.csv` has Email Address. FIT (binary) tracks are not read: a note says how many were skipped.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import datetime

from socially_aware.review import tracks
from socially_aware.review.archive import Archive, Member
from socially_aware.review.documents import csv_rows
from socially_aware.review.model import FileNote, Record, RecordKind
from socially_aware.review.readers.common import DAMAGE, READ_ERRORS, Output, PlatformReader, documents, from_text_date
from socially_aware.wording import count, verb

TRACK = r"(^|/)activities/[^/]+\.(gpx|tcx)(\.gz)?$"
FIT = r"(^|/)activities/[^/]+\.fit(\.gz)?$"
DATE_FORMATS = ("%b %d, %Y, %I:%M:%S %p", "%Y-%m-%d %H:%M:%S")


def claims(members: Sequence[Member]) -> bool:
    return any(m.basename == "activities.csv" for m in members)


def read(archive: Archive, members: Sequence[Member]) -> Output:
    for got in documents(archive, [m for m in members if m.basename == "profile.csv"], lambda d: list(csv_rows(d))):
        if isinstance(got, FileNote):
            yield got
            continue
        member, rows = got
        emails = tuple(row.get("Email Address", "").strip() for row in rows if "@" in row.get("Email Address", ""))
        if emails:
            yield Record("strava", member.name, "account", RecordKind.ACCOUNT, emails=emails)
        for index, row in enumerate(rows):
            fields = tuple((k.lower(), row[k]) for k in ("Description", "City") if row.get(k, "").strip())
            if fields:
                yield Record("strava", member.name, f"profile{index}", RecordKind.PROFILE, texts=fields)
    by_file: dict[str, tuple[str, str, datetime | None]] = {}
    for got in documents(archive, [m for m in members if m.basename == "activities.csv"], lambda d: list(csv_rows(d))):
        if isinstance(got, FileNote):
            yield got
            continue
        member, rows = got
        for index, row in enumerate(rows):
            activity = row.get("Activity ID", "").strip() or f"row{index}"
            when = from_text_date(row.get("Activity Date"), *DATE_FORMATS)
            url = f"https://www.strava.com/activities/{activity}" if activity.isdigit() else None
            filename = row.get("Filename", "").strip()
            if filename:
                by_file[filename.lower()] = (activity, member.name, when)
            texts = tuple(
                (k.removeprefix("Activity ").lower(), row[k])
                for k in ("Activity Name", "Activity Description")
                if row.get(k, "").strip()
            )
            if texts:
                yield Record("strava", member.name, activity, RecordKind.ACTIVITY, texts=texts, when=when, url=url)
    fit = [m for m in members if re.search(FIT, m.name, re.IGNORECASE)]
    if fit:
        yield FileNote(
            "activities/",
            f"{count(len(fit), 'FIT track file')} {verb(len(fit), 'was', 'were')} not read "
            "(this review reads GPX and TCX): "
            "their start and end points were not checked",
        )
    for member in (m for m in members if re.search(TRACK, m.name, re.IGNORECASE)):
        known = next((v for k, v in by_file.items() if member.lower.endswith(k)), None)
        activity = known[0] if known else member.basename.split(".")[0]
        when = known[2] if known else None
        try:
            if member.lower.endswith(".gz"):
                stream = archive.open_stream(member)
                try:
                    start, end = tracks.endpoints(tracks.gunzip_chunks(stream), tcx=".tcx" in member.lower)
                finally:
                    stream.close()
            else:
                start, end = tracks.endpoints(archive.chunks(member), tcx=".tcx" in member.lower)
        except (*READ_ERRORS, tracks.TrackTooLarge) as error:
            yield FileNote(
                member.name,
                str(error)
                if isinstance(error, tracks.TrackTooLarge)
                else f"could not be read ({type(error).__name__}: {error})",
                damaged=isinstance(error, DAMAGE),
            )
            continue
        url = f"https://www.strava.com/activities/{activity}" if activity.isdigit() else None
        for label, point in (("start", start), ("end", end)):
            if point:
                yield Record(
                    "strava",
                    member.name,
                    f"{activity}/{label}",
                    RecordKind.ACTIVITY,
                    when=when,
                    url=url,
                    position=point,
                    position_source=f"activity {label}",
                )


READER = PlatformReader(
    "strava",
    "Strava",
    claims,
    read,
    "bulk export: activities.csv, GPX/TCX tracks (FIT not read), profile email",
    sites=("strava.com",),
    actions={
        "profile": "clubs",
        "content": "past-activities",
        "media": "past-activities",
        "location": "map-visibility",
        "official-email": "official-email",
    },
)
