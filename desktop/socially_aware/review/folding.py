"""The one text normaliser of the review, the draft check and the photo-content check.

People write their employer in many ways and some hide it on purpose: `#BorderForce`,
`#borderforce`, `Border-Force`, `A.B.F.`, `@abf_officer`, fullwidth letters, Cyrillic look-alikes,
zero-width characters or an emoji between the words. `normalise` turns text into one searchable
form and remembers, for each character of that form, which character of the original it came
from, so excerpts are always cut from what the person actually wrote.

Steps, per character: drop Unicode default-ignorable code points (zero-width, soft hyphen, word
joiner, bidi controls, variation selectors, tags); NFKC (fullwidth, ligatures, mathematical letters);
fold Unicode's confusables to the ASCII letter they imitate (data from `confusable_homoglyphs`,
which ships Unicode's confusables.txt as JSON; only its data file is read); remove accents; fold case.
Then, in the *words* form, separators between letters (hyphens, dots, underscores, apostrophes,
emoji, other symbols) become `JOIN`, sentence punctuation elsewhere becomes `BREAK`, whitespace
becomes a space, and hashtags and handles are split at camelCase and letter/digit boundaries
(`Detectors` also matches a term's words run together inside them: `#australianborderforce`).
"""

from __future__ import annotations

import json
import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

JOIN = "\x1f"
"""Stands for a separator written between two letters or digits ("Border-Force", "A.B.F")."""
BREAK = "|"
"""Stands for sentence punctuation not between letters: a term's words never match across it."""
TAG_STARTS = "#@"

# Unicode's Default_Ignorable_Code_Point ranges (DerivedCoreProperties.txt): characters that
# render as nothing and so can sit inside a word unseen.
_IGNORABLE_RANGES = (
    (0x00AD, 0x00AD),
    (0x034F, 0x034F),
    (0x061C, 0x061C),
    (0x115F, 0x1160),
    (0x17B4, 0x17B5),
    (0x180B, 0x180F),
    (0x200B, 0x200F),
    (0x202A, 0x202E),
    (0x2060, 0x206F),
    (0x3164, 0x3164),
    (0xFE00, 0xFE0F),
    (0xFEFF, 0xFEFF),
    (0xFFA0, 0xFFA0),
    (0xFFF0, 0xFFF8),
    (0x1BCA0, 0x1BCA3),
    (0x1D173, 0x1D17A),
    (0xE0000, 0xE0FFF),
)
_SENTENCE = frozenset(".,;:!?()[]{}<>\"'«»“”‘’…")
_URLISH = re.compile(r"^(?:[a-z][a-z0-9+.-]*://|www\.)|/", re.IGNORECASE)


def is_ignorable(ch: str) -> bool:
    code = ord(ch)
    return any(low <= code <= high for low, high in _IGNORABLE_RANGES)


@lru_cache(maxsize=1)
def _confusables() -> dict[str, str]:
    """Non-ASCII character -> the one ASCII letter or digit Unicode lists it as confusable with."""
    raw = resources.files("confusable_homoglyphs").joinpath("confusables.json").read_text(encoding="utf-8")
    table: dict[str, str] = {}
    for char, entries in json.loads(raw).items():
        if char.isascii() or len(char) != 1:
            continue
        targets = {e.get("c", "") for e in entries if isinstance(e, dict)}
        targets = {t for t in targets if len(t) == 1 and t.isascii() and t.isalnum()}
        if len(targets) == 1:
            table[char] = targets.pop()
    return table


@lru_cache(maxsize=8192)
def _clean_char(ch: str) -> str:
    """One character after NFKC, confusable folding and accent removal; case kept ("" when ignorable)."""
    if is_ignorable(ch):
        return ""
    out = []
    for c in unicodedata.normalize("NFKC", ch):
        if is_ignorable(c):
            continue
        c = _confusables().get(c, c)
        for d in unicodedata.normalize("NFKD", c):
            if not unicodedata.combining(d) and not is_ignorable(d):
                out.append(_confusables().get(d, d))
    return "".join(out)


def _cleaned(text: str) -> tuple[str, list[int]]:
    """Text with ignorables dropped and letters folded to their plain form (case kept), with offsets."""
    if text.isascii():
        return text, list(range(len(text)))
    chars: list[str] = []
    offsets: list[int] = []
    for index, ch in enumerate(text):
        if ch.isascii():
            chars.append(ch)
            offsets.append(index)
            continue
        for c in _clean_char(ch):
            chars.append(c)
            offsets.append(index)
    return "".join(chars), offsets


def fold_with_offsets(text: str) -> tuple[str, list[int]]:
    """Cleaned and case-folded text (punctuation kept: addresses stay whole) and each character's origin."""
    cleaned, offsets = _cleaned(text)
    if cleaned.isascii():
        return cleaned.lower(), offsets
    chars: list[str] = []
    out_offsets: list[int] = []
    for ch, origin in zip(cleaned, offsets, strict=True):
        for c in ch.casefold():
            if not unicodedata.combining(c):
                chars.append(c)
                out_offsets.append(origin)
    return "".join(chars), out_offsets


