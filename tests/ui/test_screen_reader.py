"""A screen reader's tour of the real window: every page and dialog, light and dark, read through Qt's
accessibility interfaces (what Orca hears over AT-SPI); any unnamed control, generic name, markup, `&`,
hidden label text, blank label, control missing from the tree or unnamed scrolling Tab stop fails.

`python -m tests.ui.test_screen_reader` (through the test wrapper) prints the counts per kind and screen.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QDialog, QWidget

from socially_aware.app import build_window
from socially_aware.catalog.model import Surface
from socially_aware.locations import Locations, bundled_root
from socially_aware.progress.model import ProgressDocument
from socially_aware.progress.store import ProgressStore
from socially_aware.ui.export_passphrase import ExportPassphraseDialog
from socially_aware.ui.links import UnopenedLinkDialog
from socially_aware.ui.main_window import MainWindow
from socially_aware.ui.older_progress import OlderProgressDialog
from socially_aware.ui.passphrase import PassphraseDialog
from socially_aware.ui.style import apply_style
from tests.progress.fakes import FixedKeySource
from tests.review import samples
from tests.scrubber.photos import dirty_jpeg
from tests.ui.accessible_tree import Finding, walk
from tests.ui.dialogs import ScriptedDialogs
from tests.ui.test_accounts_page import work_export
from tests.ui.test_photo_page import drop

pytestmark = pytest.mark.gui

MY_PLATFORMS = ["facebook", "linkedin", "strava", "iphone"]


def _window(qtbot: Any, tmp_path: Path) -> MainWindow:
    locations = Locations(
        data_dir=tmp_path / "data",
        checklist_dirs=(bundled_root() / "checklists",),
        assets_dir=bundled_root() / "assets",
    )
    ProgressStore(locations.data_dir, FixedKeySource()).save(ProgressDocument())
    exports = [work_export(tmp_path / "Chrome Passwords.csv")]
    window = build_window(locations, FixedKeySource(), dialogs=ScriptedDialogs(open_files=exports))
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    return window


def _dialog(qtbot: Any, dialog: QDialog) -> QDialog:
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    return dialog


def tour(qtbot: Any, tmp_path: Path) -> Iterator[tuple[str, QWidget]]:
    """Each screen a person can reach, shown in turn, with the window (or dialog) to read."""
    window = _window(qtbot, tmp_path)
    yield "welcome", window
    window.welcome.start_button.click()
    yield "platform picker", window
    window.picker.set_selection(MY_PLATFORMS, [Surface.WEB, Surface.IOS])
    window.picker.done_button.click()
    yield "overview", window
    window.start_session()
    yield "guided item", window
    window.guided.done_button.click()
    yield "guided item after an answer", window
    window.guided.back_button.click()
    yield "guided item, back", window
    while window.stack.currentWidget() is window.guided:
        window.guided.skip_button.click()
    yield "finish screen", window
    window.show_section(1)
    yield "checklists", window
    window.show_section(2)
    photos = tmp_path / "photos"
    photos.mkdir()
    dirty_jpeg(photos / "IMG_0001.jpg")
    drop(window.photos, [photos])
    qtbot.waitUntil(lambda: not window.photos.worker.busy() and window.photos.table.rowCount() > 0, timeout=10000)
    window.photos.table.selectRow(0)
    yield "photo cleaner", window
    window.show_section(3)
    yield "accounts, empty", window
    with qtbot.waitSignal(window.accounts.worker.finished, timeout=10000):
        window.accounts.import_button.click()
    qtbot.waitUntil(lambda: window.accounts.table.rowCount() > 0)
    window.accounts.table.selectRow(0)
    yield "accounts, imported", window
    window.show_section(4)
    yield "settings", window
    window.show_section(5)
    yield "review", window
    download = samples.write_zip(tmp_path / "facebook-download.zip", samples.facebook())
    with qtbot.waitSignal(window.review.review_finished, timeout=20000):
        window.review.review_paths([download])
    window.review.tree.setCurrentItem(window.review.tree.topLevelItem(0).child(0))
    yield "review, a download listed and a finding chosen", window
    window.review.tabs.setCurrentWidget(window.review.draft_tab)
    yield "review, check before you post", window
    window.show_section(1)
    window.checklists.view.details.report_mismatch()
    report = window.checklists.view.details.report_dialog
    assert report is not None
    yield "step report dialog", _dialog(qtbot, report)
    report.accept()
    window.show_section(4)
    yield "settings, a step report to save or clear", window
    yield "unlock dialog", _dialog(qtbot, PassphraseDialog("Type your passphrase.", creating=False, parent=window))
    yield (
        "new passphrase dialog",
        _dialog(qtbot, PassphraseDialog("Choose a passphrase.", creating=True, parent=window)),
    )
    yield "export passphrase dialog", _dialog(qtbot, ExportPassphraseDialog(creating=True, parent=window))
    yield "import passphrase dialog", _dialog(qtbot, ExportPassphraseDialog(creating=False, parent=window))
    yield "link dialog", _dialog(qtbot, UnopenedLinkDialog("https://www.facebook.com/settings", parent=window))
    older = OlderProgressDialog("Your progress is older.", "It may have been copied back.", True, tmp_path, window)
    yield "older progress dialog", _dialog(qtbot, older)


def read_everything(qtbot: Any, tmp_path: Path, dark: bool) -> dict[str, list[Finding]]:
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    apply_style(app, dark=dark)
    return {screen: walk(root) for screen, root in tour(qtbot, tmp_path)}


@pytest.mark.parametrize("dark", [False, True], ids=["light", "dark"])
def test_a_screen_reader_hears_every_control_by_its_purpose_and_every_label(
    qtbot: Any, tmp_path: Path, dark: bool
) -> None:
    heard = read_everything(qtbot, tmp_path, dark)
    assert len(heard) >= 22, "the tour left screens out"
    problems = [f"{screen}: {finding}" for screen, findings in heard.items() for finding in findings]
    assert problems == []


def test_the_walk_finds_what_a_reader_would_miss(qtbot: Any) -> None:
    """The instrument can fail: each kind of problem it looks for, planted once."""
    from PySide6.QtWidgets import QComboBox, QLabel, QPushButton, QScrollArea, QTableWidget, QVBoxLayout

    host = QWidget()
    column = QVBoxLayout(host)
    unnamed = QPushButton()
    column.addWidget(unnamed)
    generic = QLabel("1. Open Settings")
    generic.setTextFormat(Qt.TextFormat.PlainText)
    generic.setAccessibleName("Steps")
    column.addWidget(generic)
    column.addWidget(QLabel(""))
    combo = QComboBox()
    combo.addItems(["Light", "Dark"])
    column.addWidget(combo)
    marked = QPushButton("Open")
    marked.setToolTip("<qt>the page</qt>")
    column.addWidget(marked)
    amp = QPushButton("Save")
    amp.setAccessibleName("&Save")
    column.addWidget(amp)
    scroll = QScrollArea()
    column.addWidget(scroll)
    table = QTableWidget(1, 1)
    table.setAccessibleName("Sites")
    table.setCellWidget(0, 0, QComboBox())
    column.addWidget(table)
    qtbot.addWidget(host)
    host.show()
    qtbot.waitExposed(host)
    kinds = Counter(f.kind for f in walk(host))
    for kind in (
        "unnamed control",
        "generic name",
        "label's text not exposed",
        "drop-down named by its value",
        "markup in description",
        "mnemonic & in name",
        "unnamed scroll area is a Tab stop",
        "control missing from the tree",
        "blank label shown",
    ):
        assert kinds[kind] >= 1, kind


if __name__ == "__main__":  # the counts for the report, without pytest
    import sys
    import tempfile

    class _Bot:
        """Just enough of qtbot for the tour outside pytest."""

        def __init__(self) -> None:
            self.kept: list[QWidget] = []

        def addWidget(self, widget: QWidget) -> None:
            self.kept.append(widget)

        def waitExposed(self, widget: QWidget) -> None:
            QApplication.processEvents()

        def waitUntil(self, check: Any, timeout: int = 5000) -> None:
            import time

            end = time.monotonic() + timeout / 1000
            while not check() and time.monotonic() < end:
                QApplication.processEvents()

        def waitSignal(self, signal: Any, timeout: int = 5000) -> Any:
            import contextlib

            bot = self

            @contextlib.contextmanager
            def waiting() -> Iterator[None]:
                fired: list[bool] = []
                signal.connect(lambda *_: fired.append(True))
                yield
                bot.waitUntil(lambda: bool(fired), timeout)

            return waiting()

    application = QApplication.instance() or QApplication(sys.argv)
    total: Counter[str] = Counter()
    for theme in (False, True):
        with tempfile.TemporaryDirectory() as scratch:
            bot = _Bot()
            for screen, findings in read_everything(bot, Path(scratch), theme).items():
                for finding in findings:
                    total[finding.kind] += 1
                    print(f"{'dark' if theme else 'light'} · {screen}: {finding}")
            for widget in bot.kept:
                widget.close()
    print()
    for kind, number in total.most_common():
        print(f"{number:4d}  {kind}")
    print(f"{sum(total.values()):4d}  in all (light and dark)")
