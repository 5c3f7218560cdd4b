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


class NoPassphraseError(StoreError):
    """The passphrase was forgotten (all data deleted) and no new one chosen yet: nothing can be sealed."""


class KeyringUnavailableError(StoreError):
    """No keyring service, or it is locked or refused us."""


class StoreWriteError(StoreError):
    """The new state could not be written; the previous file is untouched."""


class RollbackError(StoreError):
    """The progress on disk is older than the last save (a file put back, or deleted).

    `older` is what is there now (None when nothing is left); the person chooses what to do.
    """

    def __init__(self, message: str, hint: str, older: object | None) -> None:
        super().__init__(message, hint)
        self.older = older
