"""Ed25519 keys for checklist packs: made once by IT, the public half listed in `deployment.yaml`.

The private key is a PKCS#8 PEM file readable only by its owner (mode 0600); the public key is one
line of text, `sapack-ed25519 <base64 of the 32 key bytes>`, easy to paste into `pack_keys:`.

The key classes are imported where keys are made or read: most starts have no pack keys, and loading
cryptography's serialization modules costs start-up time (benchmarks/startup.py).
"""

from __future__ import annotations

import base64
import binascii
import os
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey

PUBLIC_PREFIX = "sapack-ed25519"
PRIVATE_NAME = "pack-key"
PUBLIC_NAME = "pack-key.pub"
_MAX_KEY_FILE = 4096


class PackKeyError(Exception):
    """A key that can't be made, read or trusted; `message` is a plain sentence."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


@dataclass(frozen=True)
class TrustedKey:
    """A public key from `deployment.yaml`, with where it came from for messages."""

    key: Ed25519PublicKey
    text: str

    @property
    def short(self) -> str:
        """The first characters of the key, enough to tell keys apart in a message."""
        return self.text.split()[1][:12]


def public_line(key: Ed25519PublicKey) -> str:
    from cryptography.hazmat.primitives import serialization

    raw = key.public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)
    return f"{PUBLIC_PREFIX} {base64.b64encode(raw).decode('ascii')}"


def parse_public(text: object) -> TrustedKey:
    """A `sapack-ed25519 BASE64` line as a key; anything else raises `PackKeyError` and is never trusted."""
    from cryptography.exceptions import UnsupportedAlgorithm
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey

    if not isinstance(text, str):
        raise PackKeyError("is not text")
    parts = text.strip().split()
    if len(parts) != 2 or parts[0] != PUBLIC_PREFIX:
        raise PackKeyError(f"must be one line '{PUBLIC_PREFIX} <key>', as in the pack-key.pub file")
    try:
        raw = base64.b64decode(parts[1], validate=True)
    except (binascii.Error, ValueError) as error:
        raise PackKeyError("the key is not valid base64") from error
    if len(raw) != 32:
        raise PackKeyError(f"the key is {len(raw)} bytes long; an Ed25519 key is 32")
    try:
        return TrustedKey(Ed25519PublicKey.from_public_bytes(raw), f"{PUBLIC_PREFIX} {parts[1]}")
    except (ValueError, UnsupportedAlgorithm) as error:
        raise PackKeyError("is not a usable Ed25519 key") from error


def make_keys(folder: Path) -> tuple[Path, Path]:
    """Write a new key pair into `folder`; an existing key is never replaced (packs signed with it
    would stop installing)."""
    from cryptography.hazmat.primitives import serialization
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

    folder.mkdir(mode=0o700, parents=True, exist_ok=True)
    private_path, public_path = folder / PRIVATE_NAME, folder / PUBLIC_NAME
    for path in (private_path, public_path):
        if os.path.lexists(path):
            raise PackKeyError(f"{path} already exists; keep using it, or move it away first")
    key = Ed25519PrivateKey.generate()
    pem = key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption())
    _create(private_path, pem, 0o600)
    _create(public_path, (public_line(key.public_key()) + "\n").encode("ascii"), 0o644)
    return private_path, public_path


def _create(path: Path, data: bytes, mode: int) -> None:
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_CLOEXEC", 0)
    fd = os.open(path, flags, mode)
    try:
        os.fchmod(fd, mode) if hasattr(os, "fchmod") else None  # the umask must not loosen 0600
        os.write(fd, data)
        os.fsync(fd)
    finally:
        os.close(fd)


def load_private(path: Path) -> Ed25519PrivateKey:
    from cryptography.exceptions import UnsupportedAlgorithm
    from cryptography.hazmat.primitives import serialization
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

    try:
        with path.open("rb") as handle:
            data = handle.read(_MAX_KEY_FILE + 1)
    except OSError as error:
        raise PackKeyError(f"cannot read the key {path}: {error.strerror or error}") from error
    try:
        key = serialization.load_pem_private_key(data, password=None)
    except (ValueError, TypeError, UnsupportedAlgorithm) as error:
        raise PackKeyError(f"{path} is not a pack key made by 'checklists keygen'") from error
    if not isinstance(key, Ed25519PrivateKey):
        raise PackKeyError(f"{path} is not an Ed25519 key")
    return key
