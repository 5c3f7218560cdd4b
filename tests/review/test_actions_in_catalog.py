"""Every checklist item the review sends a finding to exists in the shipped catalog (each reader declares
its item ids as `PlatformReader.actions`, gathered in detect.ACTIONS: this test keeps them valid when a
checklist item is renamed or removed, and fails for a reader that sends its findings nowhere)."""

from __future__ import annotations

import itertools

import pytest

from socially_aware.catalog.loader import load_catalog
from socially_aware.locations import bundled_root
from socially_aware.review.detect import ACTIONS, action_for
from socially_aware.review.model import Detector, RecordKind
from socially_aware.review.readers import READERS


@pytest.fixture(scope="module")
def shipped_item_keys() -> set[str]:
    catalog = load_catalog([bundled_root() / "checklists"])
    assert catalog.problems == ()
    return {item.key for platform in catalog.platforms for item in platform.items}


def test_every_action_names_a_shipped_item(shipped_item_keys: set[str]) -> None:
    named = {
        (platform, key): target if "/" in target else f"{platform}/{target}"
        for platform, table in ACTIONS.items()
        for key, target in table.items()
    }
    missing = {where: item for where, item in named.items() if item not in shipped_item_keys}
    assert missing == {}


def test_every_finding_a_detector_can_make_goes_to_a_shipped_item_or_nowhere(shipped_item_keys: set[str]) -> None:
    platforms = {reader.platform for reader in READERS} | set(ACTIONS)
    for platform, kind, detector in itertools.product(platforms, RecordKind, Detector):
        action = action_for(platform, kind, detector)
        assert action == "" or action in shipped_item_keys, (platform, kind, detector, action)


def test_the_check_fails_on_a_made_up_item(shipped_item_keys: set[str]) -> None:
    assert "facebook/no-such-item" not in shipped_item_keys and "facebook/remove-workplace" in shipped_item_keys


def test_every_reader_says_where_each_kind_of_finding_goes() -> None:
    for reader in READERS:
        assert {"profile", "content", "media", "location", "official-email"} <= set(reader.actions), reader.platform
        assert ACTIONS[reader.platform] == reader.actions
    assert set(ACTIONS) == {reader.platform for reader in READERS}
