"""The encrypted store: round trips, no plain text, tampering, and every way a write can fail."""

from __future__ import annotations

import errno
import os
import uuid
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import keyring
import pytest
from keyring.backends import fail

from socially_aware.progress.errors import (
    KeyringUnavailableError,
    StoreError,
    StoreWriteError,
    TamperedStoreError,
    WrongPassphraseError,
)
from socially_aware.progress.keys import KeyringKeySource, PassphraseKeySource, keyring_status
from socially_aware.progress.migrations import migrate
from socially_aware.progress.model import SCHEMA_VERSION, ItemProgress, ItemState, ProgressDocument
from socially_aware.progress.store import ProgressStore, export_progress, import_progress
from tests.progress.fakes import FixedKeySource

SECRET_NOTE = "my old uniform photo is in the 2019 album"


def sample_doc() -> ProgressDocument:
    doc = ProgressDocument(welcomed=True, platforms=["facebook", "linkedin", "strava"])
    doc.items["facebook/hide-employer"] = ItemProgress(
        ItemState.DONE, datetime(2026, 11, 24, 9, 30, tzinfo=UTC), 2, SECRET_NOTE
    )
    return doc


@pytest.fixture
def keyring_source(require_real_keyring: None) -> Iterator[KeyringKeySource]:
    source = KeyringKeySource(service=f"socially-aware-test-{uuid.uuid4()}")
    yield source
    source.forget()


@pytest.mark.keyring
def test_round_trip_with_the_real_keyring(tmp_path: Path, keyring_source: KeyringKeySource) -> None:
    store = ProgressStore(tmp_path / "data", keyring_source)
    store.save(sample_doc())
    again = ProgressStore(tmp_path / "data", KeyringKeySource(service=keyring_source.service))
    assert again.load().to_dict() == sample_doc().to_dict()
    assert keyring.get_password(keyring_source.service, "progress-key") is not None
    assert again.uses_keyring()


@pytest.mark.keyring
def test_delete_all_removes_files_and_the_keyring_entry(tmp_path: Path, keyring_source: KeyringKeySource) -> None:
    store = ProgressStore(tmp_path / "data", keyring_source)
    store.save(sample_doc())
    store.save(sample_doc())
    store.delete_all()
    assert not (tmp_path / "data").exists()
    assert keyring.get_password(keyring_source.service, "progress-key") is None


def test_file_holds_no_plain_text(tmp_path: Path) -> None:
    store = ProgressStore(tmp_path, FixedKeySource())
    store.save(sample_doc())
    blob = store.path.read_bytes()
    for text in ("facebook", "linkedin", "strava", "hide-employer", "uniform", "welcomed"):
        assert text.encode() not in blob
    assert oct(store.path.stat().st_mode & 0o777) == "0o600"


def test_file_written_with_a_passphrase_round_trips(tmp_path: Path) -> None:
    ProgressStore(tmp_path, PassphraseKeySource("correct horse")).save(sample_doc())
    loaded = ProgressStore(tmp_path, PassphraseKeySource("correct horse")).load()
    assert loaded.items["facebook/hide-employer"].note == SECRET_NOTE


def test_wrong_passphrase_is_named_as_such(tmp_path: Path) -> None:
    ProgressStore(tmp_path, PassphraseKeySource("correct horse")).save(sample_doc())
    with pytest.raises(WrongPassphraseError, match="passphrase does not open"):
        ProgressStore(tmp_path, PassphraseKeySource("battery staple")).load()


