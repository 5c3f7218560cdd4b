"""Issue 10, class 4: older or missing progress is never shown as current without a word.

With the keyring, the last save's number is kept beside the key, so any older file (a .bak copied
over, an old copy from a backup, a deleted file) is noticed. With a passphrase and no keyring, the
folder is all there is: a file older than its own previous copy, or a missing file with its previous
copy still there, is noticed; the whole folder replaced by an older one is not (documented).
"""

from __future__ import annotations

import os
import shutil
import uuid
from collections.abc import Iterator
from pathlib import Path

import keyring
import pytest

from socially_aware.progress.errors import RollbackError, StoreError, TamperedStoreError
from socially_aware.progress.keys import GENERATION_ACCOUNT, KeyringKeySource, KeySource, PassphraseKeySource
from socially_aware.progress.model import ProgressDocument
from socially_aware.progress.store import ProgressStore, export_progress
from tests.progress.fakes import FixedKeySource

PASSPHRASE = "correct horse battery"


def _doc(*platforms: str) -> ProgressDocument:
    return ProgressDocument(welcomed=True, platforms=list(platforms))


@pytest.fixture
def keyring_keys(require_real_keyring: None) -> Iterator[KeyringKeySource]:
    source = KeyringKeySource(service=f"socially-aware-test-{uuid.uuid4()}")
    yield source
    source.forget()


@pytest.fixture(params=["keyring", "passphrase", "fixed"])
def keys(request: pytest.FixtureRequest) -> KeySource:
    if request.param == "keyring":
        return request.getfixturevalue("keyring_keys")
    if request.param == "fixed":
        return FixedKeySource(remember_generation=True)
    return PassphraseKeySource(PASSPHRASE)


def _three_saves(folder: Path, keys: KeySource) -> ProgressStore:
    store = ProgressStore(folder, keys)
    store.load()
    for platforms in (["facebook"], ["facebook", "strava"], ["facebook", "strava", "x"]):
        store.save(_doc(*platforms))
    return store


def _reader(folder: Path, keys: KeySource) -> ProgressStore:
    if isinstance(keys, PassphraseKeySource):
        return ProgressStore(folder, PassphraseKeySource(PASSPHRASE))
    if isinstance(keys, KeyringKeySource):
        return ProgressStore(folder, KeyringKeySource(service=keys.service))
    return ProgressStore(folder, keys)


def test_normal_saves_and_loads_never_cry_rollback(tmp_path: Path, keys: KeySource) -> None:
    _three_saves(tmp_path, keys)
    expected = ["facebook", "strava", "x"]
    for n in range(3):
        reader = _reader(tmp_path, keys)
        assert reader.load().platforms == expected
        expected = [*expected, f"more{n}"]
        reader.save(_doc(*expected))
        reader.save(_doc(*expected))
    assert _reader(tmp_path, keys).load().platforms == expected


def test_backup_copied_over_the_file_is_noticed(tmp_path: Path, keys: KeySource) -> None:
    store = _three_saves(tmp_path, keys)
    shutil.copyfile(store.backup_path, store.path)
    with pytest.raises(RollbackError, match="older copy") as caught:
        _reader(tmp_path, keys).load()
    assert isinstance(caught.value.older, ProgressDocument)
    assert caught.value.older.platforms == ["facebook", "strava"]
    assert "start over" in caught.value.hint


def test_deleted_file_with_its_backup_left_is_noticed(tmp_path: Path, keys: KeySource) -> None:
    store = _three_saves(tmp_path, keys)
    store.path.unlink()
    with pytest.raises(RollbackError, match="missing") as caught:
        _reader(tmp_path, keys).load()
    assert caught.value.older.platforms == ["facebook", "strava"]


def test_a_rollback_refuses_writes_until_the_person_chooses(tmp_path: Path, keys: KeySource) -> None:
    store = _three_saves(tmp_path, keys)
    shutil.copyfile(store.backup_path, store.path)
    reader = _reader(tmp_path, keys)
    with pytest.raises(RollbackError) as caught:
        reader.load()
    before = store.path.read_bytes()
    with pytest.raises(StoreError, match="will not be overwritten"):
        reader.save(_doc("nothing"))
    assert store.path.read_bytes() == before
    reader.accept_older()
    reader.save(caught.value.older)
    # Accepted: from now on the older progress is the current one, and no alarm repeats.
    assert _reader(tmp_path, keys).load().platforms == ["facebook", "strava"]


