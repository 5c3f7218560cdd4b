"""The encrypted file format shared by the store and by exports.

    magic (8 bytes) | header length (2 bytes, big-endian) | header (JSON) | AES-GCM ciphertext

The header (key kind, scrypt salt and cost, nonce, a key check, the save's generation number) is
authenticated as associated data, so changing any byte of the file makes it fail to open. The key
check tells a wrong key or passphrase apart from a damaged file without revealing anything about
the key. Authentication needs the key, and the key needs the header's scrypt settings, so the header
is checked field by field against what this app writes before any key is derived: a file cannot
choose how much memory or time opening it costs.
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
from socially_aware.progress.keys import KeySource, scrypt_params

MAGIC = b"SAPROG1\n"
FORMAT = 1
MAX_HEADER = 4096
NONCE_BYTES = 12
CHECK_BYTES = 12
MAX_GENERATION = 2**53
KINDS = ("keyring", "scrypt")
_FIELDS = {"format", "purpose", "kind", "nonce", "check", "generation"}
_SCRYPT_FIELDS = {"salt", "n", "r", "p"}


def _key_check(key: bytes) -> str:
    digest = hmac.digest(key, b"socially-aware key check", hashlib.sha256)[:CHECK_BYTES]
    return base64.b64encode(digest).decode("ascii")


def _damaged() -> TamperedStoreError:
    return TamperedStoreError("The progress file's header is damaged.", "Nothing was changed.")


def seal(plaintext: bytes, keys: KeySource, purpose: str, generation: int | None = None) -> bytes:
    header: dict[str, Any] = {"format": FORMAT, "purpose": purpose, "kind": keys.kind, **keys.new_header()}
    if generation is not None:
        header["generation"] = generation
    key = keys.key_for(header)
    nonce = os.urandom(NONCE_BYTES)
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
        header = json.loads(blob[len(MAGIC) + 2 : end].decode("ascii"), object_pairs_hook=_no_duplicates)
    except (ValueError, UnicodeDecodeError, RecursionError) as error:
        raise _damaged() from error
    _check_fields(header)
    return header, blob[:end], blob[end:]


def _no_duplicates(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    result = dict(pairs)
    if len(result) != len(pairs):
        raise ValueError("a field appears twice")
    return result


def _check_fields(header: object) -> None:
    """Every field present, of its type and size, and nothing else; scrypt cost within what we write."""
    if not isinstance(header, dict):
        raise _damaged()
    kind = header.get("kind")
    if kind not in KINDS:
        raise _damaged()
    expected = _FIELDS | (_SCRYPT_FIELDS if kind == "scrypt" else set())
    if not set(header) <= expected or not (expected - {"generation"}) <= set(header):
        raise _damaged()
    if type(header["format"]) is not int or header["format"] != FORMAT or not isinstance(header["purpose"], str):
        raise _damaged()
    generation = header.get("generation", 0)
    if type(generation) is not int or not 0 <= generation < MAX_GENERATION:
        raise _damaged()
    if _b64_length(header["nonce"]) != NONCE_BYTES or _b64_length(header["check"]) != CHECK_BYTES:
        raise _damaged()
    if kind == "scrypt":
        scrypt_params(header)


def _b64_length(value: object) -> int:
    if not isinstance(value, str) or len(value) > 64:
        return -1
    try:
        return len(base64.b64decode(value, validate=True))
    except ValueError:
        return -1


def generation_of(header: dict[str, Any]) -> int:
    """The save's number (0 in files written before numbering); trust it only once the file opened."""
    return int(header.get("generation", 0))


def open_sealed(blob: bytes, keys: KeySource, purpose: str) -> bytes:
    return unseal(blob, keys, purpose)[0]


def unseal(blob: bytes, keys: KeySource, purpose: str) -> tuple[bytes, dict[str, Any]]:
    """(plaintext, the now authenticated header)."""
    header, prefix, ciphertext = read_header(blob)
    if header.get("purpose") != purpose:
        raise TamperedStoreError(f"This file is not a Socially Aware {purpose} file.")
    if header.get("kind") != keys.kind:
        raise WrongPassphraseError(
            "This file was locked with "
            + ("a passphrase." if header.get("kind") == "scrypt" else "a key from the system keyring."),
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
        return AESGCM(key).decrypt(base64.b64decode(header["nonce"]), ciphertext, prefix), header
    except InvalidTag as error:
        raise TamperedStoreError(
            "The progress file has been changed or damaged since it was saved, so it cannot be trusted.",
            "Nothing was changed or overwritten. Restore the previous copy, or import an export.",
        ) from error
