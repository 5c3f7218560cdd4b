"""What the person sees when files are bad, and the settings that move or delete their data."""

from __future__ import annotations

import json
import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QPushButton

from socially_aware.progress import keys as keys_module
from socially_aware.progress.envelope import MAGIC
from socially_aware.progress.keys import SCRYPT_N, SCRYPT_P, SCRYPT_R
from socially_aware.progress.model import ItemState, ProgressDocument
from socially_aware.progress.store import export_progress, import_progress
from socially_aware.ui.export_passphrase import ExportPassphraseDialog
from socially_aware.ui.main_window import MainWindow
from tests.progress.fakes import FixedKeySource
from tests.ui.conftest import WindowFactory
from tests.ui.dialogs import ScriptedDialogs
from tests.ui.test_first_run import Keyboard

pytestmark = pytest.mark.gui


def _start(window: Any, ids: list[str]) -> None:
    window.welcome.start_button.click()
    window.picker.set_selection(ids, [next(iter(window.picker.surface_boxes))])
    window.picker.done_button.click()


def test_broken_checklist_shows_a_banner_and_the_rest_loads(make_window: WindowFactory, tmp_path: Path) -> None:
    user = tmp_path / "user-checklists"
    user.mkdir()
    (user / "echo.yaml").write_text("schema: 1\nplatform: [\n", encoding="utf-8")
    window = make_window()
    assert window.banner.isVisible()
    text = window.banner.label.text()
    assert "echo.yaml" in text and "line 3" in text
    assert [p.id for p in window.tracker.catalog.platforms] == ["alpha", "bravo", "charlie", "delta"]


def test_tampered_store_is_reported_and_never_overwritten(make_window: WindowFactory, tmp_path: Path) -> None:
    keys = FixedKeySource()
    window = make_window(keys)
    _start(window, ["alpha"])
    window.close()
    store_file = tmp_path / "data" / "progress.sa"
    data = bytearray(store_file.read_bytes())
    data[-5] ^= 0xFF
    store_file.write_bytes(bytes(data))
    again = make_window(keys)
    assert "changed or damaged" in again.banner.label.text()
    again.settings.platforms_button.click()
    again.picker.set_selection(["bravo"], [next(iter(again.picker.surface_boxes))])
    again.picker.done_button.click()  # any change tries to save
    assert "will not be overwritten" in again.banner.label.text()
    assert store_file.read_bytes() == bytes(data)


def test_restore_previous_copy_after_damage(make_window: WindowFactory, tmp_path: Path) -> None:
    keys = FixedKeySource()
    window = make_window(keys, dialogs=ScriptedDialogs(confirm=lambda title, text: True))
    _start(window, ["alpha"])
    window.checklists.open_item(window.tracker.catalog.item("alpha/hide-employer"))
    window.checklists.view.buttons[ItemState.DONE].click()
    window.close()
    (tmp_path / "data" / "progress.sa").write_bytes(b"SAPROG1\n garbage")
    again = make_window(keys, dialogs=ScriptedDialogs(confirm=lambda title, text: True))
    again.settings.restore_button.click()
    assert again.tracker.doc.platforms == ["alpha"]
    assert again.tracker.overall()[0] == 0  # the backup is the state before the last save
    assert not again.banner.isVisible()


# -- export and import: keyboard, real files, the key made off the UI thread ---------------------

PASSPHRASE = "correct horse battery"


class GatedDerive:
    """Stands in for the store's one call to scrypt: records each cost asked for, and when the test
    holds the gate, waits for it (so "while the key is being made" is a state the test controls)."""

    def __init__(self, real: Callable[..., bytes]) -> None:
        self.real = real
        self.costs: list[tuple[int, int, int]] = []
        self.entered = threading.Event()
        self.release = threading.Event()
        self.release.set()

    def hold(self) -> None:
        self.release.clear()

    def __call__(self, passphrase: bytes, salt: bytes, n: int, r: int, p: int) -> bytes:
        self.costs.append((n, r, p))
        self.entered.set()
        if not self.release.wait(timeout=30):  # a failing test must not hang the suite
            raise AssertionError("the test never released the key derivation")
        return self.real(passphrase, salt, n, r, p)


@pytest.fixture
def derive(monkeypatch: pytest.MonkeyPatch) -> GatedDerive:
    gate = GatedDerive(keys_module.derive)
    monkeypatch.setattr(keys_module, "derive", gate)
    return gate


class Confirmations:
    """The confirmation before an import replaces progress: what was asked, and the answer given."""

    def __init__(self, answer: bool = True) -> None:
        self.answer = answer
        self.asked: list[str] = []

    def __call__(self, title: str, text: str) -> bool:
        self.asked.append(text)
        return self.answer


