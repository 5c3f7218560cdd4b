"""Where the progress key comes from: the OS keyring, or a passphrase when there is none.

The keyring library is imported where it is used: a start with a passphrase never needs it, and it
costs tens of milliseconds to import (benchmarks/startup.py).
"""

from __future__ import annotations

import base64
import os
import secrets
from typing import Any, Protocol

from cryptography.hazmat.primitives.kdf.scrypt import Scrypt

from socially_aware.progress.errors import (
    KeyringUnavailableError,
    NoPassphraseError,
    TamperedStoreError,
    WrongPassphraseError,
)

KEY_BYTES = 32
SERVICE = "Socially Aware"
ACCOUNT = "progress-key"
GENERATION_ACCOUNT = "progress-generation"
"""Keyring entry beside the key: the number of the last save, so an older file put back is noticed."""
# scrypt cost: about a tenth of a second here, the order of magnitude OWASP suggests for interactive use.
SCRYPT_N, SCRYPT_R, SCRYPT_P = 2**15, 8, 1
# What a file may ask for. The header is only authenticated after the key is derived, so a crafted
# header must not be able to choose the cost: n from 2^14 to 2^16 with r=8, p=1 (at most 64 MiB,
# a few tenths of a second), nothing else. scrypt needs about 128 * n * r * p bytes.
ACCEPTED_SCRYPT_N = frozenset({2**14, 2**15, 2**16})
ACCEPTED_SCRYPT_R = frozenset({SCRYPT_R})
ACCEPTED_SCRYPT_P = frozenset({SCRYPT_P})
SALT_BYTES = 16
MAX_SCRYPT_MEMORY = 128 * max(ACCEPTED_SCRYPT_N) * max(ACCEPTED_SCRYPT_R) * max(ACCEPTED_SCRYPT_P)


def _damaged() -> TamperedStoreError:
    return TamperedStoreError("The file's header is damaged.", "Nothing was changed.")


def scrypt_params(header: dict[str, Any]) -> tuple[bytes, int, int, int]:
    """(salt, n, r, p) when the header asks for a cost this app writes; TamperedStoreError otherwise."""
    salt_text, n, r, p = header.get("salt"), header.get("n"), header.get("r"), header.get("p")
    if not all(type(value) is int for value in (n, r, p)) or not isinstance(salt_text, str) or len(salt_text) > 64:
        raise _damaged()
    try:
        salt = base64.b64decode(salt_text, validate=True)
    except ValueError as error:
        raise _damaged() from error
    if (
        n not in ACCEPTED_SCRYPT_N
        or r not in ACCEPTED_SCRYPT_R
        or p not in ACCEPTED_SCRYPT_P
        or len(salt) != SALT_BYTES
    ):
        raise TamperedStoreError(
            "The file's header is damaged: it asks for key settings this app never writes.", "Nothing was changed."
        )
    return salt, n, r, p  # checked above


def _no_passphrase() -> NoPassphraseError:
    return NoPassphraseError(
        "Your progress was not saved: there is no passphrase to protect it.",
        "Choose a new passphrase, or quit: nothing is written until you do.",
    )


def derive(passphrase: bytes, salt: bytes, n: int, r: int, p: int) -> bytes:
    """The one place a key is made from a passphrase; callers have checked the cost with `scrypt_params`.

    An empty passphrase is refused here, below every caller: a key anyone can make protects nothing."""
    if not passphrase:
        raise _no_passphrase()
    return Scrypt(salt=salt, length=KEY_BYTES, n=n, r=r, p=p).derive(passphrase)


class KeySource(Protocol):
    kind: str
    """Recorded in the file header: "keyring" or "scrypt"."""

    def new_header(self) -> dict[str, Any]:
        """Fields for a new file's header (e.g. a fresh salt)."""
        ...

    def key_for(self, header: dict[str, Any]) -> bytes:
        """The 256-bit key for a file with this header; raises a StoreError subclass."""
        ...

    def forget(self) -> None:
        """Remove any stored key (delete all data)."""
        ...

    def ensure_key(self) -> None:
        """Make a key if none is stored yet. The store calls this only when no file of its own exists."""
        ...

    def saved_generation(self) -> int | None:
        """The number of the last save as recorded outside the folder, or None when there is nowhere to keep it."""
        ...

    def record_generation(self, generation: int) -> None:
        """Remember the number of the save just written (best effort)."""
        ...


