"""The progress logic: next step, changed items, reviews, renames and search."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

from socially_aware.catalog.loader import load_catalog
from socially_aware.catalog.model import Theme
from socially_aware.progress.model import ItemProgress, ItemState, ProgressDocument
from socially_aware.progress.tracker import Tracker
from tests.catalog.samples import good, write_folder


def make(tmp_path: Path, text: str | None = None, today: date = date(2026, 11, 24)) -> Tracker:
    folder = write_folder(tmp_path, {"demo": text or good(), "other": good("other", "Other")})
    catalog = load_catalog([folder])
    assert catalog.problems == ()
    return Tracker(catalog, ProgressDocument(platforms=["demo"]), today=lambda: today)


def test_next_step_leads_with_location_before_employer(tmp_path: Path) -> None:
    tracker = make(tmp_path)
    step = tracker.next_step()
    assert step is not None and step.key == "demo/location-off"
    tracker.mark(step, ItemState.DONE)
    assert tracker.next_step().key == "demo/hide-employer"
    tracker.mark(tracker.next_step(), ItemState.LATER)
    assert tracker.next_step().key == "demo/hide-employer"  # later items come back when nothing else is left
    assert tracker.overall() == (1, 2)


def test_changed_revision_unsettles_an_item(tmp_path: Path) -> None:
    tracker = make(tmp_path)
    item = tracker.catalog.item("demo/location-off")
    tracker.mark(item, ItemState.DONE)
    assert tracker.by_theme()[Theme.LOCATION] == (1, 1)
    bumped = make(tmp_path / "v2", good().replace("revision: 2", "revision: 3"))
    bumped.doc = tracker.doc
    changed = bumped.catalog.item("demo/location-off")
    assert bumped.is_changed(changed)
    assert bumped.next_step() == changed
    assert bumped.by_theme()[Theme.LOCATION] == (0, 1)
    assert bumped.changed_since_last_look() == [changed]
    bumped.mark_seen("demo")
    assert bumped.changed_since_last_look() == []


def test_review_falls_due_after_the_chosen_months(tmp_path: Path) -> None:
    tracker = make(tmp_path)
    for item in tracker.catalog.platform("demo").items:
        tracker.mark(item, ItemState.DONE)
    assert tracker.doc.platform_progress["demo"].last_reviewed == date(2026, 11, 24)
    assert tracker.review_due_on("demo") == date(2027, 2, 24)
    tracker._today = lambda: date(2027, 2, 23)
    assert tracker.due_for_review() == []
    tracker._today = lambda: date(2027, 2, 24)
    assert [p.id for p in tracker.due_for_review()] == ["demo"]
    tracker.set_review_months("demo", 6)
    assert tracker.due_for_review() == []
    tracker.start_review("demo")
    assert tracker.overall() == (0, 2)


def test_deselecting_a_platform_keeps_its_progress(tmp_path: Path) -> None:
    tracker = make(tmp_path)
    tracker.mark(tracker.catalog.item("demo/hide-employer"), ItemState.DONE, note="private")
    tracker.set_platforms(["other"])
    assert tracker.overall() == (0, 2)
    tracker.set_platforms(["other", "demo"])
    assert tracker.overall() == (1, 4)
    assert tracker.progress_of(tracker.catalog.item("demo/hide-employer")).note == "private"


def test_renamed_items_carry_their_progress(tmp_path: Path) -> None:
    tracker = make(tmp_path)
    tracker.doc.items["demo/old-employer"] = ItemProgress(ItemState.DONE, datetime(2026, 1, 1), 1, "kept")
    renamed = make(tmp_path / "v2", good() + "renamed:\n  old-employer: hide-employer\n")
    renamed.doc = tracker.doc
    renamed.apply_renames()
    assert renamed.progress_of(renamed.catalog.item("demo/hide-employer")).note == "kept"
    assert "demo/old-employer" not in renamed.doc.items


def test_search_and_theme_filter(tmp_path: Path) -> None:
    tracker = make(tmp_path)
    tracker.set_platforms(["demo", "other"])
    assert [i.key for i in tracker.items(text="WORKPLACE")] == ["demo/hide-employer", "other/hide-employer"]
    assert [i.key for i in tracker.items(theme=Theme.LOCATION, platform_id="other")] == ["other/location-off"]
    assert tracker.items(text="nothing like this") == []