def _window_for(make_window: WindowFactory, target: Path, confirm: Confirmations, keys: Any = None) -> MainWindow:
    return make_window(keys, dialogs=ScriptedDialogs(open_file=target, save_file=target, confirm=confirm))


def _press(qtbot: Any, window: MainWindow, button: QPushButton) -> ExportPassphraseDialog:
    """Ctrl+5 to Settings, Tab to `button`, Enter: the passphrase dialog opens with the cursor in it."""
    keyboard = Keyboard(qtbot)
    keyboard.press(Qt.Key.Key_5, Qt.KeyboardModifier.ControlModifier)
    assert window.stack.currentWidget() is window.settings
    keyboard.tab_to(lambda w: w is button)
    keyboard.press(Qt.Key.Key_Return)
    dialog = window.settings.passphrase_dialog
    assert dialog is not None
    qtbot.waitUntil(lambda: dialog.isVisible() and QApplication.focusWidget() is dialog.first)
    return dialog


def _type(qtbot: Any, *texts: str) -> None:
    """Type into the focused field, Tab, type into the next: no Enter yet."""
    for index, text in enumerate(texts):
        if index:
            Keyboard(qtbot).press(Qt.Key.Key_Tab)
        qtbot.keyClicks(QApplication.focusWidget(), text)


def _enter_and_wait(qtbot: Any, window: MainWindow) -> None:
    with qtbot.waitSignal(window.settings.worker.finished, timeout=20000):
        Keyboard(qtbot).press(Qt.Key.Key_Return)
    _window_manager_activates(qtbot, window)


def _window_manager_activates(qtbot: Any, window: MainWindow) -> None:
    """The offscreen platform has no window manager to give the window back the keyboard when a dialog
    closes; do what one does, so the next key goes where a person's would."""
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)


def _export(qtbot: Any, window: MainWindow, passphrase: str = PASSPHRASE) -> None:
    _press(qtbot, window, window.settings.export_button)
    _type(qtbot, passphrase, passphrase)
    _enter_and_wait(qtbot, window)


def _import(qtbot: Any, window: MainWindow, passphrase: str = PASSPHRASE) -> None:
    _press(qtbot, window, window.settings.import_button)
    _type(qtbot, passphrase)
    _enter_and_wait(qtbot, window)


def _idle(window: MainWindow) -> bool:
    page = window.settings
    buttons = (page.export_button, page.import_button, page.restore_button, page.delete_button)
    return not page.worker.busy() and not page.busy.isVisible() and all(b.isEnabled() for b in buttons)


def _an_export(path: Path, platforms: list[str]) -> Path:
    export_progress(ProgressDocument(welcomed=True, platforms=platforms), path, PASSPHRASE)
    return path


def test_export_then_import_on_another_computer(
    qtbot: Any, make_window: WindowFactory, tmp_path: Path, derive: GatedDerive
) -> None:
    target = tmp_path / "moving" / "progress.saexport"
    target.parent.mkdir()
    window = _window_for(make_window, target, Confirmations())
    _start(window, ["alpha", "bravo"])
    window.checklists.open_item(window.tracker.catalog.item("bravo/hide-employer"))
    window.checklists.view.buttons[ItemState.DONE].click()
    _export(qtbot, window)
    assert target.exists() and b"bravo" not in target.read_bytes()
    assert "Exported to" in window.banner.label.text()
    assert _idle(window)
    qtbot.waitUntil(lambda: QApplication.focusWidget() is window.settings.export_button)  # Enter exports again
    assert derive.costs == [(SCRYPT_N, SCRYPT_R, SCRYPT_P)]  # the real scrypt ran, once, at the cost we write
    window.close()

    confirm = Confirmations()
    other = _window_for(make_window, target, confirm, FixedKeySource(b"o" * 32))
    _start(other, ["delta"])
    _import(qtbot, other)
    assert confirm.asked == ["Replace the progress on this computer with the imported file?"]
    assert other.tracker.doc.platforms == ["alpha", "bravo"]
    assert other.tracker.overall() == (1, 4)
    assert "Imported your progress" in other.banner.label.text()
    assert _idle(other)
    other.close()  # saved through the store's own path: a restart shows the imported progress
    again = make_window(FixedKeySource(b"o" * 32))
    assert again.tracker.doc.platforms == ["alpha", "bravo"] and again.tracker.overall() == (1, 4)


