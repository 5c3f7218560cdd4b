"""What the person has done, measured against the current catalog. Pure logic, no I/O."""

from __future__ import annotations

import copy
from collections.abc import Callable, Iterable
from datetime import UTC, date, datetime
from typing import Protocol

from socially_aware.accounts.platform_sites import close_steps, is_own_site, platform_for
from socially_aware.accounts.sites import site_from
from socially_aware.catalog.model import USER_SURFACES, Catalog, Item, Platform, Surface, Theme
from socially_aware.progress.model import (
    DEFAULT_REVIEW_MONTHS,
    MAX_STEP_REPORT_TEXT,
    MAX_STEP_REPORTS,
    AccountRecord,
    AccountState,
    Appearance,
    FindingMark,
    ItemProgress,
    ItemState,
    PlatformProgress,
    ProgressDocument,
    StepReport,
)
from socially_aware.progress.saved_sites import repair_saved_sites

# Where to start when everything is still to do: accounts on an official email must go first
# (the policy says remove them), then what gives away where you are, then who you work for.
THEME_PRIORITY = (Theme.OFFICIAL_EMAIL, Theme.LOCATION, Theme.EMPLOYER, Theme.PRIVACY, Theme.CONTENT)
SETTLED = (ItemState.DONE, ItemState.NOT_APPLICABLE)


class FoundAccount(Protocol):
    """A site found on an official login (the accounts finder's inventory row)."""

    @property
    def site(self) -> str: ...

    @property
    def sources(self) -> tuple[str, ...]: ...


def _add_months(day: date, months: int) -> date:
    month0 = day.month - 1 + months
    year, month = day.year + month0 // 12, month0 % 12 + 1
    for last in (31, 30, 29, 28):
        try:
            return day.replace(year=year, month=month, day=min(day.day, last))
        except ValueError:
            continue
    raise AssertionError("unreachable")


