"""Where there is no keyring the app says why and asks for a passphrase; never plain text."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import keyring
import pytest
from keyring.backends import fail

from socially_aware.app import choose_keys
from socially_aware.progress.keys import PassphraseKeySource
from socially_aware.progress.model import ProgressDocument
from socially_aware.progress.store import ProgressStore
from socially_aware.ui.passphrase import PassphraseDialog

pytestmark = pytest.mark.gui


@pytest.fixture
def no_keyring() -> Any:
    previous = keyring.get_keyring()
    keyring.set_keyring(fail.Keyring())
    yield
    keyring.set_keyring(previous)


def test_no_keyring_asks_for_a_new_passphrase_and_says_why(tmp_path: Path, no_keyring: None) -> None:
    asked: list[tuple[str, bool]] = []
    keys = choose_keys(tmp_path, lambda why, creating: asked.append((why, creating)) or "a good passphrase")
    assert isinstance(keys, PassphraseKeySource)
    assert asked and "No keyring service" in asked[0][0] and asked[0][1] is True


def test_declining_the_passphrase_means_no_store_at_all(tmp_path: Path, no_keyring: None) -> None:
    assert choose_keys(tmp_path, lambda why, creating: None) is None


def test_a_passphrase_file_asks_for_the_passphrase_even_with_a_keyring(tmp_path: Path) -> None:
    ProgressStore(tmp_path, PassphraseKeySource("a good passphrase")).save(ProgressDocument())
    asked: list[bool] = []
    keys = choose_keys(tmp_path, lambda why, creating: asked.append(creating) or "a good passphrase")
    assert isinstance(keys, PassphraseKeySource) and asked == [False]


def test_dialog_insists_on_a_long_enough_matching_passphrase(qtbot: Any) -> None:
    dialog = PassphraseDialog("No keyring here.", creating=True)
    qtbot.addWidget(dialog)
    dialog.first.setText("short")
    dialog._accept()
    assert "at least 8" in dialog.problem.text()
    dialog.first.setText("long enough passphrase")
    dialog.second.setText("something else")
    dialog._accept()
    assert "different" in dialog.problem.text()
    dialog.second.setText("long enough passphrase")
    with qtbot.waitSignal(dialog.accepted):
        dialog._accept()
    assert dialog.passphrase() == "long enough passphrase"
