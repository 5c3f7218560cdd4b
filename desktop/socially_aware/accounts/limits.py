"""Every budget the accounts finder reads within, defined once.

The largest real exports we know of (a 10,000-login Bitwarden JSON with notes and history) are
under 20 MB; a Google Takeout mbox can be tens of gigabytes, but only its headers are read and
they are streamed. A file past a budget is refused with a plain message, never read in part
as if it were whole.
"""

from __future__ import annotations

MAX_EXPORT_BYTES = 200 * 1024 * 1024
"""A password or browser export is read whole into memory: refuse anything larger."""

MAX_MAIL_BYTES = 64 * 1024**3
"""One mbox; streamed header by header, so this is about time, not memory."""

MAX_MAIL_FILES = 200_000
"""Files looked at in one mail folder (.eml files, mboxes), nested folders included."""

MAX_HEADER_BYTES = 256 * 1024
"""One message's header block; the rest of an oversized block is skipped, never held."""

MAX_LINE_BYTES = 64 * 1024
"""One line of mail read at a time; a longer line is skipped in pieces of this size."""

MAX_FIELD_BYTES = 16 * 1024 * 1024
"""One CSV cell (notes can be long; nothing real comes near this)."""

SNIFF_BYTES = 4096
"""How much of a file is looked at to tell its format."""

MAX_ZIP_MEMBERS = 10_000
"""Entries listed in a zipped export (1PUX, Proton Pass, Dashlane); real ones hold a handful plus attachments."""
