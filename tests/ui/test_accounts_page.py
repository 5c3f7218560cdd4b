"""The work-email accounts page: import (by button and by drag and drop), the inventory, marks kept through the
Tracker, the organisation's own sites left out, "Close or move" landing on the right steps, how to make an export."""

from __future__ import annotations

import contextlib
import csv
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest
from PySide6.QtCore import QMimeData, QPointF, Qt, QUrl
from PySide6.QtGui import QDragEnterEvent, QDropEvent, QKeySequence
from PySide6.QtWidgets import QAbstractButton, QApplication, QLabel, QTableWidget, QWidget

from socially_aware.accounts import scan_paths, search_queries
from socially_aware.catalog.loader import load_catalog
from socially_aware.catalog.model import Theme
from socially_aware.locations import bundled_root
from socially_aware.progress.model import AccountRecord, AccountState, ProgressDocument
from socially_aware.progress.tracker import Tracker
from socially_aware.ui.accounts_page import AccountsPage
from socially_aware.ui.export_howto import DELETE_AFTER, HOW_TOS
from socially_aware.ui.messages import Level, Messages, Notice
from tests.accounts.exports import OFFICIAL_SITES, PASSWORDS, bitwarden_csv, mbox
from tests.ui.dialogs import ScriptedDialogs

pytestmark = pytest.mark.gui
CATALOG = load_catalog([bundled_root() / "checklists"])
ORG = CATALOG.organisation

# Logins on the organisation's own systems (its intranet, its mail, a predecessor's portal) beside real accounts.
WORK_EXPORT_ROWS = [
    ("https://intranet.homeaffairs.gov.au/home", "alex.officer@homeaffairs.gov.au", "Intranet-Pw-1"),
    ("https://homeaffairs.gov.au/login", "alex.officer@homeaffairs.gov.au", "HA-Pw-2"),
    ("https://mail.abf.gov.au/owa", "a.officer@abf.gov.au", "Owa-Pw-3"),
    ("https://portal.immi.gov.au", "alex.officer@immi.gov.au", "Immi-Pw-4"),
    ("https://www.linkedin.com/login", "alex.officer@homeaffairs.gov.au", "LinkedIn-Pw-5"),
    ("https://www.plaxo.com/signin", "a.officer@border.gov.au", "Plaxo-Pw-6"),
    ("https://www.strava.com/login", "a.officer@abf.gov.au", "Strava-Pw-7"),
    ("https://tinder.com", "alex@gmail.com", "Tinder-Pw-8"),
]
WORK_EXPORT_PASSWORDS = [password for _url, _login, password in WORK_EXPORT_ROWS]
OWN_SITES = ("homeaffairs.gov.au", "abf.gov.au", "immi.gov.au")


def work_export(path: Path) -> Path:
    """A Chrome/Edge saved-passwords CSV, as the browser writes it."""
    with path.open("w", newline="", encoding="utf-8") as stream:
        writer = csv.writer(stream)
        writer.writerow(["name", "url", "username", "password", "note"])
        for url, login, password in WORK_EXPORT_ROWS:
            writer.writerow([urlsplit(url).hostname, url, login, password, ""])
    return path


def make_page(
    qtbot: Any, doc: ProgressDocument | None = None, dialogs: ScriptedDialogs | None = None, **kwargs: Any
) -> AccountsPage:
    tracker = Tracker(CATALOG, doc or ProgressDocument(welcomed=True))
    page = AccountsPage(
        tracker,
        lambda paths: scan_paths(paths, ORG.all_email_domains, ORG.corporate_id_pattern),
        search_queries(ORG.all_email_domains),
        messages=Messages(dialogs or ScriptedDialogs()),
        **kwargs,
    )
    qtbot.addWidget(page)
    page.show()
    return page


def sites(page: AccountsPage) -> list[str]:
    return [page.table.item(r, 0).text() for r in range(page.table.rowCount())]


def import_by_button(qtbot: Any, page: AccountsPage) -> None:
    page.import_button.setFocus()
    with qtbot.waitSignal(page.worker.finished, timeout=10000):
        qtbot.keyClick(page.import_button, Qt.Key.Key_Space)


def all_text(root: QWidget) -> str:
    parts = []
    for widget in root.findChildren(QWidget):
        for getter in ("text", "toolTip", "accessibleName", "currentText", "toPlainText"):
            value = getattr(widget, getter, None)
            if callable(value):
                with contextlib.suppress(TypeError):
                    parts.append(str(value()))
        if isinstance(widget, QTableWidget):
            parts.extend(
                widget.item(r, c).text()
                for r in range(widget.rowCount())
                for c in range(widget.columnCount())
                if widget.item(r, c)
            )
    return "\n".join(parts)


