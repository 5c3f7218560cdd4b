"""The encrypted progress file: one small document, written atomically, never overwritten blind.

Each save writes a temporary file beside the real one, flushes it to disk, keeps the previous
good copy as a hard link (`.bak`) and swaps the new file in with `os.replace`, so a crash at any
point leaves either the old or the new state. A file that fails to open is reported and the
store refuses to write over it until the person decides what to do.

Each save carries a number one higher than the last (in the authenticated header), and the key
source keeps the last number where it can (the keyring). An older file put back, or a deleted one,
is reported as a rollback instead of being shown as current: see docs/decisions/0002-progress-store.md
for what can and cannot be noticed with a passphrase and no keyring.
"""

from __future__ import annotations

import contextlib
import json
import os
import stat
from pathlib import Path
from typing import Any

from socially_aware import atomic_files
from socially_aware.atomic_files import os_error_words, temp_path
from socially_aware.progress.envelope import generation_of, read_header, seal, unseal
from socially_aware.progress.errors import RollbackError, StoreError, StoreWriteError, TamperedStoreError
from socially_aware.progress.keys import KeySource, PassphraseKeySource
from socially_aware.progress.lock import StoreLock, busy_error
from socially_aware.progress.migrations import migrate
from socially_aware.progress.model import ProgressDocument

FILE_NAME = "progress.sa"
PURPOSE_STORE = "progress"
PURPOSE_EXPORT = "export"
TEMP_SUFFIX = ".tmp"
MAX_FILE_BYTES = 64 * 1024 * 1024
"""Far above any real progress (a few hundred KB with thousands of accounts); a bound for reading."""