@dataclass(frozen=True)
class Normalised:
    """The words form of a text and where each of its characters came from in the original."""

    text: str
    offsets: list[int]
    original_length: int

    def span(self, start: int, end: int) -> tuple[int, int]:
        """The original text's [start, end) for the words form's [start, end)."""
        return original_span(self.offsets, start, end, self.original_length)

    def tag_at(self, index: int) -> bool:
        """True when the token holding `index` is a hashtag or a handle."""
        token_start = max(self.text.rfind(" ", 0, index), self.text.rfind(BREAK, 0, index)) + 1
        return self.text[token_start : token_start + 1] in TAG_STARTS and token_start < len(self.text)


def normalise(text: str, split_tags: bool = True) -> Normalised:
    """The words form: see the module docstring. Same length as its offsets list.

    `split_tags=False` leaves hashtags and handles whole: "#customS" is one word there.
    """
    cleaned, offsets = _cleaned(text)
    chars: list[str] = []
    origins: list[int] = []
    for token in re.finditer(r"\S+|\s+", cleaned):
        start, end = token.span()
        if cleaned[start].isspace():
            chars.extend(" " * (end - start))
            origins.extend(offsets[start:end])
            continue
        word = token.group(0)
        tag = word[0] in TAG_STARTS
        # Only hashtags and handles are split: "SmartGate" in a sentence stays one word, and a
        # link's random letters ("t.co/9xAbfQ") never split into a term.
        splits = split_tags and tag and not _URLISH.search(word)
        for index in range(start, end):
            ch = cleaned[index]
            origin = offsets[index]
            if ch.isalnum():
                previous = cleaned[index - 1] if index > start else ""
                following = cleaned[index + 1] if index + 1 < end else ""
                if splits and previous.isalnum() and _boundary(previous, ch, following, tag):
                    chars.append(" ")
                    origins.append(origin)
                for c in ch.casefold():
                    if not unicodedata.combining(c):
                        chars.append(c)
                        origins.append(origin)
            elif ch in TAG_STARTS:
                chars.append(ch)
                origins.append(origin)
            else:
                between = _alnum_before(cleaned, index, start) and _alnum_after(cleaned, index, end)
                chars.append(JOIN if between else BREAK if ch in _SENTENCE else " ")
                origins.append(origin)
    return Normalised("".join(chars), origins, len(text))


def _boundary(previous: str, ch: str, following: str, tag: bool) -> bool:
    """Where a camelCase or letter/digit word boundary falls inside a hashtag or handle."""
    if previous.islower() and ch.isupper():
        return True
    if previous.isupper() and ch.isupper() and following.islower():
        return True
    return tag and (previous.isdigit() != ch.isdigit())


def _alnum_before(text: str, index: int, start: int) -> bool:
    while index > start:
        index -= 1
        if text[index].isalnum():
            return True
        if text[index] in TAG_STARTS:
            return False
    return False


def _alnum_after(text: str, index: int, end: int) -> bool:
    index += 1
    while index < end:
        if text[index].isalnum():
            return True
        if text[index] in TAG_STARTS:
            return False
        index += 1
    return False


@lru_cache(maxsize=1)
def _squash_table() -> dict[int, str | None]:
    table: dict[int, str | None] = {ord(k): v for k, v in _confusables().items()}
    for low, high in _IGNORABLE_RANGES:
        table.update(dict.fromkeys(range(low, high + 1)))
    return table


_JSON_ESCAPE = re.compile(r"\\([^u])")
_JSON_UNICODE = re.compile(r"\\u([0-9a-fA-F]{4})")
_NOT_ALNUM = bytes(c for c in range(256) if not (48 <= c <= 57 or 97 <= c <= 122))
"""Every byte but a-z and 0-9, for bytes.translate (much faster than a regular expression here)."""


def squash_json(raw: str) -> tuple[bytes, ...]:
    """Raw JSON text as lower-case letters and digits only, for a quick "could this match?" test.

    Done on a whole window of a file at C speed (no per-character Python): JSON escapes undone,
    NFKC, confusables folded, ignorables dropped, accents and case folded, everything else removed.
    Two forms: as written and with Meta's mojibake undone (UTF-8 bytes written as \\u00XX).
    A term that `normalise` would find is in one of them, letters contiguous.
    """
    if "\\" in raw:
        raw = _JSON_ESCAPE.sub(" ", raw)
        if "\\u" in raw:
            raw = _JSON_UNICODE.sub(lambda m: chr(int(m.group(1), 16)), raw)
    forms = [raw]
    if not raw.isascii():
        repaired = raw.encode("latin-1", "ignore").decode("utf-8", "ignore")
        if repaired != raw:
            forms.append(repaired)
    out = []
    for form in forms:
        if not form.isascii():
            table = _squash_table()
            form = unicodedata.normalize("NFKC", form).translate(table)
            form = unicodedata.normalize("NFKD", form).translate(table).casefold()
        out.append(form.encode("ascii", "ignore").lower().translate(None, _NOT_ALNUM))
    return tuple(out)


def fold(text: str) -> str:
    """The words form alone, trimmed (for terms)."""
    return normalise(text).text.strip(" " + JOIN + BREAK)


def original_span(offsets: list[int] | None, start: int, end: int, text_length: int) -> tuple[int, int]:
    if offsets is None:
        return start, end
    if not offsets:
        return 0, 0
    first = offsets[min(start, len(offsets) - 1)]
    last = offsets[min(end, len(offsets)) - 1] + 1 if end > 0 else first
    return first, min(max(last, first), text_length)


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