def drop(page: AccountsPage, paths: list[Path], onto: QWidget | None = None) -> QDropEvent:
    """As a real drag does: enter (which must be accepted), then drop, onto the page or a widget on it."""
    target = onto or page
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(p)) for p in paths])
    where = QPointF(target.rect().center())
    enter = QDragEnterEvent(  # a QPoint: PySide6 6.11 takes no QPointF here (6.12 converted it)
        where.toPoint(), Qt.DropAction.CopyAction, mime, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier
    )
    QApplication.sendEvent(target, enter)
    assert enter.isAccepted()
    event = QDropEvent(where, Qt.DropAction.CopyAction, mime, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier)
    QApplication.sendEvent(target, event)
    return event


# -- importing ---------------------------------------------------------------------------------
def test_import_lists_sites_warns_to_delete_and_never_shows_a_password(qtbot: Any, tmp_path: Path) -> None:
    export = bitwarden_csv(tmp_path / "bitwarden_export.csv")
    opened: list[Path] = []
    page = make_page(qtbot, dialogs=ScriptedDialogs(open_files=[export]), open_folder=opened.append)
    saves: list[None] = []
    page.tracker.on_change = lambda: saves.append(None)
    import_by_button(qtbot, page)
    assert sites(page) == OFFICIAL_SITES
    assert page.status.text() == "Found 4 sites in 1 file."
    assert page.warning.isVisible() and str(export) in page.warning_text.text()
    page.show_export_button.click()
    assert opened == [tmp_path]
    assert len(saves) == 1  # the Tracker reported the change; the page has no save signal of its own
    assert not hasattr(page, "changed")
    text = all_text(page)
    for password in PASSWORDS:
        assert password not in text
    assert "alex.officer" not in text


def test_importing_again_says_what_is_new(qtbot: Any, tmp_path: Path) -> None:
    export = bitwarden_csv(tmp_path / "bw.csv")
    page = make_page(qtbot, dialogs=ScriptedDialogs(open_files=[export, export]))
    import_by_button(qtbot, page)
    assert page.status.text() == "Found 4 sites in 2 files."
    import_by_button(qtbot, page)
    assert page.status.text() == "Found 4 sites in 2 files. All of them were already on your list."
    assert sites(page) == OFFICIAL_SITES


@pytest.mark.parametrize(
    ("found", "added", "files", "own", "expected"),
    [
        (1, 1, 1, 0, "Found 1 site in 1 file."),
        (1, 0, 1, 0, "Found 1 site in 1 file. It was already on your list."),
        (3, 2, 2, 0, "Found 3 sites in 2 files. 2 new; the other 1 was already on your list."),
        (5, 1, 2, 0, "Found 5 sites in 2 files. 1 new; the other 4 were already on your list."),
        (
            0,
            0,
            1,
            1,
            "Found no sites on a work login in 1 file. Left out 1 site that belongs to {org} itself: "
            "that is not an account to close.",
        ),
        (
            2,
            2,
            1,
            2,
            "Found 2 sites in 1 file. Left out 2 sites that belong to {org} itself: those are not accounts to close.",
        ),
    ],
)
def test_the_import_summary_agrees_with_its_numbers(
    qtbot: Any, found: int, added: int, files: int, own: int, expected: str
) -> None:
    page = make_page(qtbot)
    text = page._summary(found, added, files, own)
    assert text == expected.format(org=ORG.short_name)
    assert "(s)" not in text and " 0 new" not in text


def test_the_organisations_own_domains_and_subdomains_are_never_listed(qtbot: Any, tmp_path: Path) -> None:
    # Left over from an older version that stored them: still not shown as accounts to close.
    stale = {
        site: AccountRecord(site=site, sources=["password manager"]) for site in ("border.gov.au", "webmail.mbc.gov.au")
    }
    page = make_page(
        qtbot,
        ProgressDocument(welcomed=True, accounts=stale),
        dialogs=ScriptedDialogs(open_files=lambda _title: [work_export(tmp_path / "passwords.csv")]),
    )
    import_by_button(qtbot, page)
    assert sites(page) == ["linkedin.com", "plaxo.com", "strava.com"]
    assert page.status.text() == (
        f"Found 3 sites in 1 file. Left out 3 sites that belong to {ORG.short_name} itself: those are not accounts to close."
    )
    for own in (*OWN_SITES, "border.gov.au", "webmail.mbc.gov.au"):
        assert own not in sites(page)
        assert all(r.site != own for r in page.tracker.accounts())
    text = all_text(page)
    for password in WORK_EXPORT_PASSWORDS:
        assert password not in text


@pytest.mark.parametrize(
    "site",
    [
        "homeaffairs.gov.au",
        "intranet.homeaffairs.gov.au",
        "a.b.abf.gov.au",
        "customs.gov.au",
        "IMMI.GOV.AU",
        "mara.gov.au.",
    ],
)
def test_the_tracker_never_keeps_an_organisation_site(site: str) -> None:
    tracker = Tracker(CATALOG, ProgressDocument())

    class Row:
        sources = ("mail",)

    Row.site = site  # type: ignore[attr-defined]
    assert tracker.add_accounts([Row()]) == (0, 0)  # type: ignore[list-item]
    assert tracker.doc.accounts == {}


