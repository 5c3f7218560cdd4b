"""The archive-kind registry is the one place download kinds are listed; what the window offers and what
the review opens are derived from it."""

from __future__ import annotations

import importlib
import pkgutil
import re
import zipfile
from pathlib import Path
from typing import Any

import pytest

import socially_aware.review
from socially_aware.review import archive_registry, folder_archive, zip_archive
from socially_aware.review.archive import Archive, ArchiveError, ArchiveKind, Member, Stream
from socially_aware.review.archive_registry import ARCHIVE_SUFFIXES, KINDS, dialog_filter, open_archive


def test_each_kind_declares_everything_once() -> None:
    names = [kind.name for kind in KINDS]
    assert len(names) == len(set(names))
    suffixes = [s for kind in KINDS for s in kind.suffixes]
    assert len(suffixes) == len(set(suffixes)), "a suffix belongs to one kind"
    assert all(s.startswith(".") and s == s.lower() for s in suffixes)
    assert set(suffixes) == ARCHIVE_SUFFIXES and ".zip" in ARCHIVE_SUFFIXES


def test_every_module_that_declares_a_kind_is_in_the_registry() -> None:
    declared = []
    for info in pkgutil.iter_modules(socially_aware.review.__path__):
        module = importlib.import_module(f"socially_aware.review.{info.name}")
        if isinstance(getattr(module, "KIND", None), ArchiveKind):
            declared.append(module.KIND)
    assert declared and set(declared) == set(KINDS)


def test_the_review_pages_dialog_filter_is_the_registrys(qtbot: Any) -> None:
    from tests.review.test_review_window import _bare_page
    from tests.ui.dialogs import ScriptedDialogs

    offered: list[str] = []

    class Recording(ScriptedDialogs):
        def open_files(self, parent: Any, title: str, file_filter: str, start: Any = None) -> list[Path]:
            offered.append(file_filter)
            return []

    page = _bare_page(qtbot, lambda *a: pytest.fail("nothing was chosen"), Recording())
    page.open_button.click()
    assert offered == [dialog_filter()]
    first, rest = dialog_filter().split(";;", 1)
    assert set(re.findall(r"\*(\.[\w.]+)", first)) == ARCHIVE_SUFFIXES
    assert rest == "All files (*)"


def test_kinds_are_recognised_by_content_never_by_name(tmp_path: Path) -> None:
    disguised = tmp_path / "download.dat"
    with zipfile.ZipFile(disguised, "w") as out:
        out.writestr("posts.json", "[]")
    archive = open_archive(disguised)
    assert isinstance(archive, zip_archive.ZipArchive) and [m.name for m in archive.members()] == ["posts.json"]
    archive.close()
    assert isinstance(open_archive(tmp_path), folder_archive.FolderArchive)

    pretend = tmp_path / "download.zip"
    pretend.write_text("not a zip at all")
    with pytest.raises(ArchiveError) as refused:
        open_archive(pretend)
    assert str(refused.value).startswith("is not a zip file or a folder")
    with pytest.raises(ArchiveError, match="is not a file or folder that can be read"):
        open_archive(tmp_path / "missing.zip")


class _LinesArchive(Archive):
    """A made-up kind: a text file whose lines are the entries' names, each entry empty."""

    def __init__(self, path: Path) -> None:
        super().__init__(str(path))
        self.lines = path.read_text().splitlines()[1:]

    def members(self) -> list[Member]:
        return [Member(line, 0, 0, key) for key, line in enumerate(self.lines)]

    def _open(self, member: Member) -> Stream:
        import io

        return io.BytesIO(b"")


def test_a_new_kind_is_one_declaration_and_one_registry_line(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    lines = ArchiveKind(
        name="a list of lines",
        suffixes=(".lines",),
        recognises=lambda path, head: head.startswith(b"LINES\n"),
        open=lambda path, head: _LinesArchive(path),
    )
    monkeypatch.setattr(archive_registry, "KINDS", (*KINDS, lines))
    download = tmp_path / "d.lines"
    download.write_bytes(b"LINES\nposts.json\n")
    assert [m.name for m in open_archive(download).members()] == ["posts.json"]
    assert "*.zip *.lines" in archive_registry.dialog_filter()
    other = tmp_path / "other.bin"
    other.write_bytes(b"nothing we read")
    with pytest.raises(ArchiveError, match="is not a zip file, a folder or a list of lines"):
        open_archive(other)
