"""Decode the text files of a download: JSON, X's `window.YTD.… =` JavaScript, CSV.

Each failure is a `DocumentError` whose message names what is wrong with that one file; the
review goes on with the next. Deep nesting is refused by the parser's own guard (RecursionError is
caught here, at the one place that parses), and walking the result is iterative and depth-capped.
"""

from __future__ import annotations

import codecs
import csv
import io
import json
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from socially_aware.review import limits
from socially_aware.review.folding import fix_mojibake


class DocumentError(Exception):
    """One file cannot be read as what its name says it is."""


_DECODER = json.JSONDecoder()


def text_of(data: bytes) -> str:
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return data.decode("utf-8", "replace")


def parse_json(text: str, start: int = 0) -> Any:
    try:
        value, end = _DECODER.raw_decode(text, _skip_space(text, start))
    except RecursionError:
        raise DocumentError("is nested too deeply to be read safely") from None
    except json.JSONDecodeError as error:
        raise DocumentError(f"is not valid JSON (line {error.lineno}, column {error.colno}: {error.msg})") from None
    if text[end:].strip():
        raise DocumentError("has unexpected text after its JSON data")
    return value


def _skip_space(text: str, index: int) -> int:
    while index < len(text) and text[index] in " \t\r\n\ufeff":
        index += 1
    return index


def load_json(data: bytes) -> Any:
    return parse_json(text_of(data))


_YTD = re.compile(
    r"\s*(?:window\.YTD\.[A-Za-z0-9_]+\.part\d+|Grailbird\.data\.tweets_\d{4}_\d{2}|var\s+user_details)\s*=\s*"
)
"""X's `window.YTD.<name>.partN =` (2019 on); the older archive's `Grailbird.data.tweets_2018_01 =` and
`var user_details =`."""


def load_ytd(data: bytes) -> Any:
    """X/Twitter archive files: `window.YTD.<name>.part<N> = [ … ]` (or the older archive's prefixes)."""
    text = text_of(data)
    match = _YTD.match(text)
    if match is None:
        raise DocumentError("does not start with the window.YTD… = line an X archive file has; not read")
    return parse_json(text.rstrip().rstrip(";"), match.end())


def csv_rows(data: bytes) -> Iterator[dict[str, str]]:
    """Rows keyed by header; a header cell repeated or missing values are tolerated."""
    text = text_of(data)
    csv.field_size_limit(limits.MAX_TEXT_CHARS * 10)
    reader = csv.DictReader(io.StringIO(text, newline=""))
    try:
        for row in reader:
            yield {str(k).strip(): (v if isinstance(v, str) else "") for k, v in row.items() if k is not None}
    except csv.Error as error:
        raise DocumentError(f"is not a readable CSV file ({error})") from None


def strings(value: Any, max_depth: int = limits.MAX_DEPTH) -> Iterator[str]:
    """Every string inside `value`, depth first, iteratively (no recursion), capped in depth."""
    stack: list[tuple[Any, int]] = [(value, 0)]
    while stack:
        item, depth = stack.pop()
        if isinstance(item, str):
            yield item
        elif depth < max_depth and isinstance(item, dict):
            stack.extend((v, depth + 1) for v in reversed(list(item.values())))
        elif depth < max_depth and isinstance(item, list):
            stack.extend((v, depth + 1) for v in reversed(item))


def find_key(value: Any, key: str, max_depth: int = limits.MAX_DEPTH) -> Iterator[Any]:
    """Values stored under `key` anywhere inside `value`, iteratively, capped in depth."""
    stack: list[tuple[Any, int]] = [(value, 0)]
    while stack:
        item, depth = stack.pop()
        if depth >= max_depth:
            continue
        if isinstance(item, dict):
            for k, v in item.items():
                if k == key:
                    yield v
                else:
                    stack.append((v, depth + 1))
        elif isinstance(item, list):
            stack.extend((v, depth + 1) for v in item)


def text(value: Any, mojibake: bool = False) -> str:
    """A string field, or "" for anything else; capped in length."""
    if not isinstance(value, str):
        return ""
    value = value[: limits.MAX_TEXT_CHARS]
    return fix_mojibake(value) if mojibake else value


def number(value: Any) -> float | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, int | float):
        return float(value)
    if isinstance(value, str):
        try:
            return float(value.strip())
        except ValueError:
            return None
    return None


def dig(value: Any, *keys: str | int) -> Any:
    """value[k1][k2]… or None when any step is missing or of the wrong type."""
    for key in keys:
        if isinstance(key, int):
            if not isinstance(value, list) or not -len(value) <= key < len(value):
                return None
            value = value[key]
        else:
            if not isinstance(value, dict):
                return None
            value = value.get(key)
    return value


def as_list(value: Any) -> list[Any]:
    return value if isinstance(value, list) else []


_NUMBER_CONTINUES = frozenset(".eE+-0123456789")


@lru_cache(maxsize=32)
def _wrapper(keys: tuple[str, ...]) -> re.Pattern[str]:
    return re.compile(r'\{\s*"(?:' + "|".join(re.escape(k) for k in keys) + r')"\s*:\s*\[')


@dataclass(frozen=True)
class Skimmed:
    """Stands for `count` elements of a streamed list that the skim said hold nothing to look at."""

    count: int


_BATCH_MIN = 32 << 10
"""Below this much unread text, elements are parsed one by one; windows are about half of it."""
_BATCH_FAILURES = 8
"""Batches that did not parse in one file before the file is read element by element only."""