# The Tracker stores site names only (issue 18): a host is kept under its registrable domain, and
# "gov.au" (a public suffix, no one's site) is not kept at all.
@pytest.mark.parametrize(
    ("site", "listed"),
    [
        ("notborder.gov.au", ["notborder.gov.au"]),
        ("homeaffairs.gov.au.evil.com", ["evil.com"]),
        ("gov.au", []),
        ("border.gov.com", ["gov.com"]),
    ],
)
def test_lookalikes_of_the_organisation_are_still_listed(site: str, listed: list[str]) -> None:
    tracker = Tracker(CATALOG, ProgressDocument())

    class Row:
        sources = ("mail",)

    Row.site = site  # type: ignore[attr-defined]
    assert tracker.add_accounts([Row()]) == (len(listed), len(listed))  # type: ignore[list-item]
    assert [r.site for r in tracker.accounts()] == listed


def test_marking_a_row_goes_through_the_tracker(qtbot: Any, tmp_path: Path) -> None:
    page = make_page(qtbot, dialogs=ScriptedDialogs(open_file=lambda _title: mbox(tmp_path / "mail.mbox")))
    saves: list[None] = []
    page.tracker.on_change = lambda: saves.append(None)
    with qtbot.waitSignal(page.worker.finished, timeout=10000):
        page.mail_button.click()
    row = sites(page).index("strava.com")
    page.table.selectRow(row)
    combo = page.state_choice
    assert page.state_label.text() == "What you did about strava.com:" and page.state_label.buddy() is combo
    combo.setFocus()
    before = len(saves)
    qtbot.keyClick(combo, Qt.Key.Key_Down)  # "Still to do" -> "Moved to a personal email"
    assert page.tracker.doc.accounts["strava.com"].state is AccountState.MOVED
    assert len(saves) == before + 1
    assert page.table.item(row, 2).text() == combo.currentText()  # the table says it too
    assert not page.warning.isVisible()  # mail is not a password export


def test_a_file_that_is_not_an_export_says_so(qtbot: Any, tmp_path: Path) -> None:
    odd = tmp_path / "holiday.csv"
    odd.write_text("date,place\n2024-01-01,Bali\n")
    page = make_page(qtbot, dialogs=ScriptedDialogs(open_files=[odd]))
    import_by_button(qtbot, page)
    assert page.status.text().startswith("holiday.csv: ")
    assert "Found" not in page.status.text()
    assert page.table.rowCount() == 0 and not page.warning.isVisible()


def test_a_read_that_fails_is_an_error_in_the_banner_and_the_buttons_come_back(qtbot: Any, tmp_path: Path) -> None:
    def scan(_paths: list[Path]) -> None:
        raise OSError("the disk went away")

    messages = Messages(ScriptedDialogs(open_files=[tmp_path / "gone.csv"]))
    page = AccountsPage(Tracker(CATALOG, ProgressDocument(welcomed=True)), scan, {}, messages=messages)
    qtbot.addWidget(page)
    page.show()
    import_by_button(qtbot, page)
    assert messages.history[-1] == Notice(Level.ERROR, "Could not read that: the disk went away")
    assert "Reading" not in page.status.text()
    assert page.import_button.isEnabled() and page.table.rowCount() == 0


# -- drag and drop -----------------------------------------------------------------------------
def test_dropping_an_export_on_the_page_finds_its_sites(qtbot: Any, tmp_path: Path) -> None:
    export = bitwarden_csv(tmp_path / "dropped.csv")
    page = make_page(qtbot)
    with qtbot.waitSignal(page.worker.finished, timeout=10000):
        event = drop(page, [export], onto=page.table.viewport())
    assert event.isAccepted()
    assert sites(page) == OFFICIAL_SITES
    assert page.status.text() == "Found 4 sites in 1 file."
    assert page.warning.isVisible()


def test_dropping_a_mail_folder_and_an_export_together(qtbot: Any, tmp_path: Path) -> None:
    folder = tmp_path / "Mail"
    folder.mkdir()
    mbox(folder / "takeout.mbox")
    page = make_page(qtbot)
    with qtbot.waitSignal(page.worker.finished, timeout=10000):
        drop(page, [folder, work_export(tmp_path / "chrome.csv")])
    assert {"linkedin.com", "plaxo.com", "strava.com"} <= set(sites(page))
    assert page.status.text().startswith("Found ") and " in 2 files." in page.status.text()