class ProgressStore:
    def __init__(self, data_dir: Path, keys: KeySource) -> None:
        self.data_dir = data_dir
        self.keys = keys
        self.path = data_dir / FILE_NAME
        self.backup_path = data_dir / (FILE_NAME + ".bak")
        self._refuse_writes: StoreError | None = None
        self._generation = 0
        """The highest save number seen (file or keyring); the next save gets one more."""
        self._loaded = False
        self._replacing = False
        self.lock = StoreLock(data_dir)
        """Taken at the first save and kept: one writing process per folder (`progress/lock.py`)."""

    def exists(self) -> bool:
        return self.path.exists() or self.backup_path.exists()

    def key_kind_on_disk(self) -> str | None:
        """How the saved file was locked ("keyring" or "scrypt"), or None when there is no readable file."""
        for source in (self.path, self.backup_path):  # a damaged file: its previous copy still tells
            try:
                header, _, _ = read_header(_read(source))
            except (OSError, StoreError):
                continue
            return str(header["kind"])
        return None

    def uses_keyring(self) -> bool:
        return self.keys.kind == "keyring"

    def load(self) -> ProgressDocument:
        """The saved document, or a fresh one when nothing was saved yet.

        Raises RollbackError when what is on disk is older than the last save; the person then
        chooses `accept_older()` (or starts over with `accept_older()` and a new document).
        """
        self._loaded = True
        try:
            doc = self._load()
        except StoreError as error:
            self._refuse_writes = error
            raise
        self._refuse_writes = None
        return doc

    def _load(self) -> ProgressDocument:
        expected = self.keys.saved_generation()
        self._generation = expected or 0
        if not self.path.exists():
            if self.backup_path.exists():
                older, generation = _open(self.backup_path, self.keys)
                self._generation = max(self._generation, generation)
                raise RollbackError(
                    f"Your progress file ({FILE_NAME}) is missing from {self.data_dir}. Only the previous "
                    "copy is there, which is at least one save older.",
                    _ROLLBACK_CHOICES,
                    older,
                )
            if expected:
                raise RollbackError(
                    f"Your saved progress is missing: it was deleted or moved from {self.data_dir}.",
                    _ROLLBACK_CHOICES,
                    None,
                )
            return ProgressDocument()
        doc, generation = _open(self.path, self.keys)
        self._generation = max(self._generation, generation)
        if expected is not None and generation < expected:
            raise RollbackError(
                f"Your progress file is older than the last save (it is save {generation}, the last was "
                f"save {expected}): an older copy was put in its place.",
                _ROLLBACK_CHOICES,
                doc,
            )
        backup_generation = self._backup_generation()
        if generation and backup_generation is not None and backup_generation >= generation:
            # Every save makes the file one newer than its previous copy. Equal or older means the
            # file was replaced by a copy (for example of the .bak).
            raise RollbackError(
                "Your progress file is not newer than its own previous copy: it was replaced by an older copy.",
                _ROLLBACK_CHOICES,
                doc,
            )
        if expected is not None and generation > expected:
            # The last save got its file written but not its number (stopped in between): catch up.
            with contextlib.suppress(StoreError):
                self.keys.record_generation(generation)
        return doc

    def _backup_generation(self) -> int | None:
        try:
            if self.backup_path.samefile(self.path):
                return None  # stopped between keeping the backup and writing the new file: not a rollback
            return _open(self.backup_path, self.keys)[1]
        except (OSError, StoreError):
            return None  # a damaged or missing backup says nothing about the main file

    def load_backup(self) -> ProgressDocument:
        """The previous good copy, for when the current file cannot be opened."""
        if not self.backup_path.exists():
            raise StoreError("There is no previous copy to restore.")
        doc, generation = _open(self.backup_path, self.keys)
        self._generation = max(self._generation, generation)
        return doc

    def allow_overwrite(self) -> None:
        """The person chose to replace a file that could not be opened (e.g. restored a backup or
        imported an export). If its key is gone from the keyring, a new one may now be made: the
        person chose to write over what that key opened. An existing entry is never replaced."""
        self._refuse_writes = None
        self._replacing = True

    def accept_older(self) -> None:
        """After a rollback: the person chose to carry on from what is there (or from nothing)."""
        self._refuse_writes = None

    def save(self, doc: ProgressDocument, encoded: bytes | None = None) -> None:
        """Write `doc`; `encoded` is `encode_document(doc)` when the caller made it already (the saver
        compares it with what it last wrote), so the document is serialised once per save."""
        if not self.lock.acquire():
            raise busy_error()
        if self._refuse_writes is not None:
            raise StoreError(
                "Your progress was not saved, because the existing file could not be opened and "
                "will not be overwritten.",
                "Restore the previous copy or import an export from Settings first.",
            )
        if self._replacing or not self.exists():
            # The only place a new key is made: no file exists that an old key opens, or the person
            # chose to replace it. ensure_key never writes over an entry that is there.
            self.keys.ensure_key()
        elif not self._loaded:
            # Saving without having loaded (a second writer, a tool): continue the numbering on disk.
            with contextlib.suppress(StoreError, OSError):
                self._generation = max(self._generation, _open(self.path, self.keys)[1])
        generation = self._generation + 1
        blob = seal(encoded if encoded is not None else encode_document(doc), self.keys, PURPOSE_STORE, generation)
        _ensure_private_dir(self.data_dir)
        if self.path.exists():
            _keep_backup(self.path, self.backup_path)
        write_atomically(self.path, blob)
        self._generation = generation
        self._replacing = False
        # After the file: stopping in between leaves a file newer than the number, which load accepts.
        # A keyring that refuses now only weakens rollback detection; the progress itself is saved.
        with contextlib.suppress(StoreError):
            self.keys.record_generation(generation)

    def delete_all(self) -> None:
        """Remove the file, its backup, any leftovers and the stored key."""
        if not self.lock.acquire():
            raise busy_error()
        problems = []
        for path in [self.path, self.backup_path, *self.data_dir.glob(f".{FILE_NAME}*{TEMP_SUFFIX}")]:
            try:
                if path.is_dir() and not path.is_symlink():
                    continue  # not ours: our temporary files are always regular files
                path.unlink(missing_ok=True)
            except OSError as error:
                problems.append(f"{path}: {error.strerror}")
        self.keys.forget()
        with contextlib.suppress(OSError):
            self.data_dir.rmdir()  # only if nothing else of the person's is in it
        self._refuse_writes = None
        self._generation = 0
        if problems:
            raise StoreWriteError("Some files could not be deleted: " + "; ".join(problems))


