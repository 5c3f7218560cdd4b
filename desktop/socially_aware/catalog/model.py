"""The checklist catalog as frozen data: organisation profile, platforms, items.

Loaded and validated by `catalog.loader`; everything here is plain immutable values so the UI,
the CLI and the tests can share one loaded catalog.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum
from pathlib import Path


class Theme(StrEnum):
    LOCATION = "location"
    EMPLOYER = "employer"
    OFFICIAL_EMAIL = "official-email"
    PRIVACY = "privacy"
    CONTENT = "content"

    @property
    def label(self) -> str:
        return {
            Theme.LOCATION: "Location",
            Theme.EMPLOYER: "Employer",
            Theme.OFFICIAL_EMAIL: "Official email",
            Theme.PRIVACY: "Privacy",
            Theme.CONTENT: "Content",
        }[self]


class Category(StrEnum):
    SOCIAL = "social"
    PROFESSIONAL = "professional"
    DATING = "dating"
    MESSAGING = "messaging"
    FITNESS = "fitness"
    DEVICE = "device"
    EMAIL = "email"
    OTHER = "other"

    @property
    def label(self) -> str:
        return {
            Category.SOCIAL: "Social",
            Category.PROFESSIONAL: "Professional",
            Category.DATING: "Dating",
            Category.MESSAGING: "Messaging",
            Category.FITNESS: "Fitness and location",
            Category.DEVICE: "Devices",
            Category.EMAIL: "Email",
            Category.OTHER: "Other sites",
        }[self]


class Surface(StrEnum):
    """Where a person does a step. `ALL` holds steps that are the same everywhere."""

    ALL = "all"
    WEB = "web"
    IOS = "ios"
    ANDROID = "android"
    WINDOWS = "windows"
    MACOS = "macos"

    @property
    def label(self) -> str:
        return {
            Surface.ALL: "Everywhere",
            Surface.WEB: "Web browser",
            Surface.IOS: "iPhone / iPad",
            Surface.ANDROID: "Android",
            Surface.WINDOWS: "Windows",
            Surface.MACOS: "Mac",
        }[self]


# The devices a person says they use; `ALL` steps always apply.
USER_SURFACES: tuple[Surface, ...] = (Surface.WEB, Surface.IOS, Surface.ANDROID)


@dataclass(frozen=True)
class PolicySection:
    id: str
    ref: str
    """How the policy itself names it, e.g. "Instruction and Guideline, section 3"."""
    title: str
    summary: str
    """Our paraphrase of what the section asks, never the policy's own words pasted."""


@dataclass(frozen=True)
class WorkSite:
    """A sensitive place (airport, port, office) that posts near it would reveal."""

    name: str
    lat: float
    lon: float
    radius_m: float


@dataclass(frozen=True)
class Organisation:
    name: str
    short_name: str
    acronyms: tuple[str, ...]
    email_domains: tuple[str, ...]
    corporate_id_pattern: str | None
    policy_title: str
    policy_year: int
    sections: tuple[PolicySection, ...]
    source: Path | None = None
    historic_email_domains: tuple[str, ...] = ()
    """Domains of predecessor organisations: accounts made years ago may still use them."""
    former_names: tuple[str, ...] = ()
    flag_terms: tuple[str, ...] = ()
    """Extra words that identify staff (units, roles, uniforms, systems), for the posts review."""
    sites: tuple[WorkSite, ...] = ()

    @property
    def all_email_domains(self) -> tuple[str, ...]:
        """Current and historic official domains: an account on either must go."""
        return self.email_domains + tuple(d for d in self.historic_email_domains if d not in self.email_domains)

    def section(self, section_id: str) -> PolicySection | None:
        return next((s for s in self.sections if s.id == section_id), None)


@dataclass(frozen=True)
class Item:
    platform_id: str
    id: str
    """Stable within its platform; `key` is unique across the catalog."""
    theme: Theme
    revision: int
    title: str
    why: str
    policy: tuple[str, ...]
    """Ids of `PolicySection`s in the organisation profile."""
    steps: dict[Surface, tuple[str, ...]]
    link: str
    verify: str
    source: str | None = None
    """The platform's own help article (or a regulator's guide) that backs the steps."""
    checked: date | None = None
    """When the steps were last compared with `source`."""
    confirmed: bool = True
    """False when no official page confirms the steps yet and `source` is a secondary one."""

    @property
    def key(self) -> str:
        return f"{self.platform_id}/{self.id}"

    def steps_for(self, surfaces: frozenset[Surface] | set[Surface]) -> list[tuple[Surface, tuple[str, ...]]]:
        """The step lists that apply to someone who uses `surfaces`, in a stable order.

        Steps for `ALL` always apply. If none of the person's surfaces has its own steps,
        every surface's steps are shown rather than none.
        """
        chosen = [(s, self.steps[s]) for s in Surface if s in self.steps and (s == Surface.ALL or s in surfaces)]
        if not any(s != Surface.ALL for s, _ in chosen) and len(self.steps) > len(chosen):
            chosen = [(s, self.steps[s]) for s in Surface if s in self.steps]
        return chosen


@dataclass(frozen=True)
class Platform:
    id: str
    name: str
    category: Category
    reviewed: date
    settings_url: str
    summary: str
    items: tuple[Item, ...]
    renamed: dict[str, str] = field(default_factory=dict)
    """Old item id -> current item id, so saved progress follows a rename."""
    source: Path | None = None


