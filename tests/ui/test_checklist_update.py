"""Settings → "Install a checklist update…", keyboard first: a good pack is installed and named,
a tampered one is refused in plain words, and the next start uses the installed checklists."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt

from socially_aware.catalog.loader import load_organisation
from socially_aware.catalog.packkeys import make_keys
from socially_aware.catalog.packs import pack_folder
from socially_aware.progress.model import ItemState
from tests.catalog.samples import BUNDLED_ORG, good, write_folder
from tests.ui.conftest import PLATFORMS, WindowFactory
from tests.ui.dialogs import ScriptedDialogs
from tests.ui.keyboard import press, tab_to


def _pack(tmp_path: Path, checklist_dir: Path, revision: int) -> Path:
    private, public = make_keys(tmp_path / "keys")
    (checklist_dir / "deployment.yaml").write_text(f"schema: 1\npack_keys:\n  - {public.read_text().strip()}\n")
    source = write_folder(
        tmp_path / "update", {"alpha": good("alpha", "Alpha").replace("revision: 1", f"revision: {revision}")}
    )
    out = tmp_path / "update.sapack"
    pack_folder(source, private, out, load_organisation(BUNDLED_ORG), version=3)
    return out


def _open_settings(window: Any) -> None:
    window.welcome.start_button.click()
    window.picker.set_selection(list(PLATFORMS), [])
    window.picker.done_button.click()
    window.navigation.setCurrentRow(window.pages.index(window.settings))


def test_install_a_checklist_update_by_keyboard_then_use_it_at_the_next_start(
    qtbot: Any, make_window: WindowFactory, tmp_path: Path, checklist_dir: Path
) -> None:
    pack = _pack(tmp_path, checklist_dir, revision=9)
    chosen: list[Path | None] = [pack]
    window = make_window(dialogs=ScriptedDialogs(open_file=lambda title: chosen[0]))
    _open_settings(window)
    done_before = window.tracker.catalog.platform("alpha").items[0]
    window.tracker.mark(done_before, ItemState.DONE)
    window.store.save_now()
    settings = window.settings
    assert settings.pack_line.text() == "No checklist update from your organisation is installed."
    tab_to(qtbot, settings.install_update_button)
    press(qtbot, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: "Installed:" in window.banner.label.text())
    assert settings.pack_line.text().startswith("Checklists from Department of Home Affairs, version 3, ")
    assert settings.install_update_button.hasFocus()

    window.store.save_now()
    window.close()
    again = make_window()
    assert again.settings.pack_line.text().startswith("Checklists from Department of Home Affairs, version 3, ")
    changed = again.tracker.catalog.platform("alpha").items[0]
    assert changed.revision == 9
    assert again.tracker.is_changed(changed), "done at revision 1, now 9: 'changed — check again'"


def test_a_tampered_update_is_refused_and_nothing_changes(
    qtbot: Any, make_window: WindowFactory, tmp_path: Path, checklist_dir: Path
) -> None:
    pack = _pack(tmp_path, checklist_dir, revision=9)
    data = bytearray(pack.read_bytes())
    data[len(data) // 2] ^= 1
    pack.write_bytes(bytes(data))
    window = make_window(dialogs=ScriptedDialogs(open_file=pack))
    _open_settings(window)
    window.settings.install_update_button.setFocus()
    press(qtbot, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: "Not installed:" in window.banner.label.text())
    assert "not signed by a key your organisation trusts" in window.banner.label.text()
    assert "Your checklists are as they were" in window.banner.label.text()
    assert window.settings.pack_line.text() == "No checklist update from your organisation is installed."
