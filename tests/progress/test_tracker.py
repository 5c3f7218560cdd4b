"""The progress logic: next step, changed items, reviews, renames, search, one writer, guided sessions."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

from socially_aware.catalog.loader import load_catalog
from socially_aware.catalog.model import Platform, Surface, Theme
from socially_aware.progress.model import (
    AccountState,
    Appearance,
    ItemProgress,
    ItemState,
    ProgressDocument,
)
from socially_aware.progress.session import GuidedSession, Reason
from socially_aware.progress.tracker import Tracker
from tests.catalog.samples import good, write_folder


def make(tmp_path: Path, text: str | None = None, today: date = date(2026, 11, 24)) -> Tracker:
    folder = write_folder(tmp_path, {"demo": text or good(), "other": good("other", "Other")})
    catalog = load_catalog([folder])
    assert catalog.problems == ()
    return Tracker(catalog, ProgressDocument(platforms=["demo"]), today=lambda: today)


def platforms(tracker: Tracker, *ids: str) -> list[Platform]:
    return [p for pid in ids if (p := tracker.catalog.platform(pid))]


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
    bumped.replace_document(tracker.doc)
    changed = bumped.catalog.item("demo/location-off")
    assert bumped.is_changed(changed)
    assert bumped.next_step() == changed
    assert bumped.by_theme()[Theme.LOCATION] == (0, 1)
    assert bumped.changed_since_last_look() == [changed]
    bumped.mark_seen(bumped.catalog.platform("demo"))
    assert bumped.changed_since_last_look() == []


def test_review_falls_due_after_the_chosen_months(tmp_path: Path) -> None:
    tracker = make(tmp_path)
    for item in tracker.catalog.platform("demo").items:
        tracker.mark(item, ItemState.DONE)
    assert tracker.doc.platform_progress["demo"].last_reviewed == date(2026, 11, 24)
    demo = tracker.catalog.platform("demo")
    assert tracker.review_due_on(demo) == date(2027, 2, 24)
    tracker._today = lambda: date(2027, 2, 23)
    assert tracker.due_for_review() == []
    tracker._today = lambda: date(2027, 2, 24)
    assert [p.id for p in tracker.due_for_review()] == ["demo"]
    tracker.set_review_months(demo, 6)
    assert tracker.due_for_review() == []
    tracker.start_review(demo)
    assert tracker.overall() == (0, 2)


def test_deselecting_a_platform_keeps_its_progress(tmp_path: Path) -> None:
    tracker = make(tmp_path)
    tracker.mark(tracker.catalog.item("demo/hide-employer"), ItemState.DONE, note="private")
    tracker.set_platforms(platforms(tracker, "other"))
    assert tracker.overall() == (0, 2)
    tracker.set_platforms(platforms(tracker, "other", "demo"))
    assert tracker.overall() == (1, 4)
    assert tracker.progress_of(tracker.catalog.item("demo/hide-employer")).note == "private"


def test_renamed_items_carry_their_progress(tmp_path: Path) -> None:
    old = ProgressDocument(platforms=["demo"])
    old.items["demo/old-employer"] = ItemProgress(ItemState.DONE, datetime(2026, 1, 1), 1, "kept")
    renamed = make(tmp_path / "v2", good() + "renamed:\n  old-employer: hide-employer\n")
    renamed.replace_document(old)
    assert renamed.progress_of(renamed.catalog.item("demo/hide-employer")).note == "kept"
    assert "demo/old-employer" not in renamed.doc.items


def test_search_and_theme_filter(tmp_path: Path) -> None:
    tracker = make(tmp_path)
    tracker.set_platforms(platforms(tracker, "demo", "other"))
    assert [i.key for i in tracker.items(text="WORKPLACE")] == ["demo/hide-employer", "other/hide-employer"]
    other = tracker.catalog.platform("other")
    assert [i.key for i in tracker.items(theme=Theme.LOCATION, platform=other)] == ["other/location-off"]
    assert tracker.items(text="nothing like this") == []


def test_every_change_is_reported_once_and_no_op_changes_are_not(tmp_path: Path) -> None:
    tracker = make(tmp_path)
    reports: list[None] = []
    tracker.on_change = lambda: reports.append(None)
    demo, other = platforms(tracker, "demo", "other")
    item = demo.items[0]
    changes = [
        lambda: tracker.mark(item, ItemState.DONE),
        lambda: tracker.set_note(item, "private"),
        lambda: tracker.set_platforms([demo, other]),
        lambda: tracker.set_surfaces([Surface.IOS]),
        lambda: tracker.finish_welcome(),
        lambda: tracker.set_appearance(Appearance.DARK),
        lambda: tracker.set_review_months(demo, 6),
        lambda: tracker.mark_seen(other),
        lambda: tracker.start_review(demo),
    ]
    for number, change in enumerate(changes, start=1):
        change()
        assert len(reports) == number, f"change {number} was not reported exactly once"
    for same_again in changes[1:-1]:  # setting what is already set is not a change
        same_again()
    assert len(reports) == len(changes)
    tracker.replace_document(ProgressDocument())
    assert len(reports) == len(changes) + 1 and tracker.selected_platforms() == []


def test_accounts_change_only_through_the_tracker(tmp_path: Path) -> None:
    tracker = make(tmp_path)
    reports: list[None] = []
    tracker.on_change = lambda: reports.append(None)

    class Found:
        site, sources = "strava.com", ("password manager",)

    class Own:
        site, sources = "intranet.homeaffairs.gov.au", ("password manager",)

    assert tracker.add_accounts([Found(), Own()]) == (1, 1)
    tracker.mark_account("strava.com", AccountState.MOVED)
    tracker.mark_account("strava.com", AccountState.MOVED)
    tracker.mark_account("unknown.example", AccountState.DELETED)
    assert [(a.site, a.state) for a in tracker.accounts()] == [("strava.com", AccountState.MOVED)]
    assert len(reports) == 2


def test_queue_puts_changed_first_then_todo_by_theme_then_later(tmp_path: Path) -> None:
    tracker = make(tmp_path)
    demo, other = platforms(tracker, "demo", "other")
    tracker.set_platforms([demo, other])
    tracker.mark(tracker.catalog.item("other/location-off"), ItemState.LATER)
    assert [i.key for i in tracker.queue()] == [
        "demo/location-off",
        "demo/hide-employer",
        "other/hide-employer",
        "other/location-off",
    ]


def test_a_guided_session_moves_on_after_each_answer_and_explains_what_is_left(tmp_path: Path) -> None:
    tracker = make(tmp_path)
    tracker.set_platforms(platforms(tracker, "demo", "other"))
    session = GuidedSession(tracker)
    assert (session.number, session.total) == (1, 4)
    first_minutes = session.minutes_left()
    assert first_minutes > 0
    first = session.current()
    session.answer(ItemState.DONE)
    assert tracker.state(first) is ItemState.DONE
    assert (session.number, session.total) == (2, 4)
    assert session.minutes_left() < first_minutes
    second = session.current()
    session.skip()
    assert tracker.state(second) is ItemState.TODO
    third = session.current()
    session.answer(ItemState.LATER)
    # settled elsewhere (in the list view) while the session waited: passed over
    fourth = session.current()
    tracker.mark(fourth, ItemState.NOT_APPLICABLE)
    session.resume()
    assert session.finished and session.current() is None
    summary = session.summary()
    assert summary.done == [first]
    assert {(e.item.key, e.reason) for e in summary.left} == {(second.key, Reason.SKIPPED), (third.key, Reason.LATER)}
    assert [(r.platform.id, r.settled, r.total) for r in summary.reviews] == [("demo", 1, 2), ("other", 1, 2)]


def test_a_finished_platform_has_a_review_date_in_the_summary(tmp_path: Path) -> None:
    tracker = make(tmp_path)
    session = GuidedSession(tracker)
    session.answer(ItemState.DONE)
    session.answer(ItemState.NOT_APPLICABLE)
    summary = session.summary()
    assert summary.left == [] and len(summary.done) == 1 and len(summary.not_applicable) == 1
    assert (summary.reviews[0].settled, summary.reviews[0].not_applicable) == (2, 1)
    assert summary.reviews[0].due == date(2027, 2, 24)


def test_no_page_reaches_into_the_progress_document() -> None:
    """Reading the whole document (to export it) is allowed; reaching inside it, to read or write, is not."""
    import re

    ui = Path(__file__).resolve().parents[2] / "desktop" / "socially_aware" / "ui"
    reaching = re.compile(r"tracker\.doc\s*\.|tracker\.doc\s*=|tracker\._doc")
    offenders = [
        f"{path.name}:{number}"
        for path in sorted(ui.glob("*.py"))
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1)
        if reaching.search(line)
    ]
    assert offenders == []


def test_every_listener_given_at_construction_hears_each_change_once(tmp_path: Path) -> None:
    first, second = make(tmp_path), None
    heard: list[str] = []
    second = Tracker(
        first.catalog, ProgressDocument(), listeners=(lambda: heard.append("saver"), lambda: heard.append("other"))
    )
    second.set_platforms(platforms(second, "demo"))
    second.set_platforms(platforms(second, "demo"))  # no change: nobody hears of it
    assert heard == ["saver", "other"]