def test_a_drag_without_files_is_refused(qtbot: Any) -> None:
    page = make_page(qtbot)
    mime = QMimeData()
    mime.setText("https://example.com")
    enter = QDragEnterEvent(
        page.rect().center(),
        Qt.DropAction.CopyAction,
        mime,
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
    )
    enter.ignore()
    QApplication.sendEvent(page, enter)
    assert not enter.isAccepted()


# -- "Close or move" ---------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("site", "expected"),
    [
        ("linkedin.com", "linkedin/official-email"),
        ("strava.com", next(i.key for i in CATALOG.platform("strava").items if i.theme is Theme.OFFICIAL_EMAIL)),  # type: ignore[union-attr]
        ("plaxo.com", "other-sites/close-account"),
        ("samsung.com", "other-sites/close-account"),  # its checklist (Android) has no official-email item
    ],
)
def test_close_or_move_opens_the_official_email_item(qtbot: Any, site: str, expected: str) -> None:
    page = make_page(qtbot, ProgressDocument(welcomed=True, accounts={site: AccountRecord(site=site)}))
    opened: list[str] = []
    page.open_item.connect(opened.append)
    page.table.setFocus()
    qtbot.keyClick(page.table, Qt.Key.Key_Return)
    assert opened == [expected]
    assert CATALOG.item(expected) is not None


# -- how to make an export ---------------------------------------------------------------------
VENDOR_DOMAINS = {
    "Bitwarden": "bitwarden.com",
    "1Password": "1password.com",
    "KeePassXC": "keepassxc.org",
    "LastPass": "lastpass.com",
    "Google Chrome": "google.com",
    "Microsoft Edge": "microsoft.com",
    "Firefox": "mozilla.org",
    "Safari and iCloud Keychain": "apple.com",
}


def test_every_password_manager_and_browser_has_steps_and_its_vendors_help() -> None:
    assert [h.name for h in HOW_TOS] == list(VENDOR_DOMAINS)
    for how in HOW_TOS:
        host = urlsplit(how.help_url).hostname or ""
        assert how.help_url.startswith("https://") and (
            host == VENDOR_DOMAINS[how.name] or host.endswith("." + VENDOR_DOMAINS[how.name])
        )
        assert how.steps and all(step.strip() for step in how.steps)


def test_the_howto_panel_shows_each_vendors_steps_opens_its_help_and_says_to_delete(qtbot: Any) -> None:
    links: list[str] = []
    page = make_page(qtbot, open_link=lambda url: links.append(url) or True)
    assert page.howto.isVisible()  # nothing imported yet: the first thing to learn is how to make an export
    chooser = page.howto.chooser
    chooser.setFocus()
    for index, how in enumerate(HOW_TOS):
        assert chooser.currentIndex() == index
        assert page.howto.steps.text().startswith(f"1. {how.steps[0]}")
        assert page.howto.warning.text() == DELETE_AFTER and page.howto.warning.isVisible()
        page.howto.help_button.setFocus()
        qtbot.keyClick(page.howto.help_button, Qt.Key.Key_Space)
        assert links[-1] == how.help_url
        chooser.setFocus()
        qtbot.keyClick(chooser, Qt.Key.Key_Down)
    page.howto_button.setFocus()
    qtbot.keyClick(page.howto_button, Qt.Key.Key_Space)
    assert not page.howto.isVisible()


def test_the_howto_panel_is_folded_once_there_are_accounts(qtbot: Any) -> None:
    page = make_page(qtbot, ProgressDocument(welcomed=True, accounts={"plaxo.com": AccountRecord(site="plaxo.com")}))
    assert not page.howto.isVisible()
    page.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is page)
    page.import_button.setFocus()
    qtbot.keyClick(page.import_button, Qt.Key.Key_H, Qt.KeyboardModifier.AltModifier)
    qtbot.waitUntil(page.howto.isVisible)  # a mnemonic clicks its button as a short animation


def test_every_control_is_named_and_every_label_is_plain_text(qtbot: Any) -> None:
    page = make_page(qtbot)
    unnamed = [
        w
        for w in page.findChildren(QAbstractButton)
        if not (w.accessibleName() or w.text()) and not w.objectName().startswith("qt_")
    ]
    assert unnamed == []
    assert all(label.textFormat() is Qt.TextFormat.PlainText for label in page.findChildren(QLabel))
    assert QKeySequence.mnemonic(page.howto_button.text()).toString() == "Alt+H"


def test_nothing_imported_yet_is_never_said_above_imported_sites(qtbot: Any) -> None:
    page = make_page(qtbot)
    assert page.status.text() == "Nothing imported yet."

    class Row:
        site = "strava.com"
        sources = ("browser",)

    page.tracker.add_accounts([Row()])  # type: ignore[list-item]  # as Settings → Import brings them
    page.refresh()
    assert page.table.rowCount() == 1
    assert page.status.text() == "1 site on your list from earlier imports."
