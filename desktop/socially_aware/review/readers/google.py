"""Google Takeout: Maps reviews and labelled places, Location History, Timeline, Photos sidecars, YouTube comments.

Folder names are translated in Takeout ("Standortverlauf"), so files are found by their own names.
Layouts from Google's Takeout downloads as public parsers read them (seanbreckenridge/
google_takeout_parser, dogsheep/google-takeout-to-sqlite; see tests/data/SOURCES.md):
- `Reviews.json` (Maps, public by default): GeoJSON {features: [{geometry: {coordinates: [lon, lat]},
  properties: {"Google Maps URL", Published, "Review Comment", Location: {"Business Name", Address,
  "Geo Coordinates": {Latitude, Longitude}}}}]}; newer: properties {date, google_maps_url,
  review_text_published, location: {name, address}}. `Labelled places.json`: GeoJSON whose
  properties name a place "Home" or "Work" with its address.
- `Records.json` (Location History): {locations: [{latitudeE7, longitudeE7, timestamp | timestampMs}]}.
- Semantic Location History `2019/2019_JANUARY.json`: {timelineObjects: [{placeVisit: {location:
  {latitudeE7, longitudeE7, placeId, name, address, semanticType "TYPE_WORK"}, duration:
  {startTimestamp}}}]}. Timeline from a phone (2024 on): `Timeline.json` {semanticSegments: [{startTime,
  visit: {topCandidate: {placeId, semanticType, placeLocation: {latLng: "-33.94°, 151.17°"}}}}]} or
  `location-history.json` [{startTime, visit: {topCandidate: {placeLocation: "geo:-33.94,151.17"}}}].
- Google Photos sidecars `IMG_1.jpg.json` (also `….supplemental-metadata.json`): {title,
  description, photoTakenTime: {timestamp}, geoData: {latitude, longitude}, geoDataExif}.
- YouTube `comments.csv`: Comment ID, Channel ID, Comment Create Timestamp, Price, Parent Comment ID,
  Video ID, Comment Text (JSON: {"takeoutSegments": [{"text": …}]} or {"text": …} pieces); older
  `my-comments.html`.
"""

from __future__ import annotations

import json
import re
from collections.abc import Sequence
from html.parser import HTMLParser
from typing import Any

from socially_aware.review.archive import Archive, Member
from socially_aware.review.documents import Skimmed, as_list, csv_rows, dig, load_json, text, text_of
from socially_aware.review.model import FileNote, Record, RecordKind
from socially_aware.review.readers.common import (
    Output,
    PlatformReader,
    documents,
    from_text_date,
    from_timestamp,
    matching,
    position,
    streamed,
)
from socially_aware.review.readers.visits import Visits, day_of, e7

REVIEWS = r"(^|/)Reviews\.json$"
LABELLED = r"(^|/)Labell?ed places\.json$"
RECORDS = r"(^|/)Records\.json$"
SEMANTIC = r"(^|/)\d{4}_[A-Z]+\.json$"
TIMELINE = r"(^|/)(Timeline|location-history)\.json$"
PHOTO_SIDECAR = (
    r"\.(jpe?g|png|heic|heif|gif|webp|mp4|mov|dng)(\.supplemental-metadata|\.suppl[a-z-]*)?(\(\d+\))?\.json$"
)
YOUTUBE_CSV = r"(^|/)(comments|live chats)\.csv$"
YOUTUBE_HTML = r"(^|/)my-comments\.html$"
MARKERS = (
    r"(^|/)Takeout/",
    r"(^|/)archive_browser\.html$",
    RECORDS,
    r"(^|/)Semantic Location History/",
    TIMELINE,
    REVIEWS,
    LABELLED,
)
_LATLNG = re.compile(r"(-?\d{1,3}(?:\.\d+)?)°?\s*,\s*(-?\d{1,3}(?:\.\d+)?)")


def claims(members: Sequence[Member]) -> bool:
    return any(matching(members, p) for p in MARKERS)


def read(archive: Archive, members: Sequence[Member]) -> Output:
    yield from _reviews(archive, members)
    yield from _history(archive, members)
    yield from _photos(archive, members)
    yield from _youtube(archive, members)


