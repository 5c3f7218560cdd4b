"""Snapchat "My Data" download: memories and chat media with locations, Snap Map places, location history, profile.

Layout from Snapchat's support pages on the download and public parsers of it (the `json/` folder;
older downloads also carry an `html/` copy, which is not read): `memories_history.json` {"Saved
Media": [{Date "2023-01-01 10:00:00 UTC", "Media Type", Location "Latitude, Longitude: -33.94,
151.17"}]}; `location_history.json` {"Location History": [{Time, "Latitude, Longitude": "-33.94 ± 10
meters, 151.17 ± 10 meters"}], "Home & Work": {…}, "Frequent Locations": [{City, Region,
Country}], "Businesses and public places you may have visited": [{Date, Name, Address}]};
`snap_map_places_history.json` / `snap_map_places.json` [{Date, Place, "Place Location", Address}];
`account.json` {"Basic Information": {Username, Name, Email?}}, `user_profile.json` {"App Profile":
{…}}. Media files in `memories/` and `chat_media/` are checked for GPS like every photo and video.
Chat text is private conversation with other people and is not read.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from typing import Any

from socially_aware.review.archive import Archive, Member
from socially_aware.review.documents import as_list, dig, find_key, load_json, strings, text
from socially_aware.review.model import FileNote, Record, RecordKind
from socially_aware.review.readers.common import Output, PlatformReader, documents, from_text_date, matching, position
from socially_aware.review.readers.visits import Visits

MEMORIES = r"(^|/)memories_history\.json$"
LOCATIONS = r"(^|/)location_history\.json$"
PLACES = r"(^|/)snap_map_places(_history)?\.json$"
ACCOUNT = r"(^|/)(account|user_profile|account_history)\.json$"
MARKERS = (
    MEMORIES,
    PLACES,
    r"(^|/)json/(snap_history|chat_history|friends|account)\.json$",
    r"(^|/)memories_history\.html$",
)
_NUMBER = re.compile(r"-?\d{1,3}(?:\.\d+)?")
DATE_FORMATS = ("%Y-%m-%d %H:%M:%S %Z", "%Y-%m-%d %H:%M:%S")


def claims(members: Sequence[Member]) -> bool:
    return any(matching(members, p) for p in MARKERS)


def _pair(value: Any) -> tuple[float, float] | None:
    """ "Latitude, Longitude: -33.94, 151.17" or "-33.94 ± 10 meters, 151.17 ± 10 meters"."""
    parts = text(value).rpartition(":")[2].split(",")
    if len(parts) != 2:
        return None
    found = [_NUMBER.search(part) for part in parts]
    return position(found[0].group(0), found[1].group(0)) if found[0] and found[1] else None


def read(archive: Archive, members: Sequence[Member]) -> Output:
    for got in documents(archive, matching(members, MEMORIES), load_json):
        if isinstance(got, FileNote):
            yield got
            continue
        member, data = got
        for index, item in enumerate(_entries(data)):
            spot = _pair(item.get("Location"))
            if spot:
                yield Record(
                    "snapchat",
                    member.name,
                    f"{text(item.get('Date'))}#{index}",
                    RecordKind.MEDIA,
                    when=from_text_date(item.get("Date"), *DATE_FORMATS),
                    position=spot,
                    position_source=f"a location saved with the memory ({text(item.get('Media Type')).lower() or 'media'})",
                )
    for got in documents(archive, matching(members, PLACES), load_json):
        if isinstance(got, FileNote):
            yield got
            continue
        member, data = got
        for index, item in enumerate(_entries(data)):
            spot = next((p for k, v in item.items() if "location" in k.lower() and (p := _pair(v))), None)
            name = ", ".join(
                t for t in (text(item.get("Place")) or text(item.get("Name")), text(item.get("Address"))) if t
            )
            if spot or name:
                yield Record(
                    "snapchat",
                    member.name,
                    f"{text(item.get('Date'))}#{index}",
                    RecordKind.PLACE_VISIT,
                    when=from_text_date(item.get("Date"), *DATE_FORMATS),
                    position=spot,
                    position_source="a Snap Map place" if spot else "",
                    place=name,
                )
    for got in documents(archive, matching(members, LOCATIONS), load_json):
        if isinstance(got, FileNote):
            yield got
            continue
        member, data = got
        visits = Visits("snapchat", member.name)
        for item in as_list(dig(data, "Location History")):
            spot = _pair(dig(item, "Latitude, Longitude")) if isinstance(item, dict) else None
            if spot:
                visits.add(spot, from_text_date(dig(item, "Time"), *DATE_FORMATS))
        yield from visits.records()
        for key in ("Home & Work", "Frequent Locations", "Latest Location"):
            words = " · ".join(s for s in strings(dig(data, key)) if s.strip())
            if words:
                yield Record("snapchat", member.name, key, RecordKind.PLACE_VISIT, place=f"{key}: {words}"[:200])
    for got in documents(archive, matching(members, ACCOUNT), load_json):
        if isinstance(got, FileNote):
            yield got
            continue
        member, data = got
        basic = dig(data, "Basic Information") or dig(data, "App Profile") or {}
        # Kept as written: the detectors read addresses after normalising (a fullwidth ＠ included).
        emails = tuple(
            text(value).strip()
            for key in ("Email", "Email Address", "email")
            for value in find_key(data, key)
            if "@" in unicodedata.normalize("NFKC", text(value))
        )
        if emails:
            yield Record("snapchat", member.name, "account", RecordKind.ACCOUNT, emails=emails)
        fields = tuple(
            (label.lower(), text(dig(basic, label)))
            for label in ("Username", "Name", "Display Name")
            if text(dig(basic, label))
        )
        if fields:
            yield Record("snapchat", member.name, "profile", RecordKind.PROFILE, texts=fields)


def _entries(data: Any) -> list[dict[str, Any]]:
    """The list a Snapchat file holds, whether bare or under its one title key ("Saved Media")."""
    if isinstance(data, dict):
        data = next((v for v in data.values() if isinstance(v, list)), [])
    return [e for e in as_list(data) if isinstance(e, dict)]


READER = PlatformReader(
    "snapchat",
    "Snapchat",
    claims,
    read,
    "My Data download: memories' locations, Snap Map places, location history, profile and account email, media",
    sites=("snapchat.com",),
    actions={
        "profile": "display-name",
        "content": "memories",
        "media": "memories",
        "media-location": "memories",
        "location": "ghost-mode",
        "official-email": "official-email",
    },
)