class KeyringKeySource:
    kind = "keyring"

    def __init__(self, service: str = SERVICE, account: str = ACCOUNT) -> None:
        self.service = service
        self.account = account

    def new_header(self) -> dict[str, Any]:
        return {}

    def key_for(self, header: dict[str, Any]) -> bytes:
        # Reading never makes a key: a missing entry while a file exists must not be "fixed" by a new
        # random key, which would make the file unreadable for good if the old entry comes back.
        stored = self._get(self.account)
        if stored is None:
            raise KeyringUnavailableError(
                "The key that opens your saved progress is not in your keyring.",
                "If your keyring was reset or you signed in to another account, put the entry "
                f"'{self.service}' back or import an export. Nothing was changed.",
            )
        try:
            key = base64.b64decode(stored, validate=True)
        except ValueError as error:
            key = b""
            cause: Exception | None = error
        else:
            cause = None
        if len(key) != KEY_BYTES:
            raise KeyringUnavailableError(
                "The key stored in your keyring for Socially Aware is not one this app wrote.",
                "If you changed it, put it back; otherwise import a saved export.",
            ) from cause
        return key

    def ensure_key(self) -> None:
        if self._get(self.account) is None:
            self._set(self.account, base64.b64encode(secrets.token_bytes(KEY_BYTES)).decode("ascii"))

    def saved_generation(self) -> int | None:
        stored = self._get(GENERATION_ACCOUNT)
        if stored is None:
            return None
        return int(stored) if stored.isascii() and stored.isdigit() and len(stored) < 16 else None

    def record_generation(self, generation: int) -> None:
        self._set(GENERATION_ACCOUNT, str(generation))

    def forget(self) -> None:
        import keyring.errors

        for account in (self.account, GENERATION_ACCOUNT):
            try:
                keyring.delete_password(self.service, account)
            except keyring.errors.PasswordDeleteError:
                pass  # nothing stored: already forgotten
            except keyring.errors.KeyringError as error:
                raise KeyringUnavailableError(f"The key could not be removed from the keyring: {error}.") from error

    def _get(self, account: str) -> str | None:
        import keyring.errors

        try:
            return keyring.get_password(self.service, account)
        except keyring.errors.KeyringError as error:
            raise _unavailable(error) from error

    def _set(self, account: str, value: str) -> None:
        import keyring.errors

        try:
            keyring.set_password(self.service, account, value)
        except keyring.errors.KeyringError as error:
            raise _unavailable(error) from error


def _unavailable(error: Exception) -> KeyringUnavailableError:
    return KeyringUnavailableError(
        f"The system keyring could not be used: {error or type(error).__name__}.",
        "Unlock your keyring (it usually unlocks when you sign in), or use a passphrase instead.",
    )


class PassphraseKeySource:
    kind = "scrypt"

    def __init__(self, passphrase: str) -> None:
        if not passphrase:
            raise WrongPassphraseError("A passphrase is needed.", "Type the passphrase you chose.")
        self._passphrase = passphrase.encode("utf-8")
        # scrypt is slow on purpose; derive once per salt so saving after every click stays quick.
        self._derived: tuple[tuple[str, int, int, int], bytes] | None = None

    @property
    def forgotten(self) -> bool:
        """True after `forget` until `start_over`: every key is refused, so nothing can be saved."""
        return not self._passphrase

    def new_header(self) -> dict[str, Any]:
        if self._derived is not None:
            salt, n, r, p = self._derived[0]
            return {"salt": salt, "n": n, "r": r, "p": p}
        salt = base64.b64encode(os.urandom(SALT_BYTES)).decode("ascii")
        return {"salt": salt, "n": SCRYPT_N, "r": SCRYPT_R, "p": SCRYPT_P}

    def key_for(self, header: dict[str, Any]) -> bytes:
        if not self._passphrase:
            raise _no_passphrase()  # forgotten: neither a cached key nor an empty one may seal anything
        salt, n, r, p = scrypt_params(header)  # before any work: the header chooses no cost
        params = (header["salt"], n, r, p)
        if self._derived is not None and self._derived[0] == params:
            return self._derived[1]
        key = derive(self._passphrase, salt, n, r, p)
        self._derived = (params, key)
        return key

    def prepare(self) -> None:
        """Derive the key for the next new file now (off the UI thread), so the first save is quick."""
        self.key_for(self.new_header())

    def forget(self) -> None:
        self._passphrase = b""
        self._derived = None

    def start_over(self, passphrase: str) -> None:
        """A new passphrase after `forget` (slow: its key is made here, so call it off the UI thread)."""
        if not passphrase:
            raise WrongPassphraseError("A passphrase is needed.", "Choose a new passphrase.")
        fresh = PassphraseKeySource(passphrase)
        fresh.prepare()
        # Only when the key is ready, the passphrase last: until it is set, every key is still refused.
        self._derived, self._passphrase = fresh._derived, fresh._passphrase

    def ensure_key(self) -> None:
        pass  # the key is the passphrase

    def saved_generation(self) -> int | None:
        return None  # no place outside the folder to keep it: see docs/decisions/0002-progress-store.md

    def record_generation(self, generation: int) -> None:
        pass


def keyring_status() -> tuple[bool, str]:
    """Whether a real keyring backend is there, and a sentence a person understands."""
    import keyring

    backend = keyring.get_keyring()
    name = type(backend).__module__ + "." + type(backend).__name__
    priority = getattr(backend, "priority", 0)
    if "fail" in name or "null" in name.lower() or priority <= 0:
        return False, (
            "No keyring service is running on this computer (on Linux: GNOME Keyring, KWallet or "
            "another Secret Service), so the key cannot be kept there."
        )
    if "chainer" in name and not getattr(backend, "backends", ()):
        return False, "No keyring service is running on this computer."
    label = {
        "SecretService": "the Secret Service keyring (GNOME Keyring or KWallet)",
        "macOS": "the macOS Keychain",
        "Windows": "Windows Credential Manager",
    }
    for key, words in label.items():
        if key in name:
            return True, f"The key is kept in {words}."
    return True, f"The key is kept in your system keyring ({type(backend).__name__})."
