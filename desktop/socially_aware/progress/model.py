"""The progress document: what the person chose and what they have done.

Plain mutable dataclasses with a dict form (`to_dict` / `from_dict`) that the store encrypts.
Bump `SCHEMA_VERSION` and register a migration in `progress.migrations` when the shape changes.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from enum import StrEnum
from typing import Any

SCHEMA_VERSION = 3
DEFAULT_REVIEW_MONTHS = 3
MAX_STEP_REPORT_TEXT = 280
"""What the person may add to "These steps didn't match what I saw": a short note, not a story."""
MAX_STEP_REPORTS = 500
"""Kept reports; the oldest go first. A person reports a handful; this only bounds a runaway."""


class ItemState(StrEnum):
    TODO = "todo"
    DONE = "done"
    NOT_APPLICABLE = "not-applicable"
    LATER = "later"

    @property
    def label(self) -> str:
        return {
            ItemState.TODO: "To do",
            ItemState.DONE: "Done",
            ItemState.NOT_APPLICABLE: "Not applicable",
            ItemState.LATER: "Later",
        }[self]


class Appearance(StrEnum):
    """The window's colours: follow the desktop, or always light or dark."""

    SYSTEM = "system"
    LIGHT = "light"
    DARK = "dark"

    @property
    def label(self) -> str:
        return {Appearance.SYSTEM: "Follow the system", Appearance.LIGHT: "Light", Appearance.DARK: "Dark"}[self]


class AccountState(StrEnum):
    """What the person did about an account found on an official email (issue 7)."""

    OPEN = "open"
    MOVED = "moved"
    """Moved to a personal email address."""
    DELETED = "deleted"
    NOT_MINE = "not-mine"
    OFFICIAL = "official"
    """An official account the person runs for the Department (issue 18): kept apart, never a problem."""


class FindingMark(StrEnum):
    """What the person did about a finding of the posts review (issue 14); stored by finding id only."""

    TODO = "todo"
    DELETED = "deleted"
    KEPT = "kept"

    @property
    def label(self) -> str:
        return {
            FindingMark.TODO: "To do",
            FindingMark.DELETED: "Deleted or edited",
            FindingMark.KEPT: "Kept on purpose",
        }[self]


@dataclass
class ItemProgress:
    state: ItemState
    when: datetime
    revision: int
    """The checklist item's revision when the person marked it."""
    note: str = ""


@dataclass
class PlatformProgress:
    review_months: int = DEFAULT_REVIEW_MONTHS
    last_reviewed: date | None = None
    """When every item of the platform was last settled (done or not applicable)."""


@dataclass
class AccountRecord:
    site: str
    """A site name or domain only: never a username, address or password."""
    state: AccountState = AccountState.OPEN
    platform_id: str | None = None
    sources: list[str] = field(default_factory=list)
    """Kinds of evidence ("password manager", "mail"), not file names."""


@dataclass
class StepReport:
    """ "These steps didn't match what I saw": which item (and its revision), which device, an optional
    short text and the day. Nothing else about the person or the machine."""

    item: str
    """`Item.key` ("platform/item")."""
    revision: int
    device: str
    """A `Surface` value ("web", "ios", "android", "windows", "macos", "all")."""
    text: str
    day: date