def _reviews(archive: Archive, members: Sequence[Member]) -> Output:
    for labelled, pattern in ((False, REVIEWS), (True, LABELLED)):
        for got in documents(archive, matching(members, pattern), load_json):
            if isinstance(got, FileNote):
                yield got
                continue
            member, data = got
            visits = Visits("google", member.name)
            for index, feature in enumerate(as_list(dig(data, "features"))):
                props = dig(feature, "properties") or {}
                where = dig(props, "Location") or dig(props, "location") or {}
                name = text(dig(where, "Business Name")) or text(dig(where, "name")) or text(dig(props, "name"))
                address = text(dig(where, "Address")) or text(dig(where, "address")) or text(dig(props, "address"))
                spot = position(
                    dig(where, "Geo Coordinates", "Latitude"), dig(where, "Geo Coordinates", "Longitude")
                ) or position(dig(feature, "geometry", "coordinates", 1), dig(feature, "geometry", "coordinates", 0))
                place = ", ".join(t for t in (name, address) if t)
                if labelled:
                    if spot:
                        visits.add(spot, None, f"label#{index}", address or name, name or "labelled place")
                    continue
                words = text(dig(props, "Review Comment")) or text(dig(props, "review_text_published"))
                url = text(dig(props, "Google Maps URL")) or text(dig(props, "google_maps_url"))
                yield Record(
                    "google",
                    member.name,
                    url or f"review#{index}",
                    RecordKind.REVIEW,
                    texts=(("review", words),) if words else (),
                    when=from_text_date(dig(props, "Published") or dig(props, "date")),
                    url=url if url.startswith("https://") else None,
                    position=spot,
                    position_source="the reviewed place" if spot else "",
                    place=place,
                )
            yield from visits.records()


def _history(archive: Archive, members: Sequence[Member]) -> Output:
    for member in matching(members, RECORDS):
        visits = Visits("google", member.name)
        for piece in streamed(archive, [member], inside=("locations",)):
            if isinstance(piece, FileNote):
                yield piece
                break
            if isinstance(piece, Skimmed):  # not asked for (no keys given); kept for the type
                continue
            # The one loop that runs for every point of a history (millions): kept to plain operations.
            point = piece[2]
            if not isinstance(point, dict):
                continue
            lat, lon = point.get("latitudeE7"), point.get("longitudeE7")
            if type(lat) is not int or type(lon) is not int or (lat == 0 and lon == 0):
                continue
            if -900_000_000 <= lat <= 900_000_000 and -1_800_000_000 <= lon <= 1_800_000_000:
                visits.add_day((lat / 1e7, lon / 1e7), day_of(point.get("timestamp") or point.get("timestampMs")))
        yield from visits.records()
    for member in matching(members, SEMANTIC):
        visits = Visits("google", member.name)
        for piece in streamed(archive, [member], inside=("timelineObjects",)):
            if isinstance(piece, FileNote):
                yield piece
                break
            if isinstance(piece, Skimmed):  # not asked for (no keys given); kept for the type
                continue
            _, _, item = piece
            visit = dig(item, "placeVisit")
            where = dig(visit, "location") or {}
            lat, lon = e7(dig(where, "latitudeE7")), e7(dig(where, "longitudeE7"))
            spot = position(lat, lon) if lat is not None and lon is not None else None
            if spot:
                name = ", ".join(t for t in (text(dig(where, "name")), text(dig(where, "address"))) if t)
                visits.add(
                    spot,
                    from_text_date(dig(visit, "duration", "startTimestamp")),
                    text(dig(where, "placeId")),
                    name,
                    _label(text(dig(where, "semanticType"))),
                )
        yield from visits.records()
    for member in matching(members, TIMELINE):
        visits = Visits("google", member.name)
        for piece in streamed(archive, [member], inside=("semanticSegments",)):
            if isinstance(piece, FileNote):
                yield piece
                break
            if isinstance(piece, Skimmed):  # not asked for (no keys given); kept for the type
                continue
            _, _, segment = piece
            candidate = dig(segment, "visit", "topCandidate") or {}
            where = dig(candidate, "placeLocation")
            raw = text(dig(where, "latLng")) if isinstance(where, dict) else text(where)
            found = _LATLNG.search(raw.removeprefix("geo:"))
            spot = position(found.group(1), found.group(2)) if found else None
            if spot:
                visits.add(
                    spot,
                    from_text_date(dig(segment, "startTime")),
                    text(dig(candidate, "placeId")) or text(dig(candidate, "placeID")),
                    "",
                    _label(text(dig(candidate, "semanticType"))),
                )
        yield from visits.records()


