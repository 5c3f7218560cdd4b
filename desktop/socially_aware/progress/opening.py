"""How the progress is opened at start: which key source, and what to tell the person about the file.

Qt-free policy, used by the window's start-up (`app.StoreOpener`) and by anything else that opens the
store: a keyring when there is one and the file was not locked with a passphrase; a damaged file
reported, never overwritten; an older file (rollback) shown to the person before it is used.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import NamedTuple

from socially_aware.progress.errors import RollbackError, StoreError, TamperedStoreError, WrongPassphraseError
from socially_aware.progress.keys import KeyringKeySource, KeySource, PassphraseKeySource, keyring_status
from socially_aware.progress.model import ProgressDocument
from socially_aware.progress.store import ProgressStore


@dataclass
class OpenedStore:
    """The store as opened at start: the document to show, and what the person must hear about."""

    store: ProgressStore
    doc: ProgressDocument
    problem: str | None = None
    """Why the file could not be opened (shown in the window; writes are refused until restored)."""
    rollback: RollbackError | None = None
    """The progress is older than the last save; the person chooses before it is used."""


def store_words(error: StoreError) -> str:
    """A store error as the person reads it: what happened, then what to do."""
    return f"{error.message} {error.hint}".strip()


def open_store(data_dir: Path, keys: KeySource) -> OpenedStore:
    """Load the progress. Raises WrongPassphraseError only for a passphrase that opens none of the
    files (so it can be asked again); every other problem is reported in the result."""
    store = ProgressStore(data_dir, keys)
    try:
        return OpenedStore(store, store.load())
    except RollbackError as error:
        older = error.older if isinstance(error.older, ProgressDocument) else ProgressDocument()
        return OpenedStore(store, older, rollback=error)
    except WrongPassphraseError as error:
        if keys.kind == "scrypt":
            raise
        return OpenedStore(store, ProgressDocument(welcomed=True), problem=store_words(error))
    except TamperedStoreError as error:
        if keys.kind == "scrypt" and store.backup_path.exists():
            # The damaged file could not check the passphrase: the previous copy can. A wrong one is
            # asked again now, so that "Restore the previous copy" works in the window.
            try:
                store.load_backup()
            except WrongPassphraseError:
                raise
            except StoreError:
                pass
        return OpenedStore(store, ProgressDocument(welcomed=True), problem=store_words(error))
    except StoreError as error:
        return OpenedStore(store, ProgressDocument(welcomed=True), problem=store_words(error))


class KeyPlan(NamedTuple):
    """How the store's key will be found."""

    keys: KeySource | None
    """The keyring's source, or None when the person must type a passphrase."""
    passphrase_reason: str | None
    """Why a passphrase is needed (said in the dialog), or None with the keyring."""
    creating: bool
    """Whether the passphrase is a new one (no saved progress yet)."""


class RollbackNotice(NamedTuple):
    """What the start-up tells the person when the progress is older than the last save."""

    message: str
    hint: str
    has_older: bool
    """Whether there is older progress to carry on with (else only "start over")."""


def key_plan(store_dir: Path) -> KeyPlan:
    """The keyring when it is usable and the file was not locked with a passphrase; else a passphrase."""
    probe = ProgressStore(store_dir, PassphraseKeySource("probe only"))
    on_disk = probe.key_kind_on_disk()
    usable, why = keyring_status()
    if usable and on_disk != "scrypt":
        return KeyPlan(KeyringKeySource(), None, False)
    reason = why if not usable else "Your saved progress was protected with a passphrase."
    creating = not probe.exists()
    if creating:
        # Without a keyring nothing outside the folder remembers earlier saves: say what a person
        # who expected to type their passphrase should conclude.
        reason += (
            f" If you have used Socially Aware here before and expected to type your passphrase, your "
            f"saved progress is missing from {store_dir}: quit, put it back, and start again."
        )
    return KeyPlan(None, reason, creating)