def test_wrong_passphrase_on_import_says_so_and_changes_nothing(
    qtbot: Any, make_window: WindowFactory, tmp_path: Path
) -> None:
    target = _an_export(tmp_path / "p.saexport", ["bravo"])
    confirm = Confirmations()
    window = _window_for(make_window, target, confirm)
    _start(window, ["alpha"])
    before, stored = window.tracker.doc.to_dict(), (tmp_path / "data" / "progress.sa").read_bytes()
    _press(qtbot, window, window.settings.import_button)
    for tries, wrong in enumerate(("correct horse batterY", "correct horse battery ", "x"), start=1):
        _type(qtbot, wrong)
        _enter_and_wait(qtbot, window)
        # Asked again in place: the same question, why, and how many tries; the field empty and focused.
        dialog = window.settings.passphrase_dialog
        assert dialog is not None
        qtbot.waitUntil(dialog.isVisible)
        dialog.activateWindow()  # what a window manager does for a new modal dialog (offscreen has none)
        qtbot.waitUntil(lambda d=dialog: QApplication.focusWidget() is d.first)
        assert dialog.problem.text().startswith("That passphrase does not open this file.")
        assert dialog.problem.text().endswith(f"Tried {tries} time{'s' if tries > 1 else ''}.")
        assert dialog.first.text() == ""
        assert confirm.asked == []
        assert window.tracker.doc.to_dict() == before
        assert (tmp_path / "data" / "progress.sa").read_bytes() == stored
    _type(qtbot, PASSPHRASE)  # the way forward: the right passphrase, in the same place
    _enter_and_wait(qtbot, window)
    assert window.tracker.doc.platforms == ["bravo"]
    assert window.settings.passphrase_dialog is None


def test_cancel_after_a_wrong_import_passphrase_changes_nothing(
    qtbot: Any, make_window: WindowFactory, tmp_path: Path
) -> None:
    target = _an_export(tmp_path / "p.saexport", ["bravo"])
    window = _window_for(make_window, target, Confirmations())
    _start(window, ["alpha"])
    _press(qtbot, window, window.settings.import_button)
    _type(qtbot, "not it")
    _enter_and_wait(qtbot, window)
    dialog = window.settings.passphrase_dialog
    assert dialog is not None
    qtbot.waitUntil(dialog.isVisible)
    dialog.activateWindow()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is dialog.first)
    Keyboard(qtbot).press(Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: window.settings.passphrase_dialog is None)
    assert window.tracker.doc.platforms == ["alpha"]


def test_declining_the_import_changes_nothing(qtbot: Any, make_window: WindowFactory, tmp_path: Path) -> None:
    target = _an_export(tmp_path / "p.saexport", ["bravo"])
    confirm = Confirmations(answer=False)
    window = _window_for(make_window, target, confirm)
    _start(window, ["alpha"])
    before = window.tracker.doc.to_dict()
    _import(qtbot, window)
    assert len(confirm.asked) == 1
    assert window.tracker.doc.to_dict() == before
    assert "Nothing was imported" in window.banner.label.text()


def _header_span(blob: bytes) -> tuple[int, int]:
    start = len(MAGIC) + 2
    return start, start + int.from_bytes(blob[len(MAGIC) : start], "big")


def _with_costs(blob: bytes, **costs: Any) -> bytes:
    start, end = _header_span(blob)
    header = json.loads(blob[start:end])
    header.update(costs)
    raw = json.dumps(header, separators=(",", ":")).encode()
    return blob[: len(MAGIC)] + len(raw).to_bytes(2, "big") + raw + blob[end:]


