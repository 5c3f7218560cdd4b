"""Issue 18 item 7: an official account the person runs for the Department is kept apart, through the
Tracker only, is not counted as a problem, and survives saving, loading and new imports."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from socially_aware.catalog.loader import load_catalog
from socially_aware.locations import bundled_root
from socially_aware.progress.migrations import migrate
from socially_aware.progress.model import SCHEMA_VERSION, AccountRecord, AccountState, ProgressDocument
from socially_aware.progress.store import ProgressStore
from socially_aware.progress.tracker import Tracker
from tests.progress.fakes import FixedKeySource

CATALOG = load_catalog([bundled_root() / "checklists"])


class _Row:
    def __init__(self, site: str) -> None:
        self.site, self.sources = site, ("browser",)


def _tracker(changes: list[int] | None = None) -> Tracker:
    tracker = Tracker(CATALOG, ProgressDocument(welcomed=True))
    tracker.add_accounts([_Row("strava.com"), _Row("facebook.com"), _Row("meetup.com")])
    if changes is not None:
        tracker.on_change = lambda: changes.append(1)
    return tracker


def test_an_official_account_is_kept_apart_and_is_not_a_problem() -> None:
    changes: list[int] = []
    tracker = _tracker(changes)
    tracker.mark_official_account("facebook.com")
    assert [r.site for r in tracker.accounts()] == ["meetup.com", "strava.com"]
    assert [r.site for r in tracker.official_accounts()] == ["facebook.com"]
    assert tracker.is_official_account("facebook.com") and not tracker.is_official_account("strava.com")
    assert changes == [1]
    tracker.mark_official_account("facebook.com")  # already so: no change to save
    tracker.mark_official_account("unknown.com")  # only what was found can be marked
    assert changes == [1] and "unknown.com" not in tracker.doc.accounts


def test_putting_it_back_makes_it_an_account_to_do_again() -> None:
    tracker = _tracker()
    tracker.mark_account("strava.com", AccountState.MOVED)
    tracker.mark_official_account("strava.com", official=False)  # not official: nothing to undo
    assert tracker.account("strava.com").state is AccountState.MOVED  # type: ignore[union-attr]
    tracker.mark_official_account("strava.com")
    tracker.mark_official_account("strava.com", official=False)
    assert tracker.account("strava.com").state is AccountState.OPEN  # type: ignore[union-attr]
    assert [r.site for r in tracker.accounts()] == ["facebook.com", "meetup.com", "strava.com"]


def test_the_official_mark_has_one_typed_way_in() -> None:
    tracker = _tracker()
    with pytest.raises(ValueError, match="mark_official_account"):
        tracker.mark_account("strava.com", AccountState.OFFICIAL)
    assert tracker.official_accounts() == []


def test_a_new_import_keeps_the_mark() -> None:
    tracker = _tracker()
    tracker.mark_official_account("facebook.com")
    assert tracker.add_accounts([_Row("facebook.com"), _Row("tinder.com")]) == (2, 1)
    assert tracker.is_official_account("facebook.com")
    assert "facebook.com" not in [r.site for r in tracker.accounts()]


def test_the_mark_is_saved_and_loaded(tmp_path: Path) -> None:
    tracker = _tracker()
    tracker.mark_official_account("facebook.com")
    store = ProgressStore(tmp_path, FixedKeySource())
    store.save(tracker.doc)
    loaded = store.load()
    assert loaded.version == SCHEMA_VERSION == 3
    assert Tracker(CATALOG, loaded).is_official_account("facebook.com")


def test_a_version_2_document_is_upgraded_unchanged() -> None:
    data: dict[str, Any] = {
        "version": 2,
        "welcomed": True,
        "accounts": {"strava.com": {"site": "strava.com", "state": "moved", "platform_id": "strava", "sources": []}},
    }
    migrated = migrate(dict(data))
    assert migrated == {**data, "version": 3}
    assert ProgressDocument.from_dict(migrated).accounts["strava.com"] == AccountRecord(
        "strava.com", AccountState.MOVED, "strava", []
    )
