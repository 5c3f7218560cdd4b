"""Issue 18 item 7 (the review's side): a download of an official account the person runs for the
Department (its site marked on the accounts page, its account on an official address) is shown
apart and not counted as a problem; a personal download of the same platform is reviewed as usual."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt

from socially_aware.progress.model import ProgressDocument
from socially_aware.progress.store import ProgressStore
from socially_aware.review.official import split_official
from socially_aware.review.service import review_paths
from tests.progress.fakes import FixedKeySource
from tests.review import samples
from tests.ui.conftest import checklist_dir, locations, make_window  # noqa: F401 - fixtures used by name
from tests.ui.dialogs import ScriptedDialogs
from tests.ui.keyboard import press


def _personal_x() -> dict[str, bytes | str]:
    files = samples.x()
    files["data/account.js"] = files["data/account.js"].replace(samples.OFFICIAL, samples.PERSONAL)  # type: ignore[union-attr]
    # Another account's posts: other ids (the same ids would be the same findings, read once).
    files["data/tweets.js"] = files["data/tweets.js"].replace('"id_str": "100', '"id_str": "200')  # type: ignore[union-attr]
    return files


def test_only_the_official_download_of_a_marked_site_is_set_apart(tmp_path: Path) -> None:
    official = samples.write_zip(tmp_path / "abf-x.zip", samples.x())
    personal = samples.write_zip(tmp_path / "my-x.zip", _personal_x())
    report = review_paths([official, personal], samples.organisation())
    marked = {"x.com"}
    problems, apart = split_official(report.findings, marked.__contains__)
    assert apart and {f.source for f in apart} == {str(official)}
    assert problems and {f.source for f in problems} == {str(personal)}
    # Nothing marked: nothing apart.
    assert split_official(report.findings, lambda site: False) == (report.findings, [])
    # Marked, but a different platform: nothing apart either.
    assert split_official(report.findings, {"facebook.com"}.__contains__)[1] == []


@pytest.mark.gui
def test_the_review_page_shows_the_official_account_apart(
    qtbot: Any, make_window: Any, locations: Any, tmp_path: Path, no_network: list[str]
) -> None:
    official = samples.write_zip(tmp_path / "abf-x.zip", samples.x())
    personal = samples.write_zip(tmp_path / "my-x.zip", _personal_x())
    keys = FixedKeySource()
    ProgressStore(locations.data_dir, keys).save(ProgressDocument(welcomed=True, platforms=["alpha"]))
    window = make_window(keys, dialogs=ScriptedDialogs(open_files=[official, personal]))
    page = window.review

    class Row:
        site, sources = "x.com", ("browser",)

    page.tracker.add_accounts([Row()])
    page.tracker.mark_official_account("x.com")
    press(qtbot, Qt.Key.Key_6, Qt.KeyboardModifier.ControlModifier)
    with qtbot.waitSignal(page.review_finished, timeout=20000):
        press(qtbot, Qt.Key.Key_Space)
    titles = [page.tree.topLevelItem(i).text(0) for i in range(page.tree.topLevelItemCount())]
    assert titles[0] == "X (Twitter) (4)"
    assert titles[-1] == "X (Twitter): an official account you run for the Department (5, not problems)"
    assert "5 findings from official accounts you run for the Department, listed apart." in page.status.text()
