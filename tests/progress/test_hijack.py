"""Issue 10, class 5: nothing planted beside the store is followed, and the key is never replaced.

Temporary files get unpredictable names and are created with O_EXCL | O_NOFOLLOW; whatever is at
the old predictable names (a symlink, a directory, a FIFO) stays as it was, and so does the file a
symlink points to. A load that fails never makes a new key over an entry a stored file may need.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path

import keyring
import pytest

from socially_aware import atomic_files
from socially_aware.progress.errors import KeyringUnavailableError, StoreError
from socially_aware.progress.keys import ACCOUNT, KeyringKeySource
from socially_aware.progress.model import ProgressDocument
from socially_aware.progress.store import ProgressStore, export_progress
from tests.progress.fakes import FixedKeySource

VICTIM_TEXT = b"the victim's own file\n"


def _plant_symlink(path: Path, victim: Path) -> None:
    path.symlink_to(victim)


def _plant_dangling_symlink(path: Path, victim: Path) -> None:
    path.symlink_to(victim.with_name("not-yet-there"))


def _plant_dir(path: Path, victim: Path) -> None:
    path.mkdir()
    (path / "inside").write_bytes(VICTIM_TEXT)


def _plant_fifo(path: Path, victim: Path) -> None:
    os.mkfifo(path)


PLANTS: dict[str, Callable[[Path, Path], None]] = {
    "symlink": _plant_symlink,
    "dangling symlink": _plant_dangling_symlink,
    "directory": _plant_dir,
    "fifo": _plant_fifo,
}


def _predictable_names(folder: Path) -> list[Path]:
    # The names the earlier version used, for this process and a few others.
    names = [folder / f".progress.sa.{os.getpid()}.tmp", folder / ".progress.sa.bak.tmp"]
    names += [folder / f".progress.sa.{pid}.tmp" for pid in (1, 2, os.getpid() + 1)]
    names += [folder / f".progress.sa.bak.{os.getpid()}.tmp"]
    return names


def _snapshot(path: Path) -> tuple[str, bytes | str | None]:
    if path.is_symlink():
        return "link", os.readlink(path)
    if path.is_dir():
        return "dir", (path / "inside").read_bytes()
    if path.is_fifo():
        return "fifo", None
    return "file", path.read_bytes()


@pytest.mark.parametrize("plant", list(PLANTS))
def test_things_planted_at_the_old_names_are_left_alone(tmp_path: Path, plant: str) -> None:
    folder = tmp_path / "data"
    folder.mkdir()
    victim = tmp_path / "victim.txt"
    victim.write_bytes(VICTIM_TEXT)
    store = ProgressStore(folder, FixedKeySource())
    store.save(ProgressDocument(platforms=["a"]))
    planted = _predictable_names(folder)
    for name in planted:
        PLANTS[plant](name, victim)
    before = {name: _snapshot(name) for name in planted}
    for n in range(3):
        store.save(ProgressDocument(platforms=["a"] * (n + 2)))
    assert victim.read_bytes() == VICTIM_TEXT
    assert {name: _snapshot(name) for name in planted} == before
    assert ProgressStore(folder, FixedKeySource()).load().platforms == ["a"] * 4
    assert not victim.with_name("not-yet-there").exists()


@pytest.mark.parametrize("plant", list(PLANTS))
def test_a_guessed_random_name_is_skipped_not_followed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, plant: str
) -> None:
    # Suppose the attacker guessed the random part: O_EXCL | O_NOFOLLOW still refuses to open it.
    folder = tmp_path / "data"
    folder.mkdir()
    victim = tmp_path / "victim.txt"
    victim.write_bytes(VICTIM_TEXT)
    names = ["guessed", "guessed", "fresh1", "fresh2", "fresh3", "fresh4"]
    guesses = iter(names)
    given: list[str] = []

    def guess() -> str:
        given.append(next(guesses))
        return given[-1]

    monkeypatch.setattr(atomic_files, "random_token", guess)
    for name in (".progress.sa.guessed.tmp", ".progress.sa.bak.guessed.tmp"):
        PLANTS[plant](folder / name, victim)
    store = ProgressStore(folder, FixedKeySource())
    store.save(ProgressDocument(platforms=["a"]))
    store.save(ProgressDocument(platforms=["b"]))
    assert victim.read_bytes() == VICTIM_TEXT
    assert ProgressStore(folder, FixedKeySource()).load().platforms == ["b"]
    assert given[:2] == ["guessed", "guessed"]  # the planted names were the ones tried first


def test_no_free_name_is_a_clear_error_and_the_old_file_stays(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    victim = tmp_path / "victim.txt"
    victim.write_bytes(VICTIM_TEXT)
    store = ProgressStore(tmp_path / "data", FixedKeySource())
    store.save(ProgressDocument(platforms=["a"]))
    before = store.path.read_bytes()
    monkeypatch.setattr(atomic_files, "random_token", lambda: "always")
    (tmp_path / "data" / ".progress.sa.always.tmp").symlink_to(victim)
    with pytest.raises(StoreError):
        store.save(ProgressDocument(platforms=["b"]))
    assert store.path.read_bytes() == before and victim.read_bytes() == VICTIM_TEXT


def test_export_ignores_a_symlink_planted_beside_the_target(tmp_path: Path) -> None:
    victim = tmp_path / "victim.txt"
    victim.write_bytes(VICTIM_TEXT)
    target = tmp_path / "out" / "progress.saexport"
    target.parent.mkdir()
    for name in (f".progress.saexport.{os.getpid()}.tmp", ".progress.saexport.tmp"):
        (target.parent / name).symlink_to(victim)
    export_progress(ProgressDocument(platforms=["a"]), target, "a long passphrase")
    assert victim.read_bytes() == VICTIM_TEXT and target.stat().st_size > 0


@pytest.mark.parametrize("plant", ["fifo", "directory"])
def test_a_fifo_or_directory_in_place_of_the_file_does_not_hang(tmp_path: Path, plant: str) -> None:
    folder = tmp_path / "data"
    folder.mkdir()
    PLANTS[plant](folder / "progress.sa", tmp_path / "victim")
    with pytest.raises(StoreError):
        ProgressStore(folder, FixedKeySource()).load()


def test_leftover_temporary_files_are_removed_with_all_data(tmp_path: Path) -> None:
    folder = tmp_path / "data"
    store = ProgressStore(folder, FixedKeySource())
    store.save(ProgressDocument())
    (folder / ".progress.sa.0123456789abcdef.tmp").write_bytes(b"left by a crash")
    store.delete_all()
    assert not folder.exists()


# -- the keyring entry -------------------------------------------------------------------------------


@pytest.fixture
def keyring_keys(require_real_keyring: None) -> Iterator[KeyringKeySource]:
    source = KeyringKeySource(service=f"socially-aware-test-{uuid.uuid4()}")
    yield source
    source.forget()


def _entry(keys: KeyringKeySource) -> str | None:
    return keyring.get_password(keys.service, ACCOUNT)


@pytest.mark.keyring
def test_first_save_makes_the_key(tmp_path: Path, keyring_keys: KeyringKeySource) -> None:
    store = ProgressStore(tmp_path, keyring_keys)
    assert store.load().platforms == []
    assert _entry(keyring_keys) is None  # loading nothing makes nothing
    store.save(ProgressDocument(platforms=["a"]))
    assert _entry(keyring_keys) is not None


@pytest.mark.keyring
@pytest.mark.parametrize("files", ["both", "main only", "backup only"])
def test_a_missing_entry_is_never_replaced_while_a_file_exists(
    tmp_path: Path, keyring_keys: KeyringKeySource, files: str
) -> None:
    store = ProgressStore(tmp_path, keyring_keys)
    store.save(ProgressDocument(platforms=["a"]))
    store.save(ProgressDocument(platforms=["b"]))
    if files == "main only":
        store.backup_path.unlink()
    elif files == "backup only":
        store.path.unlink()
    keyring.delete_password(keyring_keys.service, ACCOUNT)  # e.g. a keyring reset, another collection
    for _ in range(2):
        reader = ProgressStore(tmp_path, KeyringKeySource(service=keyring_keys.service))
        with pytest.raises(KeyringUnavailableError, match="not in your keyring"):
            reader.load()
        with pytest.raises(StoreError):
            reader.save(ProgressDocument(platforms=["new"]))
        assert _entry(keyring_keys) is None


@pytest.mark.keyring
@pytest.mark.parametrize("glitch", ["None once", "garbage", "short key"])
def test_an_existing_entry_is_never_overwritten_by_a_failed_load(
    tmp_path: Path, keyring_keys: KeyringKeySource, monkeypatch: pytest.MonkeyPatch, glitch: str
) -> None:
    store = ProgressStore(tmp_path, keyring_keys)
    store.save(ProgressDocument(platforms=["a"]))
    if glitch == "None once":
        real_get = keyring.get_password
        calls = iter([None])
        monkeypatch.setattr(keyring, "get_password", lambda s, a: next(calls, None) if a == ACCOUNT else real_get(s, a))
    else:
        keyring.set_password(keyring_keys.service, ACCOUNT, "not base64!" if glitch == "garbage" else "c2hvcnQ=")
    stored_before = _entry(keyring_keys)
    reader = ProgressStore(tmp_path, KeyringKeySource(service=keyring_keys.service))
    with pytest.raises(KeyringUnavailableError):
        reader.load()
    with pytest.raises(StoreError):
        reader.save(ProgressDocument(platforms=["new"]))
    monkeypatch.undo()
    if glitch == "None once":
        # The real entry is still the one that opens the file.
        assert ProgressStore(tmp_path, KeyringKeySource(service=keyring_keys.service)).load().platforms == ["a"]
    else:
        assert _entry(keyring_keys) == stored_before


@pytest.mark.keyring
def test_after_the_key_is_lost_an_explicit_replace_can_save_again(
    tmp_path: Path, keyring_keys: KeyringKeySource
) -> None:
    store = ProgressStore(tmp_path, keyring_keys)
    store.save(ProgressDocument(platforms=["a"]))
    keyring.delete_password(keyring_keys.service, ACCOUNT)
    reader = ProgressStore(tmp_path, KeyringKeySource(service=keyring_keys.service))
    with pytest.raises(KeyringUnavailableError):
        reader.load()
    assert _entry(keyring_keys) is None
    # The person imports an export (or restores) over the file the lost key opened: their choice.
    reader.allow_overwrite()
    reader.save(ProgressDocument(platforms=["imported"]))
    assert _entry(keyring_keys) is not None
    assert ProgressStore(tmp_path, KeyringKeySource(service=keyring_keys.service)).load().platforms == ["imported"]


@pytest.mark.keyring
def test_an_explicit_replace_never_overwrites_an_entry_that_is_there(
    tmp_path: Path, keyring_keys: KeyringKeySource
) -> None:
    store = ProgressStore(tmp_path, keyring_keys)
    store.save(ProgressDocument(platforms=["a"]))
    keyring.set_password(keyring_keys.service, ACCOUNT, "not base64!")
    reader = ProgressStore(tmp_path, KeyringKeySource(service=keyring_keys.service))
    reader.allow_overwrite()
    with pytest.raises(KeyringUnavailableError):
        reader.save(ProgressDocument(platforms=["b"]))
    assert _entry(keyring_keys) == "not base64!"
