"""Composition root: builds the services and hands them to the window.

`create_app()` builds everything without running it (tests use it); `run()` starts the event loop.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from datetime import date
from pathlib import Path

from PySide6.QtCore import QObject, QTimer
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication

from socially_aware import APP_ID, APP_NAME, __version__, accounts, scrubber
from socially_aware.accounts.queries import search_queries
from socially_aware.catalog.loader import load_catalog
from socially_aware.locations import Locations
from socially_aware.progress.errors import StoreError
from socially_aware.progress.keys import KeyringKeySource, KeySource, PassphraseKeySource, keyring_status
from socially_aware.progress.model import Appearance, ProgressDocument
from socially_aware.progress.store import ProgressStore, export_progress, import_progress
from socially_aware.progress.tracker import Tracker
from socially_aware.ui.main_window import MainWindow
from socially_aware.ui.services import AccountActions, PhotoActions, StoreActions
from socially_aware.ui.style import apply_style, dark_for

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


SAVE_DELAY_MS = 400
"""Marks and notes come in bursts; one write after the burst, and always one on close."""


class ProgressSaver(QObject):
    """The one place that writes progress: the Tracker reports a change, this saves it a moment later.

    It remembers what it last wrote, so a flush with nothing new writes nothing (the previous copy
    kept by the store stays the state before the last real change).
    """

    def __init__(self, store: ProgressStore, tracker: Tracker, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._store = store
        self._tracker = tracker
        self._written = tracker.doc.to_dict()
        self.report_error: Callable[[str], None] = lambda text: None
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(SAVE_DELAY_MS)
        self._timer.timeout.connect(self.flush)
        tracker.on_change = self._timer.start

    def flush(self) -> None:
        self._timer.stop()
        current = self._tracker.doc.to_dict()
        if current == self._written:
            return
        try:
            self._store.save(self._tracker.doc)
        except StoreError as error:
            self.report_error(f"{error.message} {error.hint}".strip())
            return
        self._written = current

    def written(self, doc: ProgressDocument) -> None:
        """`doc` is on disk already (replaced by the person, or deleted and empty)."""
        self._written = doc.to_dict()


def build_window(
    locations: Locations,
    keys: KeySource,
    today: Callable[[], date] = date.today,
    theme: Appearance | None = None,
    **window_options: object,
) -> MainWindow:
    """`theme` from the command line wins for this run; otherwise the one saved in Settings."""
    catalog = load_catalog(locations.checklist_dirs)
    store = ProgressStore(locations.data_dir, keys)
    store_error = None
    try:
        doc = store.load()
    except StoreError as error:
        doc = ProgressDocument(welcomed=True)
        store_error = f"{error.message} {error.hint}".strip()
    tracker = Tracker(catalog, doc, today=today)
    saver = ProgressSaver(store, tracker)
    tracker.apply_renames()
    app = QApplication.instance()
    if isinstance(app, QApplication):
        apply_style(app, dark_for(theme or tracker.appearance()))

    def restore_backup() -> ProgressDocument:
        return store.load_backup()

    def replace(new: ProgressDocument) -> None:
        store.allow_overwrite()
        store.save(new)
        saver.written(new)

    def delete_all() -> None:
        store.delete_all()
        saver.written(ProgressDocument())

    actions = StoreActions(
        save_now=saver.flush, export=export_progress, import_=import_progress, delete_all=delete_all,
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
    window = MainWindow(
        tracker, actions, photos, account_actions,
        problems=[str(p) for p in catalog.problems], store_error=store_error,
        theme_locked=theme is not None, **window_options,  # type: ignore[arg-type]
    )
    saver.setParent(window)
    saver.report_error = window.banner.show_message
    return window


def create_app(
    argv: list[str],
    locations: Locations | None = None,
    keys: KeySource | None = None,
    ask_passphrase: AskPassphrase = _dialog_passphrase,
    theme: Appearance | None = None,
) -> tuple[QApplication, MainWindow | None]:
    app = QApplication.instance() or QApplication(argv)
    assert isinstance(app, QApplication)
    app.setApplicationName(APP_NAME)
    app.setApplicationVersion(__version__)
    app.setDesktopFileName(APP_ID)
    icon = (locations or Locations.default()).assets_dir / "icons" / "socially-aware-256.png"
    if icon.exists():
        app.setWindowIcon(QIcon(str(icon)))
    apply_style(app, dark_for(theme or Appearance.SYSTEM))  # the passphrase prompt comes before the saved choice
    locations = locations or Locations.default()
    keys = keys or choose_keys(locations.data_dir, ask_passphrase)
    if keys is None:
        return app, None
    return app, build_window(locations, keys, theme=theme)


def run(theme: Appearance | None = None) -> int:
    """Start the window with the options the command line parsed (`cli.build_parser`)."""
    app, window = create_app(sys.argv[:1], theme=theme)
    if window is None:
        return 1
    window.show()
    return app.exec()


if __name__ == "__main__":
    from socially_aware.cli import main

    sys.exit(main(sys.argv[1:]))