def _positions(length: int) -> list[int]:
    # Magic, header length, header, nonce and key check in the header, ciphertext, tag.
    return sorted({0, 5, 8, 9, 12, 40, 80, length // 2, length - 17, length - 16, length - 1})


def test_every_flipped_byte_is_detected_and_the_file_is_left_alone(tmp_path: Path) -> None:
    store = ProgressStore(tmp_path, FixedKeySource())
    store.save(sample_doc())
    original = store.path.read_bytes()
    for position in _positions(len(original)):
        tampered = bytearray(original)
        tampered[position] ^= 0x20
        store.path.write_bytes(bytes(tampered))
        reader = ProgressStore(tmp_path, FixedKeySource())
        with pytest.raises((TamperedStoreError, WrongPassphraseError)):
            reader.load()
        with pytest.raises(StoreError, match="will not be overwritten"):
            reader.save(ProgressDocument())
        assert store.path.read_bytes() == bytes(tampered), position


def test_a_flipped_ciphertext_byte_says_tampered(tmp_path: Path) -> None:
    store = ProgressStore(tmp_path, FixedKeySource())
    store.save(sample_doc())
    data = bytearray(store.path.read_bytes())
    data[-20] ^= 1
    store.path.write_bytes(bytes(data))
    with pytest.raises(TamperedStoreError, match="changed or damaged"):
        ProgressStore(tmp_path, FixedKeySource()).load()


@pytest.mark.parametrize("keep", [0, 5, 9, 40, -1])
def test_truncated_file_is_reported(tmp_path: Path, keep: int) -> None:
    store = ProgressStore(tmp_path, FixedKeySource())
    store.save(sample_doc())
    data = store.path.read_bytes()
    store.path.write_bytes(data[:keep])
    with pytest.raises(TamperedStoreError):
        ProgressStore(tmp_path, FixedKeySource()).load()


def test_backup_keeps_the_previous_good_copy(tmp_path: Path) -> None:
    store = ProgressStore(tmp_path, FixedKeySource())
    first = sample_doc()
    store.save(first)
    second = sample_doc()
    second.platforms.append("tiktok")
    store.save(second)
    store.path.write_bytes(b"garbage")
    reader = ProgressStore(tmp_path, FixedKeySource())
    with pytest.raises(TamperedStoreError):
        reader.load()
    assert reader.load_backup().platforms == first.platforms
    reader.allow_overwrite()
    reader.save(reader.load_backup())
    assert ProgressStore(tmp_path, FixedKeySource()).load().platforms == first.platforms


def test_missing_keyring_backend_gives_a_clear_message(tmp_path: Path) -> None:
    previous = keyring.get_keyring()
    keyring.set_keyring(fail.Keyring())
    try:
        usable, why = keyring_status()
        assert not usable and "No keyring service" in why
        with pytest.raises(KeyringUnavailableError, match="keyring could not be used"):
            ProgressStore(tmp_path, KeyringKeySource(service="sa-test-absent")).save(sample_doc())
        assert not (tmp_path / "progress.sa").exists()
    finally:
        keyring.set_keyring(previous)


def test_read_only_folder_gives_a_clear_message_and_keeps_the_old_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    store = ProgressStore(tmp_path, FixedKeySource())
    store.save(sample_doc())
    before = store.path.read_bytes()
    real_open = os.open

    def read_only(path, flags, *args):  # type: ignore[no-untyped-def]
        if flags & os.O_CREAT:
            raise PermissionError(errno.EROFS, "Read-only file system", str(path))
        return real_open(path, flags, *args)

    monkeypatch.setattr(os, "open", read_only)
    with pytest.raises(StoreWriteError, match="read-only"):
        store.save(ProgressDocument())
    monkeypatch.undo()
    assert store.path.read_bytes() == before
    assert not list(tmp_path.glob(".*.tmp"))


@pytest.mark.skipif(os.geteuid() == 0, reason="root can write to a read-only folder")
def test_really_read_only_folder(tmp_path: Path) -> None:
    store = ProgressStore(tmp_path / "data", FixedKeySource())
    store.save(sample_doc())
    (tmp_path / "data").chmod(0o500)
    try:
        with pytest.raises(StoreWriteError):
            store.save(ProgressDocument())
    finally:
        (tmp_path / "data").chmod(0o700)
    assert store.load().platforms == sample_doc().platforms


def test_disk_full_leaves_the_old_file_and_no_temp_files(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    store = ProgressStore(tmp_path, FixedKeySource())
    store.save(sample_doc())
    before = store.path.read_bytes()

    def full(fd: int, data: object) -> int:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(os, "write", full)
    with pytest.raises(StoreWriteError, match="disk is full"):
        store.save(ProgressDocument())
    monkeypatch.undo()
    assert store.path.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["progress.sa", "progress.sa.bak"]


def test_export_and_import_round_trip(tmp_path: Path) -> None:
    target = tmp_path / "elsewhere" / "progress-export.saexport"
    target.parent.mkdir()
    export_progress(sample_doc(), target, "a long passphrase")
    assert SECRET_NOTE.encode() not in target.read_bytes()
    assert import_progress(target, "a long passphrase").to_dict() == sample_doc().to_dict()
    with pytest.raises(WrongPassphraseError):
        import_progress(target, "wrong")


def test_a_store_file_is_not_accepted_as_an_export(tmp_path: Path) -> None:
    store = ProgressStore(tmp_path, PassphraseKeySource("same"))
    store.save(sample_doc())
    with pytest.raises(TamperedStoreError, match="not a Socially Aware export"):
        import_progress(store.path, "same")


def test_migration_from_version_zero() -> None:
    old = {
        "version": 0,
        "platforms": ["facebook"],
        "done": ["facebook/hide-employer"],
        "saved": "2025-01-01T00:00:00+00:00",
    }
    doc = ProgressDocument.from_dict(migrate(old))
    assert doc.version == SCHEMA_VERSION and doc.platforms == ["facebook"]
    assert doc.items["facebook/hide-employer"].state is ItemState.DONE


def test_a_newer_format_is_refused_not_mangled() -> None:
    with pytest.raises(StoreError, match="newer version"):
        migrate({"version": 99})