def stream_array(
    chunks: Iterator[bytes],
    ytd: bool = False,
    inside: tuple[str, ...] = (),
    skim: Callable[[str], bool] | None = None,
) -> Iterator[Any]:
    """The elements of a top-level JSON array, parsed as the file streams in.

    Memory holds a window of the file (a few MB at most), not the file: a 1 GB `tweets.js` never
    exists as one string. A top-level object is yielded whole (one element). `ytd` first strips X's
    `window.YTD.<name>.partN =` line. `inside` names keys of a top-level object whose list is
    streamed instead when it comes first (`{"locations": [ … ]}`); what follows that list is not read.
    Deep nesting and broken JSON raise DocumentError; an element larger than MAX_DOCUMENT_BYTES is refused.

    Speed: where the elements are separated the way the first two are (say `"}, {"`), the window's
    complete elements are parsed with one call. `skim(text)` then decides from their raw text
    whether any could hold a finding; a run of elements it clears is yielded as one `Skimmed(n)`.
    """
    decoder = codecs.getincrementaldecoder("utf-8")("replace")
    buffer, pos, eof = "", 0, False
    base = 0  # where buffer[0] is in the whole text
    want = 1

    def more() -> bool:
        nonlocal buffer, pos, eof, want, base
        if eof:
            return False
        buffer = buffer[pos:]
        base += pos
        pos = 0
        # Ask for twice as much each time an element is still incomplete, so a big element costs O(n).
        for _ in range(want):
            chunk = next(chunks, b"")
            if not chunk:
                eof = True
                buffer += decoder.decode(b"", final=True)
                break
            buffer += decoder.decode(chunk)
        want = min(want * 2, 64)
        if len(buffer) > limits.MAX_DOCUMENT_BYTES:
            raise DocumentError(f"has one entry larger than this review reads ({limits.MAX_DOCUMENT_BYTES >> 20} MB)")
        return True

    def skip() -> None:
        nonlocal pos
        while True:
            while pos < len(buffer) and buffer[pos] in " \t\r\n\ufeff":
                pos += 1
            if pos < len(buffer) or not more():
                return

    more()
    skip()
    if ytd:
        while len(buffer) - pos < 200 and more():
            pass
        match = _YTD.match(buffer, pos)
        if match is None:
            raise DocumentError("does not start with the window.YTD… = line an X archive file has; not read")
        pos = match.end()
        skip()
    if pos >= len(buffer):
        raise DocumentError("is empty")
    wrapped = _wrapper(inside).match(buffer, pos) if inside and buffer[pos] == "{" else None
    if wrapped is not None:
        pos = wrapped.end() - 1
    if buffer[pos] != "[":
        while more():
            pass
        yield parse_json(buffer.rstrip().rstrip(";") if ytd else buffer, pos)
        return
    pos += 1
    first = True
    separator = ""  # how the first two elements are separated, from the end of one to the start of the next
    batch_failures = 0
    no_batch_before = 0
    previous_end = -1
    while True:
        skip()
        if pos >= len(buffer):
            raise DocumentError("ends before its list is closed (the file is cut short)")
        if buffer[pos] == "]":
            if wrapped is not None:
                return
            pos += 1
            skip()
            if buffer[pos:].strip().rstrip(";").strip():
                raise DocumentError("has unexpected text after its JSON data")
            return
        if not first:
            if buffer[pos] != ",":
                raise DocumentError("is not valid JSON (expected a comma between entries)")
            pos += 1
            skip()
            if not separator and previous_end - base >= 1 and buffer[pos : pos + 1] in ("{", "["):
                separator = _learn_separator(buffer, previous_end - base, pos)
        first = False
        if separator and batch_failures < _BATCH_FAILURES and len(buffer) - pos >= _BATCH_MIN:
            # Windows of about _BATCH_MIN: small enough that a skim clears most of a file's windows.
            cut = buffer.find(separator, pos + _BATCH_MIN // 2)
            if cut > pos and base + cut >= no_batch_before:
                close = cut + separator.index(",")
                raw = buffer[pos:close]
                try:
                    values = json.loads("[" + raw + "]")
                except RecursionError:
                    raise DocumentError("is nested too deeply to be read safely") from None
                except json.JSONDecodeError:
                    # The separator was inside an element (a nested list): one element at a time up to it.
                    batch_failures += 1
                    no_batch_before = base + close + 1
                else:
                    pos = close
                    if skim is not None and not skim(raw):
                        yield Skimmed(len(values))
                    else:
                        yield from values
                    continue
        while True:
            try:
                value, end = _DECODER.raw_decode(buffer, pos)
            except RecursionError:
                raise DocumentError("is nested too deeply to be read safely") from None
            except json.JSONDecodeError as error:
                if more():
                    continue
                raise DocumentError(f"is not valid JSON ({error.msg})") from None
            # A number cut by a chunk boundary parses as a shorter number ("-0." reads as -0): only
            # take it once what follows could not continue it.
            cut_number = (
                isinstance(value, int | float)
                and not isinstance(value, bool)
                and (end == len(buffer) or buffer[end] in _NUMBER_CONTINUES)
            )
            if cut_number and more():
                continue
            break
        pos = end
        previous_end = base + end
        want = 1
        yield value


def _learn_separator(buffer: str, previous_end: int, next_start: int) -> str:
    """The text between two top-level elements with their closing and opening brackets and the
    closing one's indentation: in pretty-printed files that indentation tells the top level apart."""
    line_start = buffer.rfind("\n", 0, previous_end - 1) + 1
    indent = buffer[line_start : previous_end - 1]
    lead = "\n" + indent if indent.strip() == "" and line_start > 0 else ""
    return lead + buffer[previous_end - 1 : next_start + 1]
