"""Where the progress key comes from: the OS keyring, or a passphrase when there is none."""

from __future__ import annotations

import base64
import os
import secrets
from typing import Any, Protocol

import keyring
import keyring.errors
from cryptography.hazmat.primitives.kdf.scrypt import Scrypt

from socially_aware.progress.errors import (
    KeyringUnavailableError,
    TamperedStoreError,
    WrongPassphraseError,
)

KEY_BYTES = 32
SERVICE = "Socially Aware"
ACCOUNT = "progress-key"
# scrypt cost: about a tenth of a second here, the order of magnitude OWASP suggests for interactive use.
SCRYPT_N, SCRYPT_R, SCRYPT_P = 2**15, 8, 1


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


class KeyringKeySource:
    kind = "keyring"

    def __init__(self, service: str = SERVICE, account: str = ACCOUNT) -> None:
        self.service = service
        self.account = account

    def new_header(self) -> dict[str, Any]:
        return {}

    def key_for(self, header: dict[str, Any]) -> bytes:
        try:
            stored = keyring.get_password(self.service, self.account)
            if stored is None:
                stored = base64.b64encode(secrets.token_bytes(KEY_BYTES)).decode("ascii")
                keyring.set_password(self.service, self.account, stored)
        except keyring.errors.KeyringError as error:
            raise KeyringUnavailableError(
                f"The system keyring could not be used: {error or type(error).__name__}.",
                "Unlock your keyring (it usually unlocks when you sign in), or use a passphrase instead.",
            ) from error
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

    def forget(self) -> None:
        try:
            keyring.delete_password(self.service, self.account)
        except keyring.errors.PasswordDeleteError:
            pass  # nothing stored: already forgotten
        except keyring.errors.KeyringError as error:
            raise KeyringUnavailableError(f"The key could not be removed from the keyring: {error}.") from error


class PassphraseKeySource:
    kind = "scrypt"

    def __init__(self, passphrase: str) -> None:
        if not passphrase:
            raise WrongPassphraseError("A passphrase is needed.", "Type the passphrase you chose.")
        self._passphrase = passphrase.encode("utf-8")
        # scrypt is slow on purpose; derive once per salt so saving after every click stays quick.
        self._derived: tuple[tuple[str, int, int, int], bytes] | None = None

    def new_header(self) -> dict[str, Any]:
        if self._derived is not None:
            salt, n, r, p = self._derived[0]
            return {"salt": salt, "n": n, "r": r, "p": p}
        return {"salt": base64.b64encode(os.urandom(16)).decode("ascii"), "n": SCRYPT_N, "r": SCRYPT_R, "p": SCRYPT_P}

    def key_for(self, header: dict[str, Any]) -> bytes:
        try:
            salt = base64.b64decode(header["salt"], validate=True)
            n, r, p = int(header["n"]), int(header["r"]), int(header["p"])
        except (KeyError, ValueError, TypeError) as error:
            raise TamperedStoreError("The file's header is damaged.") from error
        if not (2**10 <= n <= 2**20 and 1 <= r <= 32 and 1 <= p <= 16 and len(salt) >= 16):
            raise TamperedStoreError("The file asks for key settings this app never writes.")
        params = (header["salt"], n, r, p)
        if self._derived is not None and self._derived[0] == params:
            return self._derived[1]
        key = Scrypt(salt=salt, length=KEY_BYTES, n=n, r=r, p=p).derive(self._passphrase)
        self._derived = (params, key)
        return key

    def forget(self) -> None:
        self._passphrase = b""
        self._derived = None


def keyring_status() -> tuple[bool, str]:
    """Whether a real keyring backend is there, and a sentence a person understands."""
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
