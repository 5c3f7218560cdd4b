"""The detectors: what in a record identifies the person as staff or says where they are.

Employer terms come from the organisation profile (names, former names, acronyms, flag terms),
matched on case- and diacritic-folded text with word boundaries, so "ABF" matches "#abf" and
"ABF's" but not "kabfest". Official addresses are those on `all_email_domains`. Work sites are
`organisation.sites`, by distance. Each finding points at the platform's checklist item that
deletes or edits it.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass

from socially_aware.catalog.model import Organisation
from socially_aware.review import limits
from socially_aware.review.folding import (
    BREAK,
    JOIN,
    escape_controls,
    fold,
    fold_with_offsets,
    normalise,
    one_line,
    original_span,
    squash_json,
)
from socially_aware.review.gazetteer import nearest_town
from socially_aware.review.model import Detector, Excerpt, Finding, Record, RecordKind, finding_id
from socially_aware.review.places import clusters, nearest_site
from socially_aware.review.readers import READERS

ACTIONS: dict[str, Mapping[str, str]] = {reader.platform: reader.actions for reader in READERS}
"""Which checklist item deletes or edits a finding, per platform and theme: each reader declares its own
(`PlatformReader.actions`, item ids in checklists/*.yaml; tests/review/test_actions_in_catalog.py keeps them valid)."""
SECTIONS = {
    Detector.OFFICIAL_EMAIL: "corporate-identifiers",
    Detector.EMPLOYER: "private-identify",
    Detector.CONTACT: "contact-details",
    Detector.WORK_SITE: "photos-uniform",
    Detector.ROUTINE: "geotagging",
    Detector.LOCATION: "geotagging",
    Detector.PLACE: "geotagging",
    Detector.PHOTO_SHOWS: "photos-uniform",
}
_EMAIL = re.compile(r"[\w.+-]{1,64}@((?:[\w-]{1,63}\.){1,8}[a-z]{2,24})\b", re.IGNORECASE)


def action_for(platform: str, record_kind: RecordKind, detector: Detector) -> str:
    table = ACTIONS.get(platform, {})
    if detector is Detector.OFFICIAL_EMAIL:
        key = "official-email"
    elif detector in (Detector.WORK_SITE, Detector.ROUTINE, Detector.LOCATION, Detector.PLACE):
        # A reviewed place or a photo's location is changed where the review or photo is, if the platform says so.
        key = {RecordKind.REVIEW: "review", RecordKind.MEDIA: "media-location"}.get(record_kind, "location")
        key = key if key in table else "location"
    elif record_kind is RecordKind.REVIEW and "review" in table:
        key = "review"
    elif record_kind in (RecordKind.PROFILE, RecordKind.ACCOUNT):
        key = "profile"
    elif record_kind is RecordKind.MEDIA:
        key = "media"
    elif record_kind is RecordKind.COMMENT and "comment" in table:
        key = "comment"
    else:
        key = "content"
    if key not in table:
        return ""
    return table[key] if "/" in table[key] else f"{platform}/{table[key]}"


@dataclass(frozen=True)
class TextMatch:
    start: int
    end: int
    label: str
    detector: Detector


_SQUASH = re.compile(r"[^a-z0-9]+")
_AT_SIGNS = ("@", "\uff20", "\ufe6b")
"""Characters that NFKC turns into "@" (fullwidth and small commercial at)."""
_ESCAPED_AT = re.compile(r"\\u(?:0040|ff20|fe6b)", re.IGNORECASE)


def _term_pattern(term: str) -> tuple[str, str | None]:
    """A term's regex on the words form, and (for terms of several words) its words run together.

    Acronyms also match with one separator between letters ("A.B.F", "A-B-F"); a term's words match
    with any spaces or separators between them, or none ("Border-Force", "borderforce").
    """
    words = [w for w in re.split(rf"[ {JOIN}{re.escape(BREAK)}]+", fold(term)) if w]
    if len(words) == 1:
        word = words[0]
        if term.isupper() and word.isalpha() and len(word) <= 6:
            return f"{JOIN}*".join(re.escape(c) for c in word), None
        return re.escape(word), None
    return f"[ {JOIN}]*".join(re.escape(w) for w in words), "".join(words)


class Detectors:
    """Built once per review from the organisation profile; matching is pure and thread-safe.

    `text_matches` is the one place text is matched against the organisation profile: the posts
    review, the check before posting and the photo-content check all call it.
    """

    def __init__(self, organisation: Organisation) -> None:
        self.organisation = organisation
        terms = [
            t
            for t in (organisation.name, *organisation.former_names, *organisation.acronyms, *organisation.flag_terms)
            if len(fold(t).replace(" ", "")) >= 2
        ]
        patterns = sorted({_term_pattern(t) for t in terms}, key=lambda p: len(p[0]), reverse=True)
        alternatives = "|".join(p for p, _ in patterns)
        self.terms = re.compile(rf"(?<!\w)(?:{alternatives})(?!\w)") if terms else None
        run_together = sorted({r for _, r in patterns if r}, key=len, reverse=True)
        self.run_together = re.compile("|".join(map(re.escape, run_together))) if run_together else None
        squashed = sorted({_SQUASH.sub("", fold(t)) for t in terms}, key=len, reverse=True)
        self.prefilter = re.compile("|".join(map(re.escape, squashed))) if squashed else None
        self.ascii_terms = all(t.isascii() for t in squashed)
        # For a raw-text test, a term that holds a shorter one ("abfofficer" holds "abf") adds nothing.
        self.squashed_terms = tuple(
            t.encode("ascii", "ignore") for t in squashed if not any(o != t and o in t for o in squashed)
        )
        self.domains = tuple(fold_with_offsets(d)[0].strip().rstrip(".") for d in organisation.all_email_domains)

    def official(self, address: str) -> str | None:
        """The official domain an address is on, or None (read after the same normalising as posts)."""
        domain = fold_with_offsets(address)[0].rpartition("@")[2].strip().rstrip(".")
        return next((d for d in self.domains if domain == d or domain.endswith("." + d)), None)

    def may_hold(self, raw_json: str) -> bool:
        """Could any string in this raw JSON text hold a term or an address? False means surely not.

        Used to pass over runs of a huge file's elements without building records for them.
        """
        if self.prefilter is None or not self.ascii_terms:
            return True
        if any(at in raw_json for at in _AT_SIGNS) or _ESCAPED_AT.search(raw_json):
            return True
        return any(term in form for form in squash_json(raw_json) for term in self.squashed_terms)

    def _may_match(self, text: str) -> bool:
        """A cheap test that skips the full normalising for plain ASCII text that cannot match."""
        if not text.isascii():
            return True
        if "@" in text:
            return True
        return self.prefilter is not None and self.prefilter.search(_SQUASH.sub("", text.lower())) is not None

    def text_matches(self, text: str) -> list[TextMatch]:
        """Employer terms and official addresses in `text`, with spans in the original text."""
        text = text[: limits.MAX_TEXT_CHARS]
        if not self._may_match(text):
            return []
        found: list[TextMatch] = []
        addresses: list[tuple[int, int]] = []
        cleaned, clean_offsets = fold_with_offsets(text)
        if "@" in cleaned:
            for match in _EMAIL.finditer(cleaned):
                if self.official(match.group(0)):
                    start, end = original_span(clean_offsets, match.start(), match.end(), len(text))
                    addresses.append((start, end))
                    found.append(TextMatch(start, end, one_line(text[start:end]), Detector.CONTACT))
                else:
                    addresses.append(original_span(clean_offsets, match.start(), match.end(), len(text)))
        spans: list[tuple[int, int]] = []
        # Hashtags and handles are read both split at their capitals and whole ("#customS officer").
        for words in (
            (normalise(text), normalise(text, split_tags=False))
            if "#" in cleaned or "@" in cleaned
            else (normalise(text),)
        ):
            if self.terms is not None:
                spans.extend(words.span(*m.span()) for m in self.terms.finditer(words.text))
            if self.run_together is not None:
                spans.extend(
                    words.span(*m.span()) for m in self.run_together.finditer(words.text) if words.tag_at(m.start())
                )
        taken: list[tuple[int, int]] = []
        for start, end in sorted(spans, key=lambda s: (s[0], -s[1])):
            if any(a <= start < b for a, b in taken):
                continue
            taken.append((start, end))
            # "abf" in jo@abf.gov.au is the address, reported once by the contact detector above.
            if not any(a <= start and end <= b for a, b in addresses):
                found.append(TextMatch(start, end, one_line(text[start:end]), Detector.EMPLOYER))
        return sorted(found, key=lambda m: m.start)


def excerpt(text: str, match: TextMatch, field: str) -> Excerpt:
    width = limits.EXCERPT_CHARS
    before = one_line(text[max(0, match.start - width) : match.start])
    after = one_line(text[match.end : match.end + width])
    if match.start > width:
        before = "…" + before
    if match.end + width < len(text):
        after += "…"
    if text[match.start - 1 : match.start].isspace():
        before += " "
    if text[match.end : match.end + 1].isspace():
        after = " " + after
    return Excerpt(
        escape_controls(before), escape_controls(one_line(text[match.start : match.end])), escape_controls(after), field
    )


def _finding(record: Record, detector: Detector, what: str, **extra: object) -> Finding:
    return Finding(
        id=finding_id(record.platform, record.file, record.identity, detector),
        detector=detector,
        platform=record.platform,
        what=what,
        section=SECTIONS[detector],
        file=record.file,
        identity=record.identity,
        kind=record.kind,
        action=action_for(record.platform, record.kind, detector),
        when=record.when,
        url=record.url,
        **extra,  # type: ignore[arg-type]  # excerpt/position/place_words, each of its own field's type
    )


def record_findings(record: Record, detectors: Detectors) -> Iterator[Finding]:
    """Everything one record gives away; at most one finding per detector, showing the first match."""
    for address in record.emails:
        domain = detectors.official(address)
        if domain:
            yield _finding(
                record,
                Detector.OFFICIAL_EMAIL,
                f"This {_platform_word(record)} account is registered with an official address (…@{domain})",
            )
            break
    firsts: dict[Detector, tuple[str, str, TextMatch]] = {}
    labels: dict[Detector, list[str]] = defaultdict(list)
    for field, text in record.texts:
        for match in detectors.text_matches(text):
            firsts.setdefault(match.detector, (field, text, match))
            if match.label.casefold() not in (x.casefold() for x in labels[match.detector]):
                labels[match.detector].append(match.label)
    for detector, (field, text, match) in firsts.items():
        names = ", ".join(f"“{escape_controls(x)}”" for x in labels[detector][:4])
        what = (
            f"{_kind_word(record)} names your employer: {names}"
            if detector is Detector.EMPLOYER
            else f"{_kind_word(record)} gives an official email address"
        )
        yield _finding(record, detector, what, excerpt=excerpt(text, match, field))
    if record.position is not None:
        near = nearest_site(record.position, detectors.organisation.sites)
        source = record.position_source or "a location"
        named = _place_name(record.place)
        if near:
            site, metres = near
            words = ", ".join(x for x in (named, f"{metres / 1000:.1f} km from {site.name}") if x)
            yield _finding(
                record,
                Detector.WORK_SITE,
                f"{_kind_word(record)} with {source}: {words}",
                position=record.position,
                place_words=words,
            )
        else:
            words = ", ".join(x for x in (named, town_words(record.position)) if x)
            yield _finding(
                record,
                Detector.LOCATION,
                f"{_kind_word(record)} with {source} gives a precise position: {words}",
                position=record.position,
                place_words=words,
            )
    elif record.place:
        words = _place_name(record.place)
        yield _finding(record, Detector.PLACE, f"{_kind_word(record)} tagged with a place: {words}", place_words=words)


def _place_name(place: str) -> str:
    """The platform's own name (and address) for a place, as the person's download gives it."""
    cleaned = escape_controls(one_line(place))
    return f"at “{cleaned[:80]}{'…' if len(cleaned) > 80 else ''}”" if cleaned else ""


def town_words(point: tuple[float, float]) -> str:
    """Where a position is in words, from the offline gazetteer: "1.2 km from Katoomba, Australia"."""
    found = nearest_town(point)
    if found is None:
        return f"at {point[0]:.4f}, {point[1]:.4f}, far from any town"
    town, metres = found
    if metres < 500:
        return f"in {town.words()}"
    return f"{metres / 1000:.1f} km from {town.words()}"


def routine_findings(records: Iterable[Record], organisation: Organisation) -> Iterator[Finding]:
    """Places where activities start or end again and again: a home, a workplace."""
    starts = [r for r in records if r.position is not None and r.position_source.startswith("activity")]
    groups = clusters([r.position for r in starts if r.position is not None], limits.REPEAT_RADIUS_M)
    for group in groups:
        if len(group) < limits.REPEAT_MIN:
            continue
        chosen = [starts[i] for i in group]
        first = min(chosen, key=lambda r: r.identity)
        points = [r.position for r in chosen if r.position is not None]
        lat = sum(p[0] for p in points) / len(points)
        lon = sum(p[1] for p in points) / len(points)
        activities = len({r.identity.split("/")[0] for r in chosen})
        near = nearest_site((lat, lon), organisation.sites)
        words = f"{near[1] / 1000:.1f} km from {near[0].name}" if near else town_words((lat, lon))
        yield Finding(
            id=finding_id(first.platform, "activities/", f"routine:{first.identity}", Detector.ROUTINE),
            detector=Detector.ROUTINE,
            platform=first.platform,
            what=(
                f"{activities} activities start or end within {limits.REPEAT_RADIUS_M:.0f} m of one point, "
                f"{words}: likely your home or workplace. Set a privacy zone there "
                "and hide the start and end of your activities."
            ),
            section=SECTIONS[Detector.ROUTINE],
            file=first.file,
            identity=f"routine:{first.identity}",
            kind=RecordKind.ACTIVITY,
            action=action_for(first.platform, RecordKind.ACTIVITY, Detector.ROUTINE),
            position=(round(lat, 6), round(lon, 6)),
            place_words=words,
        )


_KIND_WORDS = {
    RecordKind.POST: "A post",
    RecordKind.COMMENT: "A comment",
    RecordKind.PROFILE: "A profile field",
    RecordKind.ACCOUNT: "The account",
    RecordKind.MEDIA: "A photo or video",
    RecordKind.ACTIVITY: "An activity",
    RecordKind.REACTION: "A like, follow or group membership",
    RecordKind.PLACE_VISIT: "A place in your location history",
    RecordKind.REVIEW: "A review",
}


def _kind_word(record: Record) -> str:
    return _KIND_WORDS[record.kind]


def _platform_word(record: Record) -> str:
    return {"x": "X"}.get(record.platform, record.platform.capitalize())
