"""Text from files made safe to print to a terminal. No Qt here.

A file name, an Exif value or a site name can hold escape sequences (ESC ] 52 writes the
clipboard, ESC [ 2 J clears the screen, CSI moves the cursor), a line break that forges a line of
output, or a bidi override that makes "Turn OFF" read "Turn ON". Every piece of untrusted text the
command line prints for a person goes through `for_terminal`; `--json` output escapes on its own.
"""

from __future__ import annotations

import os
import unicodedata
from pathlib import PurePath

# Bidi embeddings, overrides and isolates (U+202A-U+202E, U+2066-U+2069), the marks that steer
# them (LRM, RLM, ALM), and the Unicode line and paragraph separators some terminals break on.
_INVISIBLE_STEERING = frozenset(
    [
        *map(chr, range(0x202A, 0x202F)),
        *map(chr, range(0x2066, 0x206A)),
        "\u200e",
        "\u200f",
        "\u061c",
        "\u2028",
        "\u2029",
    ]
)


def _escaped(char: str) -> str:
    code = ord(char)
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def _needs_escape(char: str) -> bool:
    # Cc: C0 controls, DEL and C1 controls (U+0080-U+009F, which some terminals obey as CSI/OSC).
    # Cs: lone surrogates, what a file name that is not UTF-8 decodes to; printing one would raise.
    return char in _INVISIBLE_STEERING or unicodedata.category(char) in ("Cc", "Cs")


def for_terminal(text: object) -> str:
    """`text` (a str, a path or anything with a str()) with every control character written as an escape, e.g. \\x1b."""
    value = os.fspath(text) if isinstance(text, PurePath) else str(text)
    # Every character that needs an escape is one Python calls unprintable (Cc, Cs, Cf, Zl, Zp), so
    # printable text, nearly all of it, is let through by one check in C instead of a category lookup
    # a character (the scrub command prints two paths a photo).
    if value.isprintable() or not any(_needs_escape(char) for char in value):
        return value
    return "".join(_escaped(char) if _needs_escape(char) else char for char in value)