@dataclass
class ProgressDocument:
    welcomed: bool = False
    platforms: list[str] = field(default_factory=list)
    """Selected platform ids, in the order the person picked them."""
    surfaces: list[str] = field(default_factory=lambda: ["web"])
    items: dict[str, ItemProgress] = field(default_factory=dict)
    """Keyed by `Item.key` ("platform/item")."""
    platform_progress: dict[str, PlatformProgress] = field(default_factory=dict)
    seen_revisions: dict[str, int] = field(default_factory=dict)
    """Item key -> revision the person last looked at, for "changed since you last looked"."""
    accounts: dict[str, AccountRecord] = field(default_factory=dict)
    """Keyed by normalised site name."""
    findings: dict[str, FindingMark] = field(default_factory=dict)
    """Posts-review finding id -> mark. Ids are hashes; no post text, excerpt or place is ever kept."""
    step_reports: list[StepReport] = field(default_factory=list)
    """Steps the person said did not match what they saw, oldest first (for the content owners)."""
    appearance: Appearance = Appearance.SYSTEM
    version: int = SCHEMA_VERSION

    def to_dict(self) -> dict[str, Any]:
        return {
            "version": self.version,
            "welcomed": self.welcomed,
            "appearance": self.appearance.value,
            "platforms": list(self.platforms),
            "surfaces": list(self.surfaces),
            "items": {
                key: {
                    "state": p.state.value,
                    "when": p.when.isoformat(),
                    "revision": p.revision,
                    "note": p.note,
                }
                for key, p in self.items.items()
            },
            "platform_progress": {
                pid: {
                    "review_months": p.review_months,
                    "last_reviewed": p.last_reviewed.isoformat() if p.last_reviewed else None,
                }
                for pid, p in self.platform_progress.items()
            },
            "seen_revisions": dict(self.seen_revisions),
            "accounts": {
                site: {
                    "site": a.site,
                    "state": a.state.value,
                    "platform_id": a.platform_id,
                    "sources": list(a.sources),
                }
                for site, a in self.accounts.items()
            },
            "findings": {fid: mark.value for fid, mark in self.findings.items()},
            "step_reports": [
                {"item": r.item, "revision": r.revision, "device": r.device, "text": r.text, "day": r.day.isoformat()}
                for r in self.step_reports
            ],
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> ProgressDocument:
        """Build from the current schema version; older versions go through migrations first."""
        return cls(
            version=int(data["version"]),
            welcomed=bool(data.get("welcomed", False)),
            # Added without a version bump: older files simply lack it and follow the system.
            appearance=Appearance(data.get("appearance", "system"))
            if data.get("appearance", "system") in Appearance._value2member_map_
            else Appearance.SYSTEM,
            platforms=[str(p) for p in data.get("platforms", [])],
            surfaces=[str(s) for s in data.get("surfaces", ["web"])],
            items={
                str(key): ItemProgress(
                    state=ItemState(v["state"]),
                    when=datetime.fromisoformat(v["when"]),
                    revision=int(v["revision"]),
                    note=str(v.get("note", "")),
                )
                for key, v in data.get("items", {}).items()
            },
            platform_progress={
                str(pid): PlatformProgress(
                    review_months=int(v.get("review_months", DEFAULT_REVIEW_MONTHS)),
                    last_reviewed=date.fromisoformat(v["last_reviewed"]) if v.get("last_reviewed") else None,
                )
                for pid, v in data.get("platform_progress", {}).items()
            },
            seen_revisions={str(k): int(v) for k, v in data.get("seen_revisions", {}).items()},
            accounts={
                str(site): AccountRecord(
                    site=str(v["site"]),
                    state=AccountState(v.get("state", "open")),
                    platform_id=v.get("platform_id"),
                    sources=[str(s) for s in v.get("sources", [])],
                )
                for site, v in data.get("accounts", {}).items()
            },
            # Added without a version bump: older documents simply have no marks yet.
            findings={
                str(k): FindingMark(v)
                for k, v in data.get("findings", {}).items()
                if v in FindingMark._value2member_map_
            },
            # Added without a version bump: older documents simply have no reports.
            step_reports=[
                StepReport(
                    item=str(r["item"]),
                    revision=int(r["revision"]),
                    device=str(r["device"]),
                    text=str(r.get("text", ""))[:MAX_STEP_REPORT_TEXT],
                    day=date.fromisoformat(r["day"]),
                )
                for r in data.get("step_reports", [])[-MAX_STEP_REPORTS:]
            ],
        )