class Tracker:
    """The one writer of the progress document.

    Every change goes through a method here and is reported once to each listener given at
    construction (the saver in `app.py`; more than one is allowed). Pages ask and tell the Tracker with catalog objects; they never edit the
    document or decide when it is saved. `doc` is for reading whole (saving, exporting).
    """

    def __init__(
        self,
        catalog: Catalog,
        doc: ProgressDocument,
        today: Callable[[], date] = date.today,
        on_change: Callable[[], None] | None = None,
        listeners: Iterable[Callable[[], None]] = (),
    ) -> None:
        self.catalog = catalog
        self._doc = doc
        self._today = today
        self._listeners = tuple(listeners)
        self.on_change = on_change
        """One more listener, for tests that watch a Tracker they did not make; the app never sets it."""

    @property
    def doc(self) -> ProgressDocument:
        return self._doc

    def _changed(self) -> None:
        for listener in self._listeners:
            listener()
        if self.on_change is not None:
            self.on_change()

    # -- the document as a whole ---------------------------------------------------------------
    def replace_document(self, doc: ProgressDocument) -> None:
        """Imported, restored or (after "delete all") empty: the person chose to replace everything."""
        self._doc = doc
        self.apply_renames()
        self._changed()

    @property
    def welcomed(self) -> bool:
        return self._doc.welcomed

    def finish_welcome(self) -> None:
        if not self._doc.welcomed:
            self._doc.welcomed = True
            self._changed()

    def appearance(self) -> Appearance:
        return self._doc.appearance

    def set_appearance(self, appearance: Appearance) -> None:
        if appearance is not self._doc.appearance:
            self._doc.appearance = appearance
            self._changed()

    # -- choices -------------------------------------------------------------------------------
    def selected_platforms(self) -> list[Platform]:
        return [p for pid in self._doc.platforms if (p := self.catalog.platform(pid)) is not None]

    def is_selected(self, platform: Platform) -> bool:
        return platform.id in self._doc.platforms

    def set_platforms(self, platforms: Iterable[Platform]) -> None:
        """Item progress of platforms no longer selected is kept, so picking them again restores it."""
        ids = list(dict.fromkeys(p.id for p in platforms))
        if ids != self._doc.platforms:
            self._doc.platforms = ids
            self._changed()

    def surfaces(self) -> frozenset[Surface]:
        return frozenset(Surface(s) for s in self._doc.surfaces if s in Surface._value2member_map_)

    def set_surfaces(self, surfaces: Iterable[Surface]) -> None:
        chosen = [s.value for s in USER_SURFACES if s in set(surfaces)]
        if chosen != self._doc.surfaces:
            self._doc.surfaces = chosen
            self._changed()

    # -- items ---------------------------------------------------------------------------------
    def progress_of(self, item: Item) -> ItemProgress | None:
        return self._doc.items.get(item.key)

    def state(self, item: Item) -> ItemState:
        progress = self._doc.items.get(item.key)
        return progress.state if progress else ItemState.TODO

    def is_changed(self, item: Item) -> bool:
        """Settled against an older revision of the item: "changed — check again"."""
        progress = self._doc.items.get(item.key)
        return progress is not None and progress.state in SETTLED and progress.revision < item.revision

    def is_settled(self, item: Item) -> bool:
        return self.state(item) in SETTLED and not self.is_changed(item)

    def mark(self, item: Item, state: ItemState, note: str | None = None, now: datetime | None = None) -> None:
        previous = self._doc.items.get(item.key)
        if state is ItemState.TODO and not (note or (previous and previous.note)):
            self._doc.items.pop(item.key, None)
        else:
            self._doc.items[item.key] = ItemProgress(
                state=state,
                when=now or datetime.now(UTC),
                revision=item.revision,
                note=(previous.note if previous else "") if note is None else note,
            )
        self._doc.seen_revisions[item.key] = item.revision
        platform = self.catalog.platform(item.platform_id)
        if platform is not None and all(self.is_settled(i) for i in platform.items):
            self._platform(platform.id).last_reviewed = self._today()
        self._changed()

    def set_note(self, item: Item, note: str) -> None:
        progress = self._doc.items.get(item.key)
        if progress is None:
            if not note:
                return
            self._doc.items[item.key] = ItemProgress(ItemState.TODO, datetime.now(UTC), item.revision, note)
        elif progress.note == note:
            return
        else:
            progress.note = note
        self._changed()

    # -- overview ------------------------------------------------------------------------------
    def _selected_items(self) -> list[Item]:
        return [i for p in self.selected_platforms() for i in p.items]

    def queue(self) -> list[Item]:
        """Everything not yet settled, most important first: changed items (check again), then
        what is still to do by theme priority (platform order next), then what was put off."""
        items = self._selected_items()
        changed = [i for i in items if self.is_changed(i)]
        todo = sorted(
            (i for i in items if self.state(i) is ItemState.TODO), key=lambda i: THEME_PRIORITY.index(i.theme)
        )
        later = [i for i in items if self.state(i) is ItemState.LATER]
        return changed + todo + later

    def next_step(self) -> Item | None:
        queue = self.queue()
        return queue[0] if queue else None

    def overall(self) -> tuple[int, int]:
        items = self._selected_items()
        return sum(self.is_settled(i) for i in items), len(items)

    def by_theme(self) -> dict[Theme, tuple[int, int]]:
        items = self._selected_items()
        return {
            theme: (sum(self.is_settled(i) for i in items if i.theme is theme), sum(i.theme is theme for i in items))
            for theme in Theme
        }

    def by_platform(self) -> dict[str, tuple[int, int]]:
        return {p.id: (sum(self.is_settled(i) for i in p.items), len(p.items)) for p in self.selected_platforms()}

    # -- re-review -----------------------------------------------------------------------------
    def _platform(self, platform_id: str) -> PlatformProgress:
        return self._doc.platform_progress.setdefault(platform_id, PlatformProgress())

    def review_months(self, platform: Platform) -> int:
        progress = self._doc.platform_progress.get(platform.id)
        return progress.review_months if progress else DEFAULT_REVIEW_MONTHS

    def set_review_months(self, platform: Platform, months: int) -> None:
        months = max(1, min(int(months), 36))
        if months != self.review_months(platform):
            self._platform(platform.id).review_months = months
            self._changed()

    def review_due_on(self, platform: Platform) -> date | None:
        progress = self._doc.platform_progress.get(platform.id)
        if progress is None or progress.last_reviewed is None:
            return None
        return _add_months(progress.last_reviewed, progress.review_months)

    def due_for_review(self) -> list[Platform]:
        today = self._today()
        return [p for p in self.selected_platforms() if (due := self.review_due_on(p)) and due <= today]

    def start_review(self, platform: Platform) -> None:
        """Put every settled item of a due platform back to "to do" (notes are kept)."""
        for item in platform.items:
            progress = self._doc.items.get(item.key)
            if progress and progress.state in SETTLED:
                progress.state = ItemState.TODO
        self._platform(platform.id).last_reviewed = None
        self._changed()

    # -- changes in the catalog ----------------------------------------------------------------
    def changed_since_last_look(self) -> list[Item]:
        return [
            i
            for i in self._selected_items()
            if i.key in self._doc.seen_revisions and self._doc.seen_revisions[i.key] < i.revision
        ]

    def mark_seen(self, platform: Platform) -> None:
        seen = {item.key: item.revision for item in platform.items}
        if any(self._doc.seen_revisions.get(key) != revision for key, revision in seen.items()):
            self._doc.seen_revisions.update(seen)
            self._changed()

    def apply_renames(self) -> None:
        moved = False
        for old, new in self.catalog.renamed_keys().items():
            for table in (self._doc.items, self._doc.seen_revisions):
                if old in table and new not in table:
                    table[new] = table.pop(old)  # type: ignore[assignment]  # the three tables share one value type per table
                    moved = True
        if moved:
            self._changed()

    # -- finding items -------------------------------------------------------------------------
    def items(self, theme: Theme | None = None, text: str = "", platform: Platform | None = None) -> list[Item]:
        needle = text.casefold().strip()
        platforms = [platform] if platform else self.selected_platforms()
        found = []
        for each in platforms:
            for item in each.items:
                if theme is not None and item.theme is not theme:
                    continue
                if needle and needle not in _searchable(item):
                    continue
                found.append(item)
        return found

    # -- accounts on an official email (the accounts page's block) -----------------------------
    def accounts(self) -> list[AccountRecord]:
        """The accounts to close or move, by site; never one of the organisation's own domains, nor an
        official account the person runs for the Department (those are `official_accounts`)."""
        own = self.catalog.organisation.all_email_domains
        return sorted(
            (
                r
                for r in self._doc.accounts.values()
                if r.state is not AccountState.OFFICIAL and not is_own_site(r.site, own)
            ),
            key=lambda r: r.site,
        )

    def official_accounts(self) -> list[AccountRecord]:
        """Accounts the person marked as official accounts they run for the Department, by site: not problems."""
        return sorted(
            (r for r in self._doc.accounts.values() if r.state is AccountState.OFFICIAL), key=lambda r: r.site
        )

    def is_official_account(self, site: str) -> bool:
        record = self._doc.accounts.get(site)
        return record is not None and record.state is AccountState.OFFICIAL

    def mark_official_account(self, site: str, official: bool = True) -> None:
        """Mark a listed site as an official account the person runs for the Department, or (False) put it
        back among the accounts still to do. A site not on the list is not added: only what was found is marked."""
        record = self._doc.accounts.get(site)
        if record is None or official is (record.state is AccountState.OFFICIAL):
            return
        record.state = AccountState.OFFICIAL if official else AccountState.OPEN
        self._changed()

    def add_accounts(self, found: Iterable[FoundAccount]) -> tuple[int, int]:
        """Add sites found on an official login, keeping what the person already marked.

        The organisation's own domains and their subdomains (its intranet, its mail) are left out.
        Records saved with something other than a site name are repaired first, and a row whose
        site is not a site name is stored under its site (or not at all): only site names are kept.
        Returns (how many sites were found, how many of them are new to the list).
        """
        own = self.catalog.organisation.all_email_domains
        repaired = repair_saved_sites(self._doc.accounts)
        listed = added = 0
        for row in found:
            site = site_from(row.site) if row.site else None
            if site is None or is_own_site(site, own):
                continue
            listed += 1
            record = self._doc.accounts.get(site)
            if record is None:
                self._doc.accounts[site] = AccountRecord(
                    site=site, platform_id=platform_for(site), sources=sorted(set(row.sources))
                )
                added += 1
            else:
                record.sources = sorted(set(record.sources) | set(row.sources))
        if listed or repaired:
            self._changed()
        return listed, added

    def account(self, site: str) -> AccountRecord | None:
        return self._doc.accounts.get(site)

    def mark_account(self, site: str, state: AccountState) -> None:
        if state is AccountState.OFFICIAL:
            raise ValueError("an official account is marked with mark_official_account, which keeps it apart")
        record = self._doc.accounts.get(site)
        if record is not None and record.state is not state:
            record.state = state
            self._changed()

    def account_steps(self, site: str) -> Item | None:
        """The item that says how to move or close the account on `site`: its platform's, or the generic one."""
        return close_steps(self.catalog, site)

    # -- posts review findings (issue 14): marks by finding id only --------------------------------
    def finding_mark(self, finding_id: str) -> FindingMark:
        return self._doc.findings.get(finding_id, FindingMark.TODO)

    def finding_marks(self) -> dict[str, FindingMark]:
        """Every finding marked other than "to do", by id (a copy: marks change only through `mark_finding`)."""
        return dict(self._doc.findings)

    def mark_finding(self, finding_id: str, mark: FindingMark) -> None:
        """Only the id and the mark are kept: the finding's text and place are read again from the archive."""
        if not (len(finding_id) == 20 and all(c in "0123456789abcdef" for c in finding_id)):
            raise ValueError("a finding is stored by its id (a hash) only")
        if mark is self.finding_mark(finding_id):
            return
        if mark is FindingMark.TODO:
            self._doc.findings.pop(finding_id, None)
        else:
            self._doc.findings[finding_id] = mark
        self._changed()

    # -- "These steps didn't match what I saw": for the organisation's content owners --------------
    def report_mismatch(self, item: Item, device: Surface, text: str = "") -> StepReport:
        """Record that `item`'s steps for `device` did not match; `text` is cut to a short note and
        stripped of control characters (it ends up in a file someone else reads)."""
        clean = "".join(c for c in text if c.isprintable()).strip()[:MAX_STEP_REPORT_TEXT]
        report = StepReport(item.key, item.revision, device.value, clean, self._today())
        self._doc.step_reports.append(report)
        del self._doc.step_reports[:-MAX_STEP_REPORTS]
        self._changed()
        return report

    def step_reports(self) -> list[StepReport]:
        """Every report, oldest first (copies: reports change only through the Tracker)."""
        return [copy.copy(r) for r in self._doc.step_reports]

    def clear_step_reports(self) -> int:
        """Forget every report (Settings → "Clear step reports…"); returns how many there were."""
        cleared = len(self._doc.step_reports)
        if cleared:
            self._doc.step_reports.clear()
            self._changed()
        return cleared


def _searchable(item: Item) -> str:
    steps = " ".join(s for lines in item.steps.values() for s in lines)
    return f"{item.title} {item.why} {steps} {item.verify}".casefold()
