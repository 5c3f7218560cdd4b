"""The encrypted file format shared by the store and by exports.

    magic (8 bytes) | header length (2 bytes, big-endian) | header (JSON) | AES-GCM ciphertext

The header (key kind, scrypt salt and cost, nonce, a key check) is authenticated as associated
data, so changing any byte of the file makes it fail to open. The key check tells a wrong key
or passphrase apart from a damaged file without revealing anything about the key.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import os
from typing import Any

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

from socially_aware.progress.errors import TamperedStoreError, WrongPassphraseError
from socially_aware.progress.keys import KeySource

MAGIC = b"SAPROG1\n"
FORMAT = 1
MAX_HEADER = 4096


def _key_check(key: bytes) -> str:
    return base64.b64encode(hmac.digest(key, b"socially-aware key check", hashlib.sha256)[:12]).decode("ascii")


def seal(plaintext: bytes, keys: KeySource, purpose: str) -> bytes:
    header: dict[str, Any] = {"format": FORMAT, "purpose": purpose, "kind": keys.kind, **keys.new_header()}
    key = keys.key_for(header)
    nonce = os.urandom(12)
    header["nonce"] = base64.b64encode(nonce).decode("ascii")
    header["check"] = _key_check(key)
    header_bytes = json.dumps(header, sort_keys=True, separators=(",", ":")).encode("ascii")
    prefix = MAGIC + len(header_bytes).to_bytes(2, "big") + header_bytes
    return prefix + AESGCM(key).encrypt(nonce, plaintext, prefix)


def read_header(blob: bytes) -> tuple[dict[str, Any], bytes, bytes]:
    """(header, the authenticated prefix, the ciphertext); raises TamperedStoreError."""
    if not blob.startswith(MAGIC):
        raise TamperedStoreError(
            "This is not a Socially Aware progress file, or its beginning was damaged.",
            "Nothing was changed. Restore the previous copy or import an export.",
        )
    length = int.from_bytes(blob[len(MAGIC) : len(MAGIC) + 2], "big")
    end = len(MAGIC) + 2 + length
    if length == 0 or length > MAX_HEADER or len(blob) < end + 16:
        raise TamperedStoreError("The progress file is cut short or damaged.", "Nothing was changed.")
    try:
        header = json.loads(blob[len(MAGIC) + 2 : end].decode("ascii"))
        if not isinstance(header, dict) or header.get("format") != FORMAT:
            raise ValueError("unknown format")
        base64.b64decode(header["nonce"], validate=True)
    except (ValueError, KeyError, UnicodeDecodeError) as error:
        raise TamperedStoreError("The progress file's header is damaged.", "Nothing was changed.") from error
    return header, blob[:end], blob[end:]


def open_sealed(blob: bytes, keys: KeySource, purpose: str) -> bytes:
    header, prefix, ciphertext = read_header(blob)
    if header.get("purpose") != purpose:
        raise TamperedStoreError(f"This file is not a Socially Aware {purpose} file.")
    if header.get("kind") != keys.kind:
        raise WrongPassphraseError(
            "This file was locked with " + ("a passphrase." if header.get("kind") == "scrypt" else "a key from the system keyring."),
        )
    key = keys.key_for(header)
    if not hmac.compare_digest(str(header.get("check", "")), _key_check(key)):
        if keys.kind == "scrypt":
            raise WrongPassphraseError("That passphrase does not open this file.", "Check it and try again.")
        raise WrongPassphraseError(
            "The key in your keyring does not open this progress file.",
            "The keyring entry may have been replaced. Import an export, or delete local data to start again.",
        )
    try:
        return AESGCM(key).decrypt(base64.b64decode(header["nonce"]), ciphertext, prefix)
    except InvalidTag as error:
        raise TamperedStoreError(
            "The progress file has been changed or damaged since it was saved, so it cannot be trusted.",
            "Nothing was changed or overwritten. Restore the previous copy, or import an export.",
        ) from error
