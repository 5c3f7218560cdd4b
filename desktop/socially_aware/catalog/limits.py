"""Budgets for checklist packs, declared once: a hostile pack costs only itself.

A pack is refused before anything is read when the file is larger than `MAX_PACK_BYTES`; inside a
correctly signed pack, the file count and each file's size are checked before anything is written.
"""

from __future__ import annotations

from socially_aware.catalog.yamlnodes import MAX_FILE_BYTES

MAX_PACK_BYTES = 8 * 1024 * 1024
"""A whole pack: 46 shipped files are about 0.8 MB, so room for ten times the catalog."""
MAX_PACK_FILES = 200
"""Checklist files in one pack (one per platform plus the organisation profile)."""
MAX_PACK_FILE_BYTES = MAX_FILE_BYTES
"""One file inside a pack: the same cap as any checklist file the loader reads."""
MAX_PACK_TEXT = 200
"""The organisation's name and the date, as shown in Settings."""
MAX_PACK_VERSION = 2**53 - 1
"""Versions are whole numbers that JSON and every reader represent exactly."""
