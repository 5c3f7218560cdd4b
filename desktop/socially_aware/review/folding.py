"""Case and diacritic folding that remembers where each folded character came from.

Matching runs on the folded text; excerpts are cut from the original text at the mapped offsets,
so "Départment" matches "department" and the person sees what they actually wrote.
"""

from __future__ import annotations

import unicodedata
from functools import lru_cache


@lru_cache(maxsize=4096)
def _fold_char(ch: str) -> str:
    decomposed = unicodedata.normalize("NFKD", ch)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()


def fold(text: str) -> str:
    """The folded form alone (for terms)."""
    if text.isascii():
        return text.lower()
    return "".join(_fold_char(c) for c in text)


def fold_with_offsets(text: str) -> tuple[str, list[int] | None]:
    """Folded text and, for non-ASCII text, the original offset of each folded character.

    ASCII text folds to the same length, so the offsets are the identity and None is returned.
    """
    if text.isascii():
        return text.lower(), None
    parts: list[str] = []
    offsets: list[int] = []
    for index, ch in enumerate(text):
        folded = _fold_char(ch)
        parts.append(folded)
        offsets.extend([index] * len(folded))
    return "".join(parts), offsets


def original_span(offsets: list[int] | None, start: int, end: int, text_length: int) -> tuple[int, int]:
    if offsets is None:
        return start, end
    if not offsets:
        return 0, 0
    first = offsets[min(start, len(offsets) - 1)]
    last = offsets[end - 1] + 1 if end > 0 else first
    return first, min(last, text_length)


def fix_mojibake(text: str) -> str:
    """Facebook and Instagram downloads write UTF-8 bytes as \\u00XX escapes ("CafÃ©"): undo that."""
    if text.isascii() or any(ord(c) > 255 for c in text):
        return text
    try:
        return text.encode("latin-1").decode("utf-8")
    except UnicodeDecodeError:
        return text


_CONTROL_NAMES = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}


def escape_controls(text: str) -> str:
    """Control, format (bidi overrides, zero-width) and other invisible characters made visible.

    Wider than `terminal.for_terminal` on purpose: excerpts are also shown in the window, where a
    zero-width or private-use character could hide part of a match from the person reading it.
    """
    out = []
    for ch in text:
        category = unicodedata.category(ch)
        if ch in _CONTROL_NAMES:
            out.append(_CONTROL_NAMES[ch])
        elif category in ("Cc", "Cf", "Cs", "Co", "Cn", "Zl", "Zp"):
            code = ord(ch)
            out.append(f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}" if code < 0x10000 else f"\\U{code:08x}")
        else:
            out.append(ch)
    return "".join(out)


def one_line(text: str) -> str:
    """Whitespace runs (newlines included) as single spaces, for excerpts."""
    return " ".join(text.split())
