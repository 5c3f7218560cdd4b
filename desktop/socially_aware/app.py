"""Composition root: builds the services and hands them to the window.

`create_app()` builds everything without running it (tests use it); `run()` starts the event loop.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from datetime import date
from pathlib import Path

from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication

from socially_aware import APP_ID, APP_NAME, __version__, accounts, scrubber
from socially_aware.accounts.queries import search_queries
from socially_aware.catalog.loader import load_catalog
from socially_aware.catalog.model import Organisation
from socially_aware.locations import Locations
from socially_aware.progress.errors import StoreError
from socially_aware.progress.keys import KeyringKeySource, KeySource, PassphraseKeySource, keyring_status
from socially_aware.progress.model import ProgressDocument
from socially_aware.progress.store import ProgressStore, export_progress, import_progress
from socially_aware.progress.tracker import Tracker
from socially_aware.ui.main_window import MainWindow
from socially_aware.ui.review_page import ReviewActions
from socially_aware.ui.services import AccountActions, PhotoActions, StoreActions
from socially_aware.ui.style import apply_style

AskPassphrase = Callable[[str, bool], str | None]
"""(why, creating a new one) -> passphrase, or None to quit"""


def _dialog_passphrase(reason: str, creating: bool) -> str | None:
    from socially_aware.ui.passphrase import PassphraseDialog

    dialog = PassphraseDialog(reason, creating)
    return dialog.passphrase() if dialog.exec() else None


def choose_keys(store_dir: Path, ask: AskPassphrase) -> KeySource | None:
    """The keyring when there is one (and the file was not locked with a passphrase), else a passphrase."""
    on_disk = ProgressStore(store_dir, PassphraseKeySource("probe")).key_kind_on_disk()
    usable, why = keyring_status()
    if usable and on_disk != "scrypt":
        return KeyringKeySource()
    reason = why if not usable else "Your saved progress was protected with a passphrase."
    passphrase = ask(reason, on_disk is None)
    return PassphraseKeySource(passphrase) if passphrase else None


def _protection_text(keys: KeySource) -> str:
    if keys.kind == "keyring":
        return "Encrypted (AES-256-GCM). " + keyring_status()[1]
    return "Encrypted (AES-256-GCM) with a key made from your passphrase (scrypt). The passphrase is never stored."


def build_window(
    locations: Locations,
    keys: KeySource,
    today: Callable[[], date] = date.today,
    **window_options: object,
) -> MainWindow:
    catalog = load_catalog(locations.checklist_dirs)
    store = ProgressStore(locations.data_dir, keys)
    store_error = None
    try:
        doc = store.load()
    except StoreError as error:
        doc = ProgressDocument(welcomed=True)
        store_error = f"{error.message} {error.hint}".strip()
    tracker = Tracker(catalog, doc, today=today)
    tracker.apply_renames()

    def restore_backup() -> ProgressDocument:
        return store.load_backup()

    def replace(new: ProgressDocument) -> None:
        store.allow_overwrite()
        store.save(new)

    actions = StoreActions(
        save=store.save, export=export_progress, import_=import_progress, delete_all=store.delete_all,
        restore_backup=restore_backup, replace=replace, data_location=store.path.parent,
        protection=_protection_text(keys), error_type=StoreError,
    )
    # Attribute look-ups at call time: the photo and account modules load when first used.
    photos = PhotoActions(
        collect=lambda paths: scrubber.collect_photos(paths),
        inspect=lambda path: scrubber.inspect_file(path),
        summarise=lambda inspections: scrubber.summarise(inspections),
        default_output_dir=lambda paths: scrubber.default_output_dir(paths),
        cleaner=lambda options: scrubber.BatchCleaner(options, jobs=2),
    )
    org = catalog.organisation
    account_actions = AccountActions(
        scan=lambda paths: accounts.scan_paths(paths, org.all_email_domains, org.corporate_id_pattern),
        merge=lambda records, rows: accounts.merge_into(records, rows), queries=search_queries(org.all_email_domains),
    )
    review = _review_actions(org)
    return MainWindow(
        tracker, actions, photos, account_actions, review=review,
        problems=[str(p) for p in catalog.problems], store_error=store_error, **window_options,  # type: ignore[arg-type]
    )


def _review_actions(org: Organisation) -> ReviewActions:
    """The posts review (issue 14); its modules load when first used."""

    def review(paths: object, progress: object, cancelled: object) -> object:
        from socially_aware.review.service import review_paths

        return review_paths(paths, org, progress, cancelled)  # type: ignore[arg-type]

    def check_draft(text: str) -> list:  # type: ignore[type-arg]
        from socially_aware.review.draft import DraftChecker

        return DraftChecker(org).check(text)

    def check_photo(path: Path) -> list[str]:
        from socially_aware.review.draft import photo_advice

        return photo_advice(path)

    def why(section_id: str) -> str:
        section = org.section(section_id)
        return f"{section.title}, {section.ref}" if section else section_id

    return ReviewActions(review=review, check_draft=check_draft, check_photo=check_photo, why=why)  # type: ignore[arg-type]


def create_app(
    argv: list[str],
    locations: Locations | None = None,
    keys: KeySource | None = None,
    ask_passphrase: AskPassphrase = _dialog_passphrase,
    dark: bool | None = None,
) -> tuple[QApplication, MainWindow | None]:
    app = QApplication.instance() or QApplication(argv)
    assert isinstance(app, QApplication)
    app.setApplicationName(APP_NAME)
    app.setApplicationVersion(__version__)
    app.setDesktopFileName(APP_ID)
    icon = (locations or Locations.default()).assets_dir / "icons" / "socially-aware-256.png"
    if icon.exists():
        app.setWindowIcon(QIcon(str(icon)))
    apply_style(app, dark)
    locations = locations or Locations.default()
    keys = keys or choose_keys(locations.data_dir, ask_passphrase)
    if keys is None:
        return app, None
    return app, build_window(locations, keys)


def run(argv: list[str]) -> int:
    dark = True if "--dark" in argv else (False if "--light" in argv else None)
    app, window = create_app([a for a in argv if a not in ("--dark", "--light")], dark=dark)
    if window is None:
        return 1
    window.show()
    return app.exec()


if __name__ == "__main__":
    sys.exit(run(sys.argv))
