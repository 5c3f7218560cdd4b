"""The one error the accounts finder's readers raise."""

from __future__ import annotations


class AccountsError(Exception):
    """A file that can't be read; the message says why and what was expected.

    The message never quotes the file's contents (a cell may be a password): only positions,
    counts and kinds. The caller prefixes the file's name.
    """
