"""Composition root: builds the services and hands them to the window.

`create_app()` builds everything without running it (tests use it); `run()` starts the event loop.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Sequence
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # loaded when first used, not at start (benchmarks/startup.py)
    from socially_aware.photocontent.model import Box, Look, PhotoProgress, PhotoReview, Redaction
    from socially_aware.review.draft import DraftFinding
    from socially_aware.review.model import ReviewReport

from PySide6.QtCore import QEventLoop, QObject, QSocketNotifier, QTimer
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication

from socially_aware import APP_ID, APP_NAME, __version__, accounts, scrubber
from socially_aware.accounts.queries import search_queries
from socially_aware.catalog.loader import load_catalog
from socially_aware.catalog.model import Catalog, Organisation
from socially_aware.catalog.packs import PackError, checklist_folders, installed_pack
from socially_aware.locations import Locations
from socially_aware.progress.errors import StoreError, WrongPassphraseError
from socially_aware.progress.keys import KeySource, PassphraseKeySource, keyring_status
from socially_aware.progress.lock import StoreLock, hand_over, listen_for_handover, take_handover
from socially_aware.progress.model import Appearance, ProgressDocument, StepReport
from socially_aware.progress.opening import OpenedStore, RollbackNotice, key_plan, open_store, store_words
from socially_aware.progress.store import ProgressStore, encode_document, export_progress, import_progress
from socially_aware.progress.tracker import Tracker
from socially_aware.ui.collector import MainThreadCollector
from socially_aware.ui.dialogs import Dialogs
from socially_aware.ui.main_window import MainWindow
from socially_aware.ui.messages import Messages
from socially_aware.ui.photo_shows import ShowsActions
from socially_aware.ui.review_page import ReviewActions
from socially_aware.ui.services import AccountActions, ChecklistUpdates, PhotoActions, StoreActions
from socially_aware.ui.startup import Startup
from socially_aware.ui.style import apply_style, dark_for


class StoreOpener:
    """What the start-up dialogs (`ui/startup.py`) do to the store; see `ui.startup.Opener`."""

    def __init__(self, locations: Locations, keys: KeySource | None = None, **window_options: Any) -> None:
        self.locations = locations
        self.folder = locations.data_dir
        self.window_options = window_options
        self.keys = keys
        self.passphrase_reason: str | None = None
        self.creating = False
        if keys is None:
            self.keys, self.passphrase_reason, self.creating = key_plan(self.folder)
        self.opened: OpenedStore | None = None

    def unlock(self, passphrase: str | None) -> None:
        keys = self.keys if passphrase is None else PassphraseKeySource(passphrase)
        assert keys is not None
        if isinstance(keys, PassphraseKeySource) and not ProgressStore(self.folder, keys).exists():
            keys.prepare()  # make the key now, off the UI thread, not at the first save
        self.opened = open_store(self.folder, keys)
        self.keys = keys

    def forget(self) -> None:
        ProgressStore(self.folder, PassphraseKeySource("not needed to delete")).delete_all()
        self.creating = True

    def rollback(self) -> RollbackNotice | None:
        error = self.opened.rollback if self.opened else None
        return None if error is None else RollbackNotice(error.message, error.hint, error.older is not None)

    def resolve_rollback(self, choice: str) -> None:
        assert self.opened is not None
        self.opened.store.accept_older()
        if choice != "older":
            self.opened.doc = ProgressDocument()
        self.opened.rollback = None

    def window(self) -> MainWindow:
        assert self.keys is not None and self.opened is not None
        return build_window(self.locations, self.keys, opened=self.opened, **self.window_options)


def _protection_text(keys: KeySource) -> str:
    if keys.kind == "keyring":
        return "Encrypted (AES-256-GCM). " + keyring_status()[1]
    return "Encrypted (AES-256-GCM) with a key made from your passphrase (scrypt). The passphrase is never stored."


SAVE_DELAY_MS = 400
"""Marks and notes come in bursts; one write after the burst, and always one on close."""


class ProgressSaver(QObject):
    """The one place that writes progress: the Tracker reports a change, this saves it a moment later.

    It remembers the bytes it last wrote, so a flush with nothing new writes nothing (the previous copy
    kept by the store stays the state before the last real change); the document is serialised once
    per save, and those bytes are what the store seals.
    """

    def __init__(
        self,
        store: ProgressStore,
        written: ProgressDocument,
        current: Callable[[], ProgressDocument],
        report_error: Callable[[str], None],
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._store = store
        self._current = current
        self._written = encode_document(written)
        self._report_error = report_error
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(SAVE_DELAY_MS)
        self._timer.timeout.connect(self.flush)

    def changed(self) -> None:
        """A Tracker listener: save when this burst of changes is over."""
        self._timer.start()

    def flush(self) -> None:
        self._timer.stop()
        doc = self._current()
        encoded = encode_document(doc)
        if encoded == self._written:
            return
        try:
            self._store.save(doc, encoded)
        except StoreError as error:
            self._report_error(store_words(error))
            return
        self._written = encoded

    def written(self, doc: ProgressDocument) -> None:
        """`doc` is on disk already (replaced by the person, or deleted and empty)."""
        self._written = encode_document(doc)


def _preview_png(path: Path, longest_side: int) -> bytes | None:
    """The preview loads Pillow: only when a photo is first shown, not at start (benchmarks/startup.py)."""
    from socially_aware.scrubber.preview import preview_png

    return preview_png(path, longest_side)


def build_window(
    locations: Locations,
    keys: KeySource,
    today: Callable[[], date] = date.today,
    opened: OpenedStore | None = None,
    theme: Appearance | None = None,
    **window_options: object,
) -> MainWindow:
    """`theme` from the command line wins for this run; otherwise the one saved in Settings."""
    catalog = load_catalog(*checklist_folders(locations.checklist_dirs, locations.packs_dir))
    if opened is None:
        try:
            opened = open_store(locations.data_dir, keys)
        except WrongPassphraseError as error:
            opened = OpenedStore(
                ProgressStore(locations.data_dir, keys), ProgressDocument(welcomed=True), store_words(error)
            )
    store, doc, store_error = opened.store, opened.doc, opened.problem
    if opened.rollback is not None:  # not asked at start (tests, tools): say so, and write nothing over it
        store_error = store_words(opened.rollback)
    dialogs = window_options.pop("dialogs", None)
    messages = Messages(dialogs if isinstance(dialogs, Dialogs) else None)
    saver = ProgressSaver(store, doc, lambda: tracker.doc, messages.error)
    tracker = Tracker(catalog, doc, today=today, listeners=(saver.changed,))
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
        save_now=saver.flush,
        export=export_progress,
        import_=import_progress,
        delete_all=delete_all,
        restore_backup=restore_backup,
        replace=replace,
        data_location=store.path.parent,
        protection=_protection_text(keys),
        error_type=StoreError,
        new_passphrase=keys.start_over if isinstance(keys, PassphraseKeySource) else None,
    )
    org = catalog.organisation
    account_actions = AccountActions(
        scan=lambda paths: accounts.scan_paths(paths, org.all_email_domains, org.corporate_id_pattern),
        queries=search_queries(org.all_email_domains),
    )
    window = MainWindow(
        tracker,
        actions,
        lambda: _photo_actions(org),  # made with its page, after the first paint: see `_photo_actions`
        account_actions,
        review=lambda: _review_actions(org),
        updates=_checklist_updates(locations, catalog),
        problems=[str(p) for p in catalog.problems],
        store_error=store_error,
        theme_locked=theme is not None,
        messages=messages,
        **window_options,  # type: ignore[arg-type]  # options from the command line, checked by MainWindow itself
    )
    saver.setParent(window)
    messages.setParent(window)
    return window


def _photo_actions(org: Organisation) -> PhotoActions:
    """The photo cleaner's services. Its formats' modules load here, when the page is made (after the
    window's first paint); the cleaner's own modules load when first used (attribute look-ups at call time)."""
    from socially_aware.scrubber import registry

    return PhotoActions(
        collect=lambda paths: scrubber.collect_photos(paths),
        inspect=lambda path: scrubber.inspect_file(path),
        summarise=lambda inspections: scrubber.summarise(inspections),
        default_output_dir=lambda paths: scrubber.default_output_dir(paths),
        cleaner=lambda options: scrubber.BatchCleaner(options, jobs=2),
        formats_hint=registry.hint(),
        file_filter=registry.file_dialog_filter(),
        left_out=lambda paths: scrubber.left_out(paths),
        shows=shows_actions(org),
        preview=_preview_png,
    )


def _checklist_updates(locations: Locations, catalog: Catalog) -> ChecklistUpdates:
    """Settings → "Install a checklist update…" (the same service as `checklists install`) and
    "Save step reports…" (the file for the content owners)."""

    def install(path: Path) -> str:
        from socially_aware.catalog.packs import install_here

        return install_here(path, locations.checklist_dirs, locations.packs_dir).info.describe()

    def installed() -> str | None:
        current = installed_pack(locations.packs_dir)
        return current.info.describe() if current else None

    def save_reports(reports: Sequence[StepReport], path: Path) -> None:
        from socially_aware.progress import step_reports

        step_reports.save(path, reports, catalog, __version__, installed() or "the checklists that came with the app")

    return ChecklistUpdates(
        install=install,
        installed=installed,
        error_type=PackError,
        save_reports=save_reports,
        report_error_type=StoreError,
    )


def _review_actions(org: Organisation) -> ReviewActions:
    """The posts review (issue 14); its modules load when first used, the format registry when its page is made."""
    from socially_aware.scrubber import registry

    def review(
        paths: Sequence[Path], progress: Callable[[int, int, int], None], cancelled: Callable[[], bool]
    ) -> ReviewReport:
        from socially_aware.review.service import review_paths

        return review_paths(paths, org, progress, cancelled)

    def check_draft(text: str) -> list[DraftFinding]:
        from socially_aware.review.draft import DraftChecker

        return DraftChecker(org).check(text)

    def check_photo(path: Path) -> list[str]:
        from socially_aware.review.draft import photo_advice

        return photo_advice(path)

    def look_photos(paths: Sequence[Path], progress: PhotoProgress, cancelled: Callable[[], bool]) -> PhotoReview:
        from socially_aware.photocontent.downloads import review_photos

        return review_photos(paths, org, progress, cancelled)

    def why(section_id: str) -> str:
        section = org.section(section_id)
        return f"{section.title}, {section.ref}" if section else section_id

    return ReviewActions(
        review=review,
        check_draft=check_draft,
        check_photo=check_photo,
        why=why,
        photo_suffixes=registry.PHOTO_SUFFIXES,
        photo_filter=registry.photo_dialog_filter(),
        shows=shows_actions(org),
        look_photos=look_photos,
    )


def shows_actions(org: Organisation) -> ShowsActions:
    """What a photo shows and redacting it (issue 17); the models load when the first photo is looked at."""

    def look(path: Path, cancelled: Callable[[], bool]) -> Look:
        from socially_aware.photocontent.look import look_inside

        return look_inside(path, org, cancelled=cancelled)

    def redact(path: Path, boxes: list[Box], out_dir: Path) -> Redaction:
        from socially_aware.photocontent.redact import save_redacted

        return save_redacted(path, boxes, out_dir, org)

    return ShowsActions(look=look, redact=redact)


def create_app(
    argv: list[str],
    locations: Locations | None = None,
    keys: KeySource | None = None,
    theme: Appearance | None = None,
) -> tuple[QApplication, MainWindow | None]:
    app = QApplication.instance() or QApplication(argv)
    assert isinstance(app, QApplication)
    app.setApplicationName(APP_NAME)
    app.setApplicationVersion(__version__)
    app.setDesktopFileName(APP_ID)
    if not hasattr(app, "collector"):
        app.collector = MainThreadCollector(app)  # type: ignore[attr-defined]  # kept on the application so it lives as long as it
    icon = (locations or Locations.default()).assets_dir / "icons" / "socially-aware-256.png"
    if icon.exists():
        app.setWindowIcon(QIcon(str(icon)))
    apply_style(app, dark_for(theme or Appearance.SYSTEM))  # the passphrase prompt comes before the saved choice
    locations = locations or Locations.default()
    startup = Startup(StoreOpener(locations, keys, theme=theme))
    waiting = QEventLoop()
    startup.finished.connect(waiting.quit)
    startup.start()
    if not startup.done:
        waiting.exec()
    window = startup.result
    return app, window if isinstance(window, MainWindow) else None


def run(theme: Appearance | None = None) -> int:
    """Start the window with the options the command line parsed (`cli.build_parser`).

    One window per person: when another start holds the progress folder's lock, that window is asked
    to come to the front and this start ends (`progress/lock.py`, decision record 0009).
    """
    locations = Locations.default()
    if not StoreLock(locations.data_dir).acquire():
        if hand_over(locations.data_dir):
            print(f"{APP_NAME} is already open: its window was brought to the front.", file=sys.stderr)
            return 0
        print(f"{APP_NAME} is already open in another window (it could not be brought to the front).", file=sys.stderr)
        return 1
    app, window = create_app(sys.argv[:1], locations=locations, theme=theme)
    if window is None:
        return 1
    raise_on_second_start(window, locations.data_dir)
    window.show()
    return app.exec()


def raise_on_second_start(window: MainWindow, data_dir: Path) -> QSocketNotifier | None:
    """Bring `window` to the front whenever a second start hands over to it (it holds the lock)."""
    fd = listen_for_handover(data_dir)
    if fd is None:
        return None
    notifier = QSocketNotifier(fd, QSocketNotifier.Type.Read, window)

    def handed_over() -> None:
        if take_handover(fd):
            window.bring_to_front()

    notifier.activated.connect(handed_over)
    window.destroyed.connect(lambda: os.close(fd))
    return notifier
