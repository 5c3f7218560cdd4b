"""Records saved by an older version with a whole web address (credentials and all) for a site are
repaired on every path that stores accounts: when the file is opened (the migration to version 2)
and when new results are added through the Tracker. Both tests fail on the code before issue 18,
where only a helper that no caller used did the repair.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from socially_aware.catalog.loader import load_catalog
from socially_aware.locations import bundled_root
from socially_aware.progress.migrations import migrate
from socially_aware.progress.model import SCHEMA_VERSION, AccountRecord, AccountState, ProgressDocument
from socially_aware.progress.store import ProgressStore
from socially_aware.progress.tracker import Tracker
from tests.accounts.exports import chrome_csv
from tests.accounts.leaks import assert_no_secret, scan_everywhere
from tests.progress.fakes import FixedKeySource

SECRETS = ["oldpw1", "pa/ss2", "hunter3", "oldpw4", "oldpw5"]


def _old_records() -> dict[str, AccountRecord]:
    """What a version-1 file could hold: whole addresses as sites, beside good and hand-made records."""
    return {
        "https://alex:oldpw1@strava.com/": AccountRecord(
            "https://alex:oldpw1@strava.com/", AccountState.DELETED, "other-sites", ["browser"]
        ),
        "https://alex:pa/ss2@host.com/": AccountRecord(
            "https://alex:pa/ss2@host.com/", AccountState.OPEN, None, ["password manager"]
        ),
        "gmail pw hunter3": AccountRecord("gmail pw hunter3", AccountState.OPEN, None, ["password manager"]),
        "meetup.com": AccountRecord("meetup.com", AccountState.MOVED, "meetup", ["mail"]),
        "https://u:oldpw4@meetup.com": AccountRecord(
            "https://u:oldpw4@meetup.com", AccountState.OPEN, None, ["browser"]
        ),
        "https://u:oldpw5@accounts.tinder.com/x": AccountRecord(
            "https://u:oldpw5@accounts.tinder.com/x", AccountState.NOT_MINE, None, ["password manager"]
        ),
        "My hand-kept note": AccountRecord("My hand-kept note", AccountState.OPEN, None, ["added by hand"]),
    }


def _catalog() -> Any:
    return load_catalog([bundled_root() / "checklists"])


def _assert_repaired(accounts: dict[str, AccountRecord]) -> None:
    assert sorted(accounts) == ["My hand-kept note", "meetup.com", "strava.com", "tinder.com"]
    assert accounts["strava.com"].state is AccountState.DELETED and accounts["strava.com"].platform_id == "strava"
    assert accounts["strava.com"].site == "strava.com"
    # The record already kept under the site wins; only the kinds of evidence are joined.
    assert accounts["meetup.com"].state is AccountState.MOVED and accounts["meetup.com"].sources == ["browser", "mail"]
    assert accounts["tinder.com"].state is AccountState.NOT_MINE and accounts["tinder.com"].platform_id == "tinder"
    assert_no_secret([repr(accounts)], SECRETS)


def test_a_version_1_file_is_repaired_as_it_is_opened(tmp_path: Path) -> None:
    store = ProgressStore(tmp_path, FixedKeySource())
    store.save(ProgressDocument(welcomed=True, accounts=_old_records(), version=1))
    loaded = store.load()
    _assert_repaired(loaded.accounts)
    assert loaded.version == SCHEMA_VERSION
    store.save(loaded)
    raw = b"".join(p.read_bytes() for p in tmp_path.iterdir() if p.is_file()).decode("latin-1")
    assert_no_secret([raw, json.dumps(store.load().to_dict())], SECRETS)


def test_the_migration_keeps_what_it_does_not_know_and_ignores_junk() -> None:
    data = {
        "version": 1,
        "welcomed": True,
        "accounts": {
            "https://u:oldpw1@strava.com/": {"site": "x", "state": "moved", "sources": ["mail"], "later": 7},
            "broken": "not a record",
        },
    }
    migrated = migrate(data)
    assert migrated["version"] == SCHEMA_VERSION
    assert migrated["accounts"] == {
        "strava.com": {"site": "strava.com", "state": "moved", "platform_id": "strava", "sources": ["mail"], "later": 7}
    }
    assert ProgressDocument.from_dict(migrated).accounts["strava.com"].state is AccountState.MOVED


def test_the_tracker_repairs_old_records_when_new_results_arrive() -> None:
    changes: list[int] = []
    doc = ProgressDocument(welcomed=True, accounts=_old_records())
    tracker = Tracker(_catalog(), doc, on_change=lambda: changes.append(1))
    assert tracker.add_accounts([]) == (0, 0)
    _assert_repaired(doc.accounts)
    assert changes == [1]  # the repair is a change the saver must write
    assert tracker.add_accounts([]) == (0, 0) and changes == [1]


class _Row:
    def __init__(self, site: str, sources: tuple[str, ...] = ("browser",)) -> None:
        self.site, self.sources = site, sources


def test_the_tracker_stores_site_names_only_whatever_it_is_handed() -> None:
    doc = ProgressDocument(welcomed=True)
    tracker = Tracker(_catalog(), doc)
    rows = [_Row("https://u:newpw1@www.strava.com/x"), _Row("hunter2 newpw2"), _Row("strava.com", ("mail",))]
    assert tracker.add_accounts(rows) == (2, 1)
    assert list(doc.accounts) == ["strava.com"] and doc.accounts["strava.com"].sources == ["browser", "mail"]
    assert_no_secret([repr(doc.accounts)], ["newpw1", "newpw2"])


@pytest.mark.gui
def test_repaired_records_stay_and_new_ones_join_them_after_a_real_import(
    tmp_path: Path,
    qtbot: Any,
    capsys: pytest.CaptureFixture[str],
    caplog: pytest.LogCaptureFixture,
) -> None:
    doc = ProgressDocument(welcomed=True, accounts=_old_records())
    tracker = Tracker(_catalog(), doc)
    seen = scan_everywhere([chrome_csv(tmp_path / "c.csv")], tmp_path, qtbot, capsys, caplog, secrets=SECRETS)
    found, added = tracker.add_accounts(seen.report.rows)
    assert (found, added) == (4, 3)  # strava.com was repaired from an old record; the other three are new
    assert doc.accounts["strava.com"].state is AccountState.DELETED
    assert "My hand-kept note" in doc.accounts
    assert_no_secret([repr(doc.accounts)], SECRETS)