def export_progress(doc: ProgressDocument, path: Path, passphrase: str) -> None:
    write_atomically(path, seal(encode_document(doc), PassphraseKeySource(passphrase), PURPOSE_EXPORT))


def import_progress(path: Path, passphrase: str) -> ProgressDocument:
    return _decode(_read(path), PassphraseKeySource(passphrase), PURPOSE_EXPORT)


def encode_document(doc: ProgressDocument) -> bytes:
    """The document as the bytes that are sealed: compact JSON, keys in the model's order."""
    return json.dumps(doc.to_dict(), separators=(",", ":")).encode("utf-8")


_ROLLBACK_CHOICES = (
    "If you have a newer copy (an export, or a backup of your home folder), quit, put it back and start "
    "again, or import the export from Settings. Otherwise carry on with the older progress, or start over."
)


def _open(path: Path, keys: KeySource) -> tuple[ProgressDocument, int]:
    plaintext, header = unseal(_read(path), keys, PURPOSE_STORE)
    return _parse(plaintext), generation_of(header)


def _decode(blob: bytes, keys: KeySource, purpose: str) -> ProgressDocument:
    return _parse(unseal(blob, keys, purpose)[0])


def _parse(plaintext: bytes) -> ProgressDocument:
    try:
        data: Any = json.loads(plaintext)
        if not isinstance(data, dict):
            raise ValueError("not a document")
        return ProgressDocument.from_dict(migrate(data))
    except StoreError:
        raise
    except (ValueError, KeyError, TypeError) as error:
        raise TamperedStoreError(
            "The progress file opened but its contents are not in a form this app understands.",
            "Nothing was changed.",
        ) from error


def _read(path: Path) -> bytes:
    # Only a regular file of a sane size: a FIFO or device put in its place must not hang or flood us.
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0))
        try:
            info = os.fstat(fd)
            if not stat.S_ISREG(info.st_mode) or info.st_size > MAX_FILE_BYTES:
                raise TamperedStoreError(
                    f"{path.name} is not a progress file this app wrote (wrong kind or size).", "Nothing was changed."
                )
            with os.fdopen(os.dup(fd), "rb") as file:
                return file.read(MAX_FILE_BYTES + 1)
        finally:
            os.close(fd)
    except OSError as error:
        raise StoreError(f"{path} could not be read: {error.strerror or error}.") from error


def _ensure_private_dir(folder: Path) -> None:
    try:
        folder.mkdir(mode=0o700, parents=True, exist_ok=True)
    except OSError as error:
        raise _write_error(folder, error) from error


def _keep_backup(current: Path, backup: Path) -> None:
    # A hard link is instant and atomic; the current file is only ever replaced, never edited,
    # so the link keeps the previous contents. Some file systems have no links: then copy.
    # os.link never follows or replaces what is at the new name, so a random name is enough.
    temp = _temp_name(backup)
    try:
        try:
            os.link(current, temp, follow_symlinks=False)
        except OSError:
            write_atomically(backup, current.read_bytes())
            return
        os.replace(temp, backup)
    except OSError as error:
        with contextlib.suppress(OSError):
            temp.unlink(missing_ok=True)
        raise _write_error(backup, error) from error


def _temp_name(path: Path) -> Path:
    return temp_path(path, suffix=TEMP_SUFFIX)


def write_atomically(path: Path, data: bytes, mode: int = 0o600) -> None:
    """Write `data` to `path` so that a crash leaves the old file or the new one, never a mix."""
    try:
        atomic_files.write_atomically(path, data, mode=mode, suffix=TEMP_SUFFIX)
    except OSError as error:
        raise _write_error(path, error) from error


def _write_error(path: Path, error: OSError) -> StoreWriteError:
    return StoreWriteError(
        f"Your progress could not be saved to {path.parent}: {os_error_words(error)}.",
        "Your previous progress is unchanged. Free some space or fix the folder's permissions, then try again.",
    )
