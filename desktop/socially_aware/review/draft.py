"""Check a post or bio before it is posted: what identifies the person as staff, and what the policy
lists as unacceptable to discuss. Rule-based and explained; it advises and never blocks.

The employer and contact detectors are the posts review's own (`detect.Detectors`). The content
rules below follow the Instruction and Guideline's section 5 examples: operations, detentions,
seizures, matters before the courts, departmental systems, colleagues in uniform, official contact
details, and opinions that could read as official. Each rule names the policy section it serves.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from socially_aware.catalog.model import Organisation
from socially_aware.review import limits
from socially_aware.review.detect import Detectors, TextMatch, excerpt
from socially_aware.review.folding import JOIN, fold, normalise
from socially_aware.review.model import Detector, Excerpt


@dataclass(frozen=True)
class ContentRule:
    kind: str
    """Short name shown to the person, e.g. "Operations"."""
    section: str
    explanation: str
    words: tuple[str, ...]
    """Folded words or phrases, matched whole-word; `*` at the end matches any ending."""


RULES: tuple[ContentRule, ...] = (
    ContentRule(
        "Operations",
        "official-information",
        "Talking about operations, joint operations or day-to-day work can give criminals a picture of what "
        "the Department can and cannot see.",
        (
            "operation*",
            "joint op*",
            "raid*",
            "intercept*",
            "surveillance",
            "tip-off",
            "tip off",
            "intel",
            "targeting",
            "on shift",
            "night shift",
            "my shift",
            "boarding party",
            "vessel boarding",
        ),
    ),
    ContentRule(
        "Detentions",
        "official-information",
        "Detentions and removals are official matters; posting about them can be a misuse of official information.",
        (
            "detain*",
            "detention*",
            "detainee*",
            "deport*",
            "removal*",
            "visa cancel*",
            "compliance activit*",
            "unlawful non-citizen*",
            "in custody",
        ),
    ),
    ContentRule(
        "Seizures",
        "official-information",
        "Seizures of goods are official matters, and a photo or story about one can identify you and the case.",
        ("seiz*", "seizure*", "confiscat*", "contraband", "drug bust*", "illicit", "smuggl*", "undeclared"),
    ),
    ContentRule(
        "Matters before the courts",
        "official-information",
        "Commenting on cases before the courts can prejudice them and is not yours to discuss.",
        (
            "court*",
            "magistrate*",
            "prosecut*",
            "sentenc*",
            "tribunal",
            "pleaded guilty",
            "the accused",
            "on trial",
            "stood trial",
            "committal",
        ),
    ),
    ContentRule(
        "Departmental systems",
        "official-information",
        "Anything about the Department's infrastructure, hardware, software or security helps people get around it.",
        (
            "our system*",
            "the system*",
            "database*",
            "server*",
            "passwords",
            "smartgate",
            "egate*",
            "cctv",
            "firewall",
            "lync",
            "work computer*",
            "work laptop*",
            "it security",
            "x-ray machine*",
        ),
    ),
    ContentRule(
        "Colleagues in uniform",
        "photos-uniform",
        "Photos or mentions of colleagues, uniforms or your workplace identify you and them as staff.",
        ("uniform*", "colleague*", "workmate*", "the team at work", "badge*", "insignia", "epaulette*"),
    ),
    ContentRule(
        "Opinions that could read as official",
        "official-comment",
        "A personal opinion on the Department's or the Government's policy can read as an official comment.",
        (
            "on behalf of",
            "official position",
            "our policy",
            "the department's view",
            "department's policy",
            "government policy",
            "government's policy",
            "the minister",
            "as an officer",
            "speaking as",
            "we will not",
            "we won't",
            "turn back the boats",
            "stop the boats",
        ),
    ),
)
_PHONE = re.compile(r"(?<!\d)(?:\+?61[\s-]?|0)[2-478](?:[\s-]?\d){8}(?!\d)")
_WORK_WORDS = ("work", "office", "desk", "direct line", "ext", "extension", "mobile", "call me")


@dataclass(frozen=True)
class DraftFinding:
    kind: str
    section: str
    explanation: str
    excerpt: Excerpt


def _rule_pattern(words: tuple[str, ...]) -> re.Pattern[str]:
    parts = []
    for word in sorted(words, key=len, reverse=True):
        stem = word.rstrip("*")
        body = f"[ {JOIN}]+".join(re.escape(w) for w in re.split(f"[ {JOIN}]+", fold(stem)))
        parts.append(body + (r"\w*" if word.endswith("*") else ""))
    return re.compile(rf"(?<!\w)(?:{'|'.join(parts)})(?!\w)")


_PATTERNS = tuple((rule, _rule_pattern(rule.words)) for rule in RULES)


class DraftChecker:
    def __init__(self, organisation: Organisation) -> None:
        self.detectors = Detectors(organisation)
        self.organisation = organisation
        sites = [s.name.split("(")[0].strip() for s in organisation.sites]
        self.site_names = _rule_pattern(tuple(sites)) if sites else None

    def check(self, text: str) -> list[DraftFinding]:
        text = text[: limits.MAX_TEXT_CHARS]
        found: list[DraftFinding] = []
        for match in self.detectors.text_matches(text):
            if match.detector is Detector.EMPLOYER:
                found.append(
                    DraftFinding(
                        "Names your employer",
                        "private-identify",
                        "Naming the Department or its units tells anyone who reads it that you are staff.",
                        excerpt(text, match, "draft"),
                    )
                )
            else:
                found.append(
                    DraftFinding(
                        "Official contact details",
                        "contact-details",
                        "Official email addresses don't belong on personal posts or profiles.",
                        excerpt(text, match, "draft"),
                    )
                )
        words = normalise(text)
        for phone in _PHONE.finditer(text):
            context = fold(text[max(0, phone.start() - 40) : phone.end() + 20])
            if any(w in context for w in _WORK_WORDS):
                found.append(
                    DraftFinding(
                        "Official contact details",
                        "contact-details",
                        "A work phone number on a personal post is an official contact detail.",
                        excerpt(text, TextMatch(phone.start(), phone.end(), phone.group(0), Detector.CONTACT), "draft"),
                    )
                )
        if self.site_names is not None:
            for site in self.site_names.finditer(words.text):
                start, end = words.span(site.start(), site.end())
                found.append(
                    DraftFinding(
                        "Names a work location",
                        "photos-uniform",
                        "Naming an airport, port or office where the Department works can identify where you work now.",
                        excerpt(text, TextMatch(start, end, "", Detector.EMPLOYER), "draft"),
                    )
                )
        for rule, pattern in _PATTERNS:
            hit = pattern.search(words.text)
            if hit:
                start, end = words.span(hit.start(), hit.end())
                found.append(
                    DraftFinding(
                        rule.kind,
                        rule.section,
                        rule.explanation,
                        excerpt(text, TextMatch(start, end, "", Detector.EMPLOYER), "draft"),
                    )
                )
        return found


def photo_advice(path: object) -> list[str]:
    """What a photo gives away before it is posted, from the photo cleaner's inspection, as plain sentences."""
    from pathlib import Path

    from socially_aware.scrubber import inspect_file
    from socially_aware.scrubber.model import Group

    inspection = inspect_file(Path(str(path)))
    if inspection.error:
        return [f"This photo could not be checked: it {inspection.error}."]
    lines = []
    if inspection.gps:
        lines.append(
            f"GPS position in the photo ({inspection.gps[0]:.5f}, {inspection.gps[1]:.5f}): it shows where it "
            "was taken. Clean it in the Photo cleaner first. (Turn off geotagging and location tracking.)"
        )
    risky = [e for e in inspection.entries if e.risky and not (inspection.gps and e.group is Group.LOCATION)]
    if risky:
        names = ", ".join(sorted({e.name for e in risky})[:6])
        lines.append(
            f"It also carries {names}. The Photo cleaner removes these. (Limit what others can gather about you.)"
        )
    lines.append(
        "Look at the picture itself before posting: no uniforms, badges, insignia, colleagues at work, "
        "or anything that shows where you work. (No photos of work, uniforms or work locations.)"
    )
    return lines
