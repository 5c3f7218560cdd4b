"""The work-email accounts page: import, inventory, marks, the warning to delete the export."""

from __future__ import annotations

import contextlib
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtWidgets import QAbstractButton, QComboBox, QLabel, QTableWidget, QWidget

from socially_aware.accounts import merge_into, scan_paths, search_queries
from socially_aware.catalog.loader import load_catalog
from socially_aware.locations import bundled_root
from socially_aware.progress.model import AccountState, ProgressDocument
from socially_aware.progress.tracker import Tracker
from socially_aware.ui.accounts_page import AccountsPage
from tests.accounts.exports import OFFICIAL_SITES, PASSWORDS, bitwarden_csv, mbox

pytestmark = pytest.mark.gui
DOMAINS = ("border.gov.au", "mbc.gov.au", "mara.gov.au")


def make_page(qtbot: Any, **kwargs: Any) -> AccountsPage:
    tracker = Tracker(load_catalog([bundled_root() / "checklists"]), ProgressDocument(welcomed=True))
    page = AccountsPage(tracker, lambda paths: scan_paths(paths, DOMAINS, r"^[A-Za-z][0-9]{5,6}$"), merge_into,
                        search_queries(DOMAINS), **kwargs)
    qtbot.addWidget(page)
    page.show()
    return page


def _all_text(root: QWidget) -> str:
    parts = []
    for widget in root.findChildren(QWidget):
        for getter in ("text", "toolTip", "accessibleName", "currentText", "toPlainText"):
            value = getattr(widget, getter, None)
            if callable(value):
                with contextlib.suppress(TypeError):
                    parts.append(str(value()))
        if isinstance(widget, QTableWidget):
            parts.extend(widget.item(r, c).text() for r in range(widget.rowCount()) for c in range(widget.columnCount()) if widget.item(r, c))
    return "\n".join(parts)


def test_import_lists_sites_warns_to_delete_and_never_shows_a_password(qtbot: Any, tmp_path: Path) -> None:
    export = bitwarden_csv(tmp_path / "bitwarden_export.csv")
    opened: list[Path] = []
    page = make_page(qtbot, choose_export=lambda: [export], open_folder=opened.append)
    changes: list[None] = []
    page.changed.connect(lambda: changes.append(None))
    with qtbot.waitSignal(page.worker.finished, timeout=10000):
        page.import_button.click()
    assert [page.table.item(r, 0).text() for r in range(page.table.rowCount())] == OFFICIAL_SITES
    assert page.warning.isVisible() and str(export) in page.warning_text.text()
    page.show_export_button.click()
    assert opened == [tmp_path]
    assert changes
    text = _all_text(page)
    for password in PASSWORDS:
        assert password not in text
    assert "alex.officer" not in text


def test_marking_a_row_is_kept_in_the_document(qtbot: Any, tmp_path: Path) -> None:
    page = make_page(qtbot, choose_mail=lambda: mbox(tmp_path / "mail.mbox"))
    with qtbot.waitSignal(page.worker.finished, timeout=10000):
        page.mail_button.click()
    row = next(r for r in range(page.table.rowCount()) if page.table.item(r, 0).text() == "strava.com")
    combo = page.table.cellWidget(row, 2)
    assert isinstance(combo, QComboBox)
    combo.setCurrentIndex(combo.findData(AccountState.MOVED.value))
    assert page.tracker.doc.accounts["strava.com"].state is AccountState.MOVED
    assert not page.warning.isVisible()  # mail is not a password export


def test_close_or_move_opens_the_matching_checklist(qtbot: Any, tmp_path: Path) -> None:
    page = make_page(qtbot, choose_export=lambda: [bitwarden_csv(tmp_path / "bw.csv")])
    with qtbot.waitSignal(page.worker.finished, timeout=10000):
        page.import_button.click()
    opened: list[str] = []
    page.open_platform.connect(opened.append)
    for site, expected in (("strava.com", "strava"), ("plaxo.com", "other-sites"), ("reddit.com", "reddit")):
        row = next(r for r in range(page.table.rowCount()) if page.table.item(r, 0).text() == site)
        page.table.selectRow(row)
        page.steps_button.click()
        assert opened[-1] == expected


def test_a_file_that_is_not_an_export_says_so(qtbot: Any, tmp_path: Path) -> None:
    odd = tmp_path / "holiday.csv"
    odd.write_text("date,place\n2024-01-01,Bali\n")
    page = make_page(qtbot, choose_export=lambda: [odd])
    with qtbot.waitSignal(page.worker.finished, timeout=10000):
        page.import_button.click()
    assert "no known export has" in page.status.text()
    assert page.table.rowCount() == 0 and not page.warning.isVisible()


def test_every_control_is_named(qtbot: Any) -> None:
    page = make_page(qtbot)
    unnamed = [w for w in page.findChildren(QAbstractButton) if not (w.accessibleName() or w.text()) and not w.objectName().startswith("qt_")]
    assert unnamed == []
    assert all(isinstance(label.text(), str) for label in page.findChildren(QLabel))
