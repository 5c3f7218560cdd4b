"""A passphrase key source never makes a key from an empty passphrase, and after "delete all" saves nothing
until a new passphrase is chosen (the review found progress sealed with b"" after deleting everything)."""

from __future__ import annotations

import base64
import os
from pathlib import Path

import pytest

from socially_aware.progress.errors import NoPassphraseError, WrongPassphraseError
from socially_aware.progress.keys import SALT_BYTES, SCRYPT_N, SCRYPT_P, SCRYPT_R, PassphraseKeySource, derive
from socially_aware.progress.model import ProgressDocument
from socially_aware.progress.store import ProgressStore

OLD, NEW = "the old passphrase", "a brand new passphrase"


def _header() -> dict[str, object]:
    return {
        "salt": base64.b64encode(os.urandom(SALT_BYTES)).decode("ascii"),
        "n": SCRYPT_N,
        "r": SCRYPT_R,
        "p": SCRYPT_P,
    }


def test_derive_refuses_an_empty_passphrase() -> None:
    with pytest.raises(NoPassphraseError):
        derive(b"", os.urandom(SALT_BYTES), SCRYPT_N, SCRYPT_R, SCRYPT_P)


@pytest.mark.parametrize("passphrase", ["", None])
def test_no_source_is_made_from_nothing(passphrase: str | None) -> None:
    with pytest.raises(WrongPassphraseError):
        PassphraseKeySource(passphrase)  # type: ignore[arg-type]  # None: a caller's mistake, refused as well


def test_a_forgotten_passphrase_gives_no_key_not_even_the_cached_one() -> None:
    keys = PassphraseKeySource(OLD)
    header = keys.new_header()
    keys.key_for(header)  # cached now
    keys.forget()
    assert keys.forgotten
    for asked in (header, _header(), keys.new_header()):
        with pytest.raises(NoPassphraseError):
            keys.key_for(asked)


def test_after_delete_all_nothing_is_saved_until_a_new_passphrase(tmp_path: Path) -> None:
    keys = PassphraseKeySource(OLD)
    store = ProgressStore(tmp_path / "data", keys)
    store.save(ProgressDocument(welcomed=True, platforms=["alpha"]))
    store.delete_all()
    with pytest.raises(NoPassphraseError):
        store.save(ProgressDocument(welcomed=True, platforms=["strava"]))
    assert not store.exists() and not list(tmp_path.rglob("*progress*"))

    with pytest.raises(WrongPassphraseError):
        keys.start_over("")
    assert keys.forgotten
    keys.start_over(NEW)
    assert not keys.forgotten
    store.save(ProgressDocument(welcomed=True, platforms=["strava"]))
    assert ProgressStore(tmp_path / "data", PassphraseKeySource(NEW)).load().platforms == ["strava"]
    with pytest.raises(WrongPassphraseError):
        ProgressStore(tmp_path / "data", PassphraseKeySource(OLD)).load()
