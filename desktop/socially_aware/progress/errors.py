"""Everything that can go wrong with the progress store, each with words for people."""

from __future__ import annotations


class StoreError(Exception):
    """`str(error)` says what happened; `hint` says what the person can do about it."""

    def __init__(self, message: str, hint: str = "") -> None:
        super().__init__(message)
        self.message = message
        self.hint = hint


class TamperedStoreError(StoreError):
    """The file is not ours, was cut short, or a byte changed: it fails authentication."""


class WrongPassphraseError(StoreError):
    pass


class KeyringUnavailableError(StoreError):
    """No keyring service, or it is locked or refused us."""


class StoreWriteError(StoreError):
    """The new state could not be written; the previous file is untouched."""