HOSTILE_EXPORTS: dict[str, Callable[[bytes], bytes]] = {
    # absurd scrypt settings: refused before any key is made
    "n=2^20, r=32 (4 GiB)": lambda blob: _with_costs(blob, n=2**20, r=32),
    "n=2^31": lambda blob: _with_costs(blob, n=2**31),
    "n=2^22, p=4": lambda blob: _with_costs(blob, n=2**22, p=4),
    "r=2^20": lambda blob: _with_costs(blob, r=2**20),
    "p=16": lambda blob: _with_costs(blob, p=16),
    "n not a power of two": lambda blob: _with_costs(blob, n=2**15 + 1),
    "n as text": lambda blob: _with_costs(blob, n="1048576"),
    # other damage: the same message
    "cut short": lambda blob: blob[: len(blob) // 2],
    "a byte changed": lambda blob: blob[:-3] + bytes([blob[-3] ^ 0x40]) + blob[-2:],
    "not ours": lambda blob: b"PK\x03\x04" + blob[4:],
}


@pytest.mark.parametrize("damage", HOSTILE_EXPORTS)
def test_a_damaged_or_crafted_export_is_refused_as_damaged(
    qtbot: Any, make_window: WindowFactory, tmp_path: Path, damage: str
) -> None:
    target = tmp_path / "crafted.saexport"
    target.write_bytes(HOSTILE_EXPORTS[damage](_an_export(tmp_path / "real.saexport", ["bravo"]).read_bytes()))
    confirm = Confirmations()
    window = _window_for(make_window, target, confirm)
    _start(window, ["alpha"])
    before = window.tracker.doc.to_dict()
    spy = GatedDerive(keys_module.derive)
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(keys_module, "derive", spy)
        _import(qtbot, window)
    assert "damaged" in window.banner.label.text()
    assert window.tracker.doc.to_dict() == before and confirm.asked == []
    assert _idle(window)
    if damage not in ("cut short", "a byte changed", "not ours"):
        assert spy.costs == []  # refused before any derivation: no cost at all, let alone 4 GiB


@pytest.mark.parametrize("action", ["export", "import"])
def test_the_window_answers_while_the_key_is_made(
    qtbot: Any, make_window: WindowFactory, tmp_path: Path, derive: GatedDerive, action: str
) -> None:
    target = tmp_path / "p.saexport"
    if action == "import":
        _an_export(target, ["bravo"])
    confirm = Confirmations()
    window = _window_for(make_window, target, confirm)
    _start(window, ["alpha"])
    page = window.settings
    derive.hold()
    derive.entered.clear()
    button = page.export_button if action == "export" else page.import_button
    _press(qtbot, window, button)
    _type(qtbot, *([PASSPHRASE, PASSPHRASE] if action == "export" else [PASSPHRASE]))
    Keyboard(qtbot).press(Qt.Key.Key_Return)
    qtbot.waitUntil(derive.entered.is_set)  # the worker is inside scrypt, and stays there until released
    _window_manager_activates(qtbot, window)

    # What a person sees meanwhile: a busy bar and words, and the buttons that rewrite progress waiting.
    assert page.busy.isVisible() and page.busy_label.isVisible()
    assert "making a key from your passphrase" in page.busy_label.text()
    assert not any(
        b.isEnabled() for b in (page.export_button, page.import_button, page.restore_button, page.delete_button)
    )
    # The UI thread goes on: an event posted to it is handled, and the keyboard moves between pages.
    handled: list[str] = []
    QTimer.singleShot(0, lambda: handled.append("posted"))
    qtbot.waitUntil(lambda: handled == ["posted"])
    Keyboard(qtbot).press(Qt.Key.Key_2, Qt.KeyboardModifier.ControlModifier)
    assert window.stack.currentWidget() is window.checklists
    window.checklists.open_item(window.tracker.catalog.item("alpha/hide-employer"))
    window.checklists.view.buttons[ItemState.DONE].click()  # work goes on; the export holds the earlier state
    assert window.tracker.overall() == (1, 2)
    Keyboard(qtbot).press(Qt.Key.Key_5, Qt.KeyboardModifier.ControlModifier)
    assert window.stack.currentWidget() is page
    assert page.worker.busy() and not derive.release.is_set()  # all of that happened during the derivation
    assert confirm.asked == []

    with qtbot.waitSignal(page.worker.finished, timeout=20000):
        derive.release.set()
    _window_manager_activates(qtbot, window)
    assert _idle(window)
    if action == "export":
        assert "Exported to" in window.banner.label.text()
        exported = import_progress(target, PASSPHRASE)
        assert exported.platforms == ["alpha"] and not exported.items  # as it was when Export was pressed
    else:
        assert len(confirm.asked) == 1 and window.tracker.doc.platforms == ["bravo"]


@pytest.mark.parametrize("action", ["export", "import"])
def test_closing_the_window_while_the_key_is_made(
    qtbot: Any, make_window: WindowFactory, tmp_path: Path, derive: GatedDerive, action: str
) -> None:
    target = tmp_path / "p.saexport"
    if action == "import":
        _an_export(target, ["bravo"])
    confirm = Confirmations()
    keys = FixedKeySource()
    window = _window_for(make_window, target, confirm, keys)
    _start(window, ["alpha"])
    page = window.settings
    derive.hold()
    derive.entered.clear()
    _press(qtbot, window, page.export_button if action == "export" else page.import_button)
    _type(qtbot, *([PASSPHRASE, PASSPHRASE] if action == "export" else [PASSPHRASE]))
    Keyboard(qtbot).press(Qt.Key.Key_Return)
    qtbot.waitUntil(derive.entered.is_set)
    waits: list[bool] = []
    wait = page.worker.wait

    def release_then_wait() -> None:
        waits.append(page.worker.busy())  # still inside scrypt when the window starts closing
        derive.release.set()
        wait()

    page.worker.wait = release_then_wait  # type: ignore[method-assign]
    delivered: list[object] = []
    page.worker.finished.connect(lambda result, error: delivered.append(error))
    window.close()
    assert waits[0] is True
    if action == "export":
        assert import_progress(target, PASSPHRASE).platforms == ["alpha"]  # the file was finished, whole
    qtbot.waitUntil(lambda: delivered == [None])  # the worker's result arrives after closing: it must be ignored
    assert confirm.asked == []
    assert make_window(keys).tracker.doc.platforms == ["alpha"]


def test_the_passphrase_dialog_checks_before_any_key_is_made(
    qtbot: Any, make_window: WindowFactory, tmp_path: Path, derive: GatedDerive
) -> None:
    target = tmp_path / "p.saexport"
    window = _window_for(make_window, target, Confirmations())
    _start(window, ["alpha"])
    dialog = _press(qtbot, window, window.settings.export_button)
    keyboard = Keyboard(qtbot)
    for first, second, problem in [
        ("", "", "Type the passphrase first."),
        ("short", "short", "Use at least 8 characters."),
        ("a long passphrase", "a long passphrasE", "The two passphrases are different. Type them again."),
    ]:
        dialog.first.clear()
        dialog.second.clear()
        dialog.first.setFocus()
        _type(qtbot, *[t for t in (first, second) if t])
        keyboard.press(Qt.Key.Key_Return)
        assert dialog.isVisible() and dialog.problem.text() == problem
    keyboard.press(Qt.Key.Key_Escape)
    assert window.settings.passphrase_dialog is None  # closed (and deleted once the event loop runs)
    assert not target.exists() and derive.costs == [] and not window.settings.worker.busy()
    assert "Exported" not in window.banner.label.text()


def test_delete_all_data_needs_confirmation_and_really_deletes(make_window: WindowFactory, tmp_path: Path) -> None:
    answers = iter([False, True])
    keys = FixedKeySource()
    window = make_window(keys, dialogs=ScriptedDialogs(confirm=lambda title, text: next(answers)))
    _start(window, ["alpha"])
    data = tmp_path / "data"
    assert (data / "progress.sa").exists()
    window.settings.delete_button.click()
    assert (data / "progress.sa").exists()
    window.settings.delete_button.click()
    assert not data.exists()
    assert keys.forgotten
    assert window.stack.currentWidget() is window.welcome


def test_a_due_review_shows_and_can_be_started(qtbot: Any, qapp: Any, locations: Any) -> None:
    from datetime import date

    from PySide6.QtWidgets import QPushButton

    from socially_aware.app import build_window

    keys = FixedKeySource()
    first = build_window(locations, keys, today=lambda: date(2026, 1, 10))
    qtbot.addWidget(first)
    _start(first, ["alpha"])
    for item in first.tracker.catalog.platform("alpha").items:
        first.tracker.mark(item, ItemState.DONE)
    first.close()  # saves what the Tracker reported
    later = build_window(locations, keys, today=lambda: date(2026, 4, 10))
    qtbot.addWidget(later)
    assert [p.id for p in later.tracker.due_for_review()] == ["alpha"]
    later.show_section(0)
    button = next(b for b in later.overview.findChildren(QPushButton) if b.text() == "Review again")
    button.click()
    assert later.tracker.overall() == (0, 2)
    assert later.stack.currentWidget() is later.checklists


def test_welcome_brings_progress_from_another_computer_before_onboarding(
    qtbot: Any, make_window: WindowFactory, tmp_path: Path
) -> None:
    target = _an_export(tmp_path / "from-the-old-laptop.saexport", ["bravo", "charlie"])
    confirm = Confirmations()
    window = _window_for(make_window, target, confirm)
    keyboard = Keyboard(qtbot)
    assert window.stack.currentWidget() is window.welcome
    keyboard.tab_to(lambda w: w is window.welcome.import_button)
    keyboard.press(Qt.Key.Key_Return)
    dialog = window.settings.passphrase_dialog
    assert dialog is not None
    qtbot.waitUntil(dialog.isVisible)
    dialog.activateWindow()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is dialog.first)
    _type(qtbot, PASSPHRASE)
    _enter_and_wait(qtbot, window)
    # Straight to the Overview with the platforms from the other computer: no picker, nothing to confirm.
    assert window.stack.currentWidget() is window.overview
    assert [p.id for p in window.tracker.selected_platforms()] == ["bravo", "charlie"]
    assert confirm.asked == []
    assert "Imported your progress" in window.banner.label.text()