@pytest.mark.keyring
@pytest.mark.parametrize("which", [1, 2])
def test_an_older_copy_from_elsewhere_is_noticed_with_the_keyring(
    tmp_path: Path, keyring_keys: KeyringKeySource, which: int
) -> None:
    # E.g. progress.sa from last week's backup of the home folder, put back with no .bak beside it.
    store = ProgressStore(tmp_path, keyring_keys)
    store.load()
    copies = []
    for n in range(4):
        store.save(_doc(*[f"p{i}" for i in range(n + 1)]))
        copies.append(store.path.read_bytes())
    store.backup_path.unlink()
    store.path.write_bytes(copies[which])
    with pytest.raises(RollbackError, match=f"save {which + 1}, the last was save 4"):
        _reader(tmp_path, keyring_keys).load()


@pytest.mark.keyring
def test_everything_deleted_is_noticed_with_the_keyring(tmp_path: Path, keyring_keys: KeyringKeySource) -> None:
    store = _three_saves(tmp_path, keyring_keys)
    store.path.unlink()
    store.backup_path.unlink()
    with pytest.raises(RollbackError, match="deleted or moved") as caught:
        _reader(tmp_path, keyring_keys).load()
    assert caught.value.older is None
    assert keyring.get_password(keyring_keys.service, GENERATION_ACCOUNT) == "3"


@pytest.mark.keyring
def test_delete_all_forgets_the_save_number_too(tmp_path: Path, keyring_keys: KeyringKeySource) -> None:
    store = _three_saves(tmp_path, keyring_keys)
    store.delete_all()
    assert keyring.get_password(keyring_keys.service, GENERATION_ACCOUNT) is None
    assert _reader(tmp_path, keyring_keys).load().platforms == []


def test_an_export_renamed_into_place_is_refused(tmp_path: Path) -> None:
    store = _three_saves(tmp_path, PassphraseKeySource(PASSPHRASE))
    export_progress(_doc("old"), tmp_path / "old.saexport", PASSPHRASE)
    os.replace(tmp_path / "old.saexport", store.path)
    with pytest.raises(TamperedStoreError, match="not a Socially Aware progress file"):
        ProgressStore(tmp_path, PassphraseKeySource(PASSPHRASE)).load()


def test_stopping_between_backup_and_new_file_is_not_a_rollback(tmp_path: Path, keys: KeySource) -> None:
    store = _three_saves(tmp_path, keys)
    # What a crash right after keeping the backup leaves: both names on the same file.
    store.backup_path.unlink()
    os.link(store.path, store.backup_path)
    assert _reader(tmp_path, keys).load().platforms == ["facebook", "strava", "x"]


def test_files_from_before_save_numbers_still_open(tmp_path: Path) -> None:
    from socially_aware.progress import store as store_module

    keys = FixedKeySource()
    store = ProgressStore(tmp_path, keys)
    store.save(_doc("a"))
    store.save(_doc("a", "b"))
    # Rewrite both files as the previous version wrote them: no "generation" in the header.
    for path, doc in ((store.backup_path, _doc("a")), (store.path, _doc("a", "b"))):
        path.unlink()
        path.write_bytes(store_module.seal(store_module.encode_document(doc), keys, "progress"))
    assert ProgressStore(tmp_path, keys).load().platforms == ["a", "b"]


@pytest.mark.keyring
def test_the_save_number_follows_the_file(tmp_path: Path, keyring_keys: KeyringKeySource) -> None:
    _three_saves(tmp_path, keyring_keys)
    assert keyring.get_password(keyring_keys.service, GENERATION_ACCOUNT) == "3"
    # A save whose number did not reach the keyring (stopped in between) is accepted and caught up.
    keyring.set_password(keyring_keys.service, GENERATION_ACCOUNT, "2")
    assert _reader(tmp_path, keyring_keys).load().platforms == ["facebook", "strava", "x"]
    assert keyring.get_password(keyring_keys.service, GENERATION_ACCOUNT) == "3"
