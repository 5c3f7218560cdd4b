""" "These steps didn't match what I saw": recorded through the Tracker, kept in the progress document,
saved as a small file holding only the item, the device, the note and the day."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

from socially_aware.catalog.model import Surface
from socially_aware.progress.model import MAX_STEP_REPORT_TEXT, MAX_STEP_REPORTS, ItemState, ProgressDocument
from socially_aware.progress.step_reports import FORMAT, render, save
from tests.progress.test_tracker import make, platforms

CANARY = "CANARY-7f3a"


def test_a_report_keeps_item_revision_device_note_and_day_and_survives_a_save(tmp_path: Path) -> None:
    tracker = make(tmp_path)
    item = tracker.catalog.item("demo/location-off")
    changes: list[object] = []
    tracker.on_change = lambda: changes.append(1)  # type: ignore[method-assign,assignment]
    report = tracker.report_mismatch(item, Surface.IOS, "  The menu is now 'Privacy centre'\x1b[2J\u202e  ")
    assert (report.item, report.revision, report.device, report.day) == (
        "demo/location-off",
        2,
        "ios",
        date(2026, 11, 24),
    )
    assert report.text == "The menu is now 'Privacy centre'[2J"
    again = ProgressDocument.from_dict(tracker.doc.to_dict())
    assert again.step_reports == tracker.doc.step_reports


def test_notes_are_cut_short_and_old_reports_go_first(tmp_path: Path) -> None:
    tracker = make(tmp_path)
    item = tracker.catalog.item("demo/location-off")
    assert len(tracker.report_mismatch(item, Surface.WEB, "x" * 5000).text) == MAX_STEP_REPORT_TEXT
    for n in range(MAX_STEP_REPORTS + 5):
        tracker.report_mismatch(item, Surface.WEB, str(n))
    reports = tracker.step_reports()
    assert len(reports) == MAX_STEP_REPORTS and reports[-1].text == str(MAX_STEP_REPORTS + 4)
    reports[0].text = "changed outside the Tracker"
    assert tracker.step_reports()[0].text != "changed outside the Tracker"
    assert tracker.clear_step_reports() == MAX_STEP_REPORTS
    assert tracker.step_reports() == []
    assert tracker.clear_step_reports() == 0


def test_the_file_holds_nothing_else_about_the_person(tmp_path: Path) -> None:
    tracker = make(tmp_path)
    tracker.set_platforms(platforms(tracker, "demo"))
    item = tracker.catalog.item("demo/hide-employer")
    tracker.mark(item, ItemState.DONE, note=f"private note {CANARY}")
    tracker.mark(tracker.catalog.item("demo/location-off"), ItemState.LATER, note=CANARY)
    tracker.report_mismatch(item, Surface.ANDROID, "no Workplace field any more")
    path = tmp_path / "reports.json"
    save(path, tracker.step_reports(), tracker.catalog, "9.9", "the checklists that came with the app")
    data = path.read_bytes()
    assert CANARY.encode() not in data and str(tmp_path).encode() not in data
    document = json.loads(data)
    assert document["format"] == FORMAT
    assert set(document) == {"format", "version", "app_version", "checklists", "reports"}
    (entry,) = document["reports"]
    assert entry == {
        "platform": "demo",
        "item": "hide-employer",
        "title": "Remove your employer",
        "revision": 1,
        "device": "Android",
        "text": "no Workplace field any more",
        "day": "2026-11-24",
    }
    assert path.stat().st_mode & 0o077 == 0


def test_a_report_for_an_item_no_longer_in_the_catalog_is_still_written(tmp_path: Path) -> None:
    tracker = make(tmp_path)
    tracker.report_mismatch(tracker.catalog.item("demo/location-off"), Surface.WEB, "")
    reports = tracker.step_reports()
    reports[0].item = "gone/old-item"
    entry = json.loads(render(reports, tracker.catalog, "1", "x"))["reports"][0]
    assert (entry["platform"], entry["item"], entry["title"]) == ("gone", "old-item", None)