DIRECTION_CONTROLS = frozenset({0x200E, 0x200F, 0x061C, *range(0x202A, 0x202F), *range(0x2066, 0x206A)})
"""Characters that reorder text (Trojan Source, CVE-2021-42574): U+202E makes "Turn OFF" read as "Turn ON"."""
LINE_SEPARATORS = frozenset({0x2028, 0x2029})
"""Breaks that some renderers honour and others ignore."""


def is_control(char: str) -> bool:
    """C0, DEL and C1 controls (line breaks included)."""
    code = ord(char)
    return code < 0x20 or 0x7F <= code <= 0x9F


def visible(text: str, keep: str = "") -> str:
    """`text` with control and direction characters (but those in `keep`) written as `<U+202E>`, for
    text that quotes a file name or a value: it must not drive a terminal or reverse the words around it."""
    return "".join(f"<U+{ord(c):04X}>" if _hidden(c) and c not in keep else c for c in text)


def _hidden(char: str) -> bool:
    return is_control(char) or ord(char) in DIRECTION_CONTROLS or ord(char) in LINE_SEPARATORS


@dataclass(frozen=True)
class LoadProblem:
    """One thing wrong with one checklist file; the file is skipped, the app goes on."""

    path: Path
    line: int | None
    field: str | None
    message: str

    def __str__(self) -> str:
        where = visible(str(self.path))
        if self.line is not None:
            where += f", line {self.line}"
        if self.field:
            where += f", field '{visible(self.field)}'"
        return f"{where}: {visible(self.message)}"

    def compiler_style(self) -> str:
        """`path:line: field: message`, the form editors and CI logs link to."""
        where = visible(str(self.path)) + (f":{self.line}" if self.line is not None else "")
        field = f" {visible(self.field)}:" if self.field else ""
        return f"{where}:{field} {visible(self.message)}"


class Origin(StrEnum):
    """Where a checklist folder sits; later origins replace earlier ones."""

    BUNDLED = "bundled"
    SYSTEM = "system"
    PACK = "pack"
    USER = "user"

    @property
    def label(self) -> str:
        return {
            Origin.BUNDLED: "came with the app",
            Origin.SYSTEM: "system-wide folder",
            Origin.PACK: "checklist update from your organisation",
            Origin.USER: "your own folder",
        }[self]


ORGANISATION = "organisation"
DEPLOYMENT = "deployment"


@dataclass(frozen=True)
class Override:
    """A file from the system-wide or per-user folder, and what it replaced (or why it was ignored)."""

    path: Path
    origin: Origin
    subject: str
    """`ORGANISATION`, `DEPLOYMENT` or a platform id."""
    name: str
    """What a person calls it: "the organisation profile", "the Facebook checklist"; for a deployment
    file, what it does."""
    replaces: Path | None
    """The earlier file it stands in for; None when it adds something new."""
    replaced_origin: Origin | None = None
    ignored: str | None = None
    """Why the file was not used, when it wasn't."""

    def describe(self) -> str:
        where = f"{visible(str(self.path))} ({self.origin.label})"
        if self.ignored:
            return f"Ignored: {where}, {self.name}: {self.ignored}."
        if self.subject == DEPLOYMENT:
            return f"{where} {self.name}."
        if self.replaces is None:
            return f"{where} adds {self.name}."
        before = f" ({self.replaced_origin.label})" if self.replaced_origin else ""
        return f"{where} replaces {self.name} from {visible(str(self.replaces))}{before}."


@dataclass(frozen=True)
class Catalog:
    organisation: Organisation
    platforms: tuple[Platform, ...]
    problems: tuple[LoadProblem, ...] = ()
    overrides: tuple[Override, ...] = ()
    """Every file loaded from outside the bundle, in load order."""
    organisation_locked: bool = False
    """IT locked the organisation profile: per-user copies of it are ignored."""

    def notices(self) -> list[str]:
        """What a person must be told when the window opens: who decides the organisation's profile."""
        notes = []
        for override in self.overrides:
            if override.subject != ORGANISATION or override.origin is not Origin.USER:
                continue
            path = visible(str(override.path))
            if override.ignored:
                notes.append(
                    f"Your own copy of the organisation profile ({path}) is ignored: your IT team has locked "
                    "the organisation profile, so the official one is used."
                )
            else:
                notes.append(
                    f"The organisation profile in use is a copy in your own folder ({path}), not the official "
                    "one: the email domains and policy this app checks against come from that copy. If you "
                    "didn't put it there, delete it and restart the app."
                )
        return notes

    def platform(self, platform_id: str) -> Platform | None:
        return next((p for p in self.platforms if p.id == platform_id), None)

    def item(self, key: str) -> Item | None:
        platform_id, _, item_id = key.partition("/")
        platform = self.platform(platform_id)
        if platform is None:
            return None
        return next((i for i in platform.items if i.id == item_id), None)

    def items(self) -> list[Item]:
        return [i for p in self.platforms for i in p.items]

    def renamed_keys(self) -> dict[str, str]:
        """Old item key -> current item key across the catalog."""
        return {f"{p.id}/{old}": f"{p.id}/{new}" for p in self.platforms for old, new in p.renamed.items()}