def _label(semantic_type: str) -> str:
    """Google's own label for a place: home or work (TYPE_WORK, WORK, INFERRED_WORK, "Work")."""
    lowered = semantic_type.lower()
    return "work" if "work" in lowered else "home" if "home" in lowered else ""


def _photos(archive: Archive, members: Sequence[Member]) -> Output:
    for got in documents(archive, matching(members, PHOTO_SIDECAR), load_json):
        if isinstance(got, FileNote):
            yield got
            continue
        member, data = got
        spot = position(dig(data, "geoData", "latitude"), dig(data, "geoData", "longitude")) or position(
            dig(data, "geoDataExif", "latitude"), dig(data, "geoDataExif", "longitude")
        )
        caption = text(dig(data, "description"))
        if spot or caption:
            yield Record(
                "google",
                member.name,
                "photo",
                RecordKind.MEDIA,
                texts=(("description", caption),) if caption else (),
                when=from_timestamp(dig(data, "photoTakenTime", "timestamp")),
                url=text(dig(data, "url")) or None,
                position=spot,
                position_source="a location kept by Google Photos" if spot else "",
            )


def _youtube(archive: Archive, members: Sequence[Member]) -> Output:
    csvs = [m for m in matching(members, YOUTUBE_CSV) if "youtube" in m.lower]
    for got in documents(archive, csvs, lambda d: list(csv_rows(d))):
        if isinstance(got, FileNote):
            yield got
            continue
        member, rows = got
        for index, row in enumerate(rows):
            words = _comment_text(
                row.get("Comment Text") or row.get("Live Chat Text") or (list(row.values())[-1] if row else "")
            )
            if words:
                video = text(row.get("Video ID"))
                yield Record(
                    "google",
                    member.name,
                    text(row.get("Comment ID")) or text(row.get("Live Chat ID")) or f"#{index}",
                    RecordKind.COMMENT,
                    texts=(("YouTube comment", words),),
                    when=from_text_date(row.get("Comment Create Timestamp") or row.get("Live Chat Create Timestamp")),
                    url=f"https://www.youtube.com/watch?v={video}" if re.fullmatch(r"[\w-]{6,20}", video) else None,
                )
    for got in documents(archive, matching(members, YOUTUBE_HTML), text_of):
        if isinstance(got, FileNote):
            yield got
            continue
        member, page = got
        for index, words in enumerate(_html_items(page)):
            yield Record("google", member.name, f"#{index}", RecordKind.COMMENT, texts=(("YouTube comment", words),))


def _comment_text(raw: Any) -> str:
    """YouTube writes a comment as JSON pieces; a plain string is taken as it is."""
    value = text(raw).strip()
    if not value.startswith("{"):
        return value
    try:
        parsed = json.loads(value)
    except (ValueError, RecursionError):
        return value
    pieces = as_list(dig(parsed, "takeoutSegments")) or [parsed]
    return "".join(text(dig(p, "text")) for p in pieces)


class _Items(HTMLParser):
    """The text of each list item (one comment each) of Takeout's older my-comments.html."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.items: list[str] = []
        self.current: list[str] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "li":
            self.current = []

    def handle_endtag(self, tag: str) -> None:
        if tag == "li" and self.current is not None:
            words = " ".join(" ".join(self.current).split())
            if words:
                self.items.append(words[:20_000])
            self.current = None

    def handle_data(self, data: str) -> None:
        if self.current is not None and len(self.current) < 1000:
            self.current.append(data)


def _html_items(page: str) -> list[str]:
    parser = _Items()
    parser.feed(page)
    parser.close()
    return parser.items[:100_000]


READER = PlatformReader(
    "google",
    "Google Takeout",
    claims,
    read,
    "Maps reviews and labelled places, Location History and Timeline places, Photos locations, YouTube comments",
    sites=("google.com", "youtube.com"),
    actions={
        # YouTube comments come in the same Takeout; their checklist is YouTube's.
        "comment": "youtube/work-videos",
        "profile": "about-me",
        "content": "maps-contributions",
        "review": "maps-contributions",
        "media": "photos-location",
        "media-location": "photos-location",
        "location": "timeline",
        "official-email": "official-email",
    },
)
