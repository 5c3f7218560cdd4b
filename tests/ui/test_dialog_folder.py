"""File dialogs start in the last folder used, else Downloads, else home."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QStandardPaths

from socially_aware.ui import dialog_folder


@pytest.fixture(autouse=True)
def clean() -> Iterator[None]:
    dialog_folder.forget()
    yield
    dialog_folder.forget()


def test_downloads_first_else_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    downloads = tmp_path / "Downloads"
    monkeypatch.setattr(QStandardPaths, "writableLocation", staticmethod(lambda location: str(downloads)))
    assert dialog_folder.start_folder() == str(Path.home())  # not there yet
    downloads.mkdir()
    assert dialog_folder.start_folder() == str(downloads)


@pytest.mark.parametrize("chosen", ["a.zip", "sub/b.csv", "folder/"])
def test_the_last_folder_used_comes_next(tmp_path: Path, chosen: str) -> None:
    path = tmp_path / chosen
    path.parent.mkdir(parents=True, exist_ok=True)
    if chosen.endswith("/"):
        path.mkdir(exist_ok=True)
    else:
        path.write_bytes(b"x")
    dialog_folder.remember(path)
    assert dialog_folder.start_folder() == str(path if path.is_dir() else path.parent)


def test_a_folder_since_removed_falls_back(tmp_path: Path) -> None:
    gone = tmp_path / "gone"
    gone.mkdir()
    dialog_folder.remember(gone)
    gone.rmdir()
    assert dialog_folder.start_folder() != str(gone)
