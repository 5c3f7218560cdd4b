"""The encrypted progress file: one small document, written atomically, never overwritten blind.

Each save writes a temporary file beside the real one, flushes it to disk, keeps the previous
good copy as a hard link (`.bak`) and swaps the new file in with `os.replace`, so a crash at any
point leaves either the old or the new state. A file that fails to open is reported and the
store refuses to write over it until the person decides what to do.
"""

from __future__ import annotations

import contextlib
import errno
import json
import os
from pathlib import Path
from typing import Any

from socially_aware.progress.envelope import open_sealed, read_header, seal
from socially_aware.progress.errors import StoreError, StoreWriteError, TamperedStoreError
from socially_aware.progress.keys import KeySource, PassphraseKeySource
from socially_aware.progress.migrations import migrate
from socially_aware.progress.model import ProgressDocument

FILE_NAME = "progress.sa"
PURPOSE_STORE = "progress"
PURPOSE_EXPORT = "export"


class ProgressStore:
    def __init__(self, data_dir: Path, keys: KeySource) -> None:
        self.data_dir = data_dir
        self.keys = keys
        self.path = data_dir / FILE_NAME
        self.backup_path = data_dir / (FILE_NAME + ".bak")
        self._refuse_writes: StoreError | None = None

    def exists(self) -> bool:
        return self.path.exists() or self.backup_path.exists()

    def key_kind_on_disk(self) -> str | None:
        """How the saved file was locked ("keyring" or "scrypt"), or None when there is no readable file."""
        source = self.path if self.path.exists() else self.backup_path
        try:
            header, _, _ = read_header(source.read_bytes())
        except (OSError, StoreError):
            return None
        kind = header.get("kind")
        return kind if isinstance(kind, str) else None

    def uses_keyring(self) -> bool:
        return self.keys.kind == "keyring"

    def load(self) -> ProgressDocument:
        """The saved document, or a fresh one when nothing was saved yet."""
        source = self.path if self.path.exists() else self.backup_path
        if not source.exists():
            self._refuse_writes = None
            return ProgressDocument()
        try:
            doc = _decode(_read(source), self.keys, PURPOSE_STORE)
        except StoreError as error:
            self._refuse_writes = error
            raise
        self._refuse_writes = None
        return doc

    def load_backup(self) -> ProgressDocument:
        """The previous good copy, for when the current file cannot be opened."""
        if not self.backup_path.exists():
            raise StoreError("There is no previous copy to restore.")
        return _decode(_read(self.backup_path), self.keys, PURPOSE_STORE)

    def allow_overwrite(self) -> None:
        """The person chose to replace a file that could not be opened (e.g. restored a backup)."""
        self._refuse_writes = None

    def save(self, doc: ProgressDocument) -> None:
        if self._refuse_writes is not None:
            raise StoreError(
                "Your progress was not saved, because the existing file could not be opened and "
                "will not be overwritten.",
                "Restore the previous copy or import an export from Settings first.",
            )
        blob = seal(_encode(doc), self.keys, PURPOSE_STORE)
        _ensure_private_dir(self.data_dir)
        if self.path.exists():
            _keep_backup(self.path, self.backup_path)
        write_atomically(self.path, blob)

    def delete_all(self) -> None:
        """Remove the file, its backup, any leftovers and the stored key."""
        problems = []
        for path in [self.path, self.backup_path, *self.data_dir.glob(f".{FILE_NAME}*.tmp")]:
            try:
                path.unlink(missing_ok=True)
            except OSError as error:
                problems.append(f"{path}: {error.strerror}")
        self.keys.forget()
        with contextlib.suppress(OSError):
            self.data_dir.rmdir()  # only if nothing else of the person's is in it
        self._refuse_writes = None
        if problems:
            raise StoreWriteError("Some files could not be deleted: " + "; ".join(problems))


def export_progress(doc: ProgressDocument, path: Path, passphrase: str) -> None:
    write_atomically(path, seal(_encode(doc), PassphraseKeySource(passphrase), PURPOSE_EXPORT))


def import_progress(path: Path, passphrase: str) -> ProgressDocument:
    return _decode(_read(path), PassphraseKeySource(passphrase), PURPOSE_EXPORT)


def _encode(doc: ProgressDocument) -> bytes:
    return json.dumps(doc.to_dict(), separators=(",", ":")).encode("utf-8")


def _decode(blob: bytes, keys: KeySource, purpose: str) -> ProgressDocument:
    plaintext = open_sealed(blob, keys, purpose)
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
    try:
        return path.read_bytes()
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
    temp = backup.with_name(f".{backup.name}.tmp")
    try:
        temp.unlink(missing_ok=True)
        try:
            os.link(current, temp)
        except OSError:
            write_atomically(temp, current.read_bytes())
        os.replace(temp, backup)
    except OSError as error:
        with contextlib.suppress(OSError):
            temp.unlink(missing_ok=True)
        raise _write_error(backup, error) from error


def write_atomically(path: Path, data: bytes, mode: int = 0o600) -> None:
    """Write `data` to `path` so that a crash leaves the old file or the new one, never a mix."""
    temp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    try:
        fd = os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, mode)
        try:
            view = memoryview(data)
            while view:
                view = view[os.write(fd, view) :]
            os.fsync(fd)
        finally:
            os.close(fd)
        os.replace(temp, path)
        _fsync_dir(path.parent)
    except OSError as error:
        with contextlib.suppress(OSError):
            temp.unlink(missing_ok=True)
        raise _write_error(path, error) from error


def _fsync_dir(folder: Path) -> None:
    if os.name != "posix":
        return
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _write_error(path: Path, error: OSError) -> StoreWriteError:
    if error.errno == errno.ENOSPC:
        what = "the disk is full"
    elif error.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
        what = "the folder is read-only or not yours"
    else:
        what = error.strerror or str(error)
    return StoreWriteError(
        f"Your progress could not be saved to {path.parent}: {what}.",
        "Your previous progress is unchanged. Free some space or fix the folder's permissions, then try again.",
    )
