"""The names the files this package reads are saved under, for file dialogs and folder walks.

What a file *is* comes from its contents (`exports.read_export` sniffs it); these only say which
names a dialog offers first. Kept apart from the readers so the window can name them without
loading a parser.
"""

from __future__ import annotations

EXPORT_SUFFIXES = (".csv", ".json", ".xml", ".zip", ".1pux", ".1pif")
"""Password-manager and browser exports (1Password's .1pux is a zip, .1pif a folder or a text file)."""
MAIL_SUFFIXES = (".eml", ".mbox", ".mbx")
"""Exported mail: one message per .eml file, or an mbox of many."""
