"""The 15-minute session: the few items that matter most for border staff, across the person's platforms,
in the order of harm (where they are, who they work for, official email, activity maps); Back says what
was chosen before."""

from __future__ import annotations

from socially_aware.catalog.loader import load_catalog
from socially_aware.catalog.model import Surface, Theme
from socially_aware.locations import bundled_root
from socially_aware.progress.model import ItemState, ProgressDocument
from socially_aware.progress.session import QUICK_MINUTES, Answer, GuidedSession, minutes_for, quick_items
from socially_aware.progress.tracker import Tracker

CATALOG = load_catalog([bundled_root() / "checklists"])


def tracker(*platforms: str) -> Tracker:
    doc = ProgressDocument(welcomed=True, platforms=list(platforms), surfaces=[Surface.WEB, Surface.IOS])
    return Tracker(CATALOG, doc)


def test_location_comes_first_then_employer_then_email_then_activity_maps() -> None:
    t = tracker("facebook", "linkedin", "strava", "iphone")
    ordered = quick_items(t, minutes=10_000)  # no time limit: the whole order
    kinds = []
    for item in ordered:
        platform = t.catalog.platform(item.platform_id)
        fitness = platform is not None and platform.category.value == "fitness"
        about_location = item.theme is Theme.LOCATION or "location" in item.title.casefold()
        kind = ("maps" if fitness else "location") if about_location else item.theme.value
        if kind not in kinds:
            kinds.append(kind)
    assert kinds[:4] == ["location", "employer", "official-email", "maps"]
    assert ordered[0].key in {"iphone/camera-location", "facebook/remove-locations"}
    assert "iphone/camera-location" in [i.key for i in ordered[:3]]
    assert all(i.theme is not Theme.CONTENT for i in ordered)  # the rest waits for the full session


def test_fifteen_minutes_cover_several_platforms_before_a_second_item_from_one() -> None:
    t = tracker("facebook", "instagram", "linkedin", "strava", "iphone")
    chosen = quick_items(t)
    assert sum(minutes_for(i, t) for i in chosen) <= QUICK_MINUTES
    assert 2 <= len(chosen) < len(t.queue())
    first_round = [i.platform_id for i in chosen if i.theme is Theme.LOCATION]
    assert len(set(first_round)) == len(first_round)  # one location item per platform first


def test_settled_items_are_left_out_and_one_item_always_fits() -> None:
    t = tracker("iphone")
    camera = t.catalog.item("iphone/camera-location")
    assert camera is not None
    t.mark(camera, ItemState.DONE)
    assert camera not in quick_items(t)
    assert len(quick_items(t, minutes=0)) == 1


def test_a_quick_session_finishes_with_its_own_items_and_counts_the_rest() -> None:
    t = tracker("facebook", "strava", "iphone")
    session = GuidedSession.quick_session(t)
    assert session.quick and session.items == quick_items(t)
    session.answer(ItemState.DONE)
    while not session.finished:
        session.skip()
    summary = session.summary()
    assert summary.quick
    assert {entry.item.key for entry in summary.left} <= {i.key for i in session.items}
    assert summary.rest == len(t.queue()) - len(summary.left) > 0
    assert len(summary.done) == 1


def test_back_says_what_was_chosen_before() -> None:
    t = tracker("facebook", "iphone")
    session = GuidedSession(t)
    session.answer(ItemState.LATER)
    session.skip()
    assert session.earlier_answer() is None  # the third item: not answered yet
    session.back()
    assert session.earlier_answer() == Answer.SKIPPED
    session.back()
    assert session.earlier_answer() == Answer.LATER
