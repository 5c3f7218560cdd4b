"""Text that YAML reads differently from what its author wrote, and text that could spoof the screen.

A plain YAML value silently loses everything after ` #` (a comment), turns `no` into false,
`2024-01-01` into a date and `1:30` into 90, and reads `&x text` as an anchor plus `text`. The
schema can't see any of that: the loaded value is valid, just not what the line says. Other YAML
readers (YAML 1.2) also read `1e3` as a number and `.inf` as infinity. And characters that change
the direction of text (U+202E makes "Turn OFF" read as "Turn ON") or control the terminal have no
place in a checklist. Each check here compares the composed node with its own source line.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterator
from typing import Any

import yaml

from socially_aware.catalog.model import DIRECTION_CONTROLS, LINE_SEPARATORS
from socially_aware.catalog.yamlnodes import Document, JsonPath

Problem = tuple[JsonPath, int, str, JsonPath]
"""(where in the data, 1-based line, what is wrong, where a schema error it explains would be)"""
ExpectedKind = Callable[[JsonPath], str | None]
"""The kind of value the schema wants at a path: text, long-text, date, boolean, integer, number or None."""

_YAML = "tag:yaml.org,2002:"
_SURPRISING_TAGS = {
    _YAML + "bool": "true/false",
    _YAML + "int": "a number",
    _YAML + "float": "a number",
    _YAML + "null": "empty",
    _YAML + "timestamp": "a date",
}
# What YAML 1.2 readers (and so other tools that open these files) resolve that PyYAML keeps as text.
_YAML12 = (
    (re.compile(r"[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?|0o[0-7]+|0x[0-9a-fA-F]+"), "a number"),
    (re.compile(r"[-+]?\.(inf|Inf|INF)|\.(nan|NaN|NAN)"), "a number"),
)
_CANONICAL_BOOLEANS = {"true", "false"}
_MARKS = "".join(re.escape(chr(c)) for c in sorted(DIRECTION_CONTROLS | LINE_SEPARATORS))
_ONE_LINE = re.compile(rf"[\x00-\x1f\x7f-\x9f{_MARKS}]")
_MULTI_LINE = re.compile(rf"[\x00-\x09\x0b-\x1f\x7f-\x9f{_MARKS}]")


def forbidden_character(value: str, newlines: bool) -> str | None:
    """A sentence about the first character text may not hold, or None."""
    found = (_MULTI_LINE if newlines else _ONE_LINE).search(value)
    if found is None:
        return None
    char = found.group()
    code = ord(char)
    if code in DIRECTION_CONTROLS:
        kind = "changes the direction of text, so it can make words read backwards"
    elif code in LINE_SEPARATORS:
        kind = "is a line separator that some screens ignore"
    else:
        kind = "is a control character" + ("" if char != "\n" else ": this field is one line")
    name = unicodedata.name(char, "")
    return f"contains U+{code:04X}{f' ({name})' if name else ''}, which {kind}; remove it"


def surprises(doc: Document, expected: ExpectedKind) -> Iterator[Problem]:
    """Every value whose loaded text differs from its line, or that holds a forbidden character,
    in document order (lazily: a caller that wants the first few pays only for those)."""
    if doc.root is None:
        return
    lines = doc.text.split("\n")
    yield from _walk(doc.root, (), lines, doc.text, expected)


def _walk(node: yaml.Node, path: JsonPath, lines: list[str], text: str, expected: ExpectedKind) -> Iterator[Problem]:
    yield from _walk_at(node, path, lines, text, expected, None)


def _walk_at(
    node: yaml.Node, path: JsonPath, lines: list[str], text: str, expected: ExpectedKind, indent: int | None
) -> Iterator[Problem]:
    """`indent`: the column a continuation line of this value must be beyond (None in flow style)."""
    if isinstance(node, yaml.MappingNode):
        for key_node, value_node in node.value:
            child = (*path, key_node.value)  # as written, like the line map in yamlnodes
            yield from _key(key_node, child, lines)
            column = None if node.flow_style else key_node.start_mark.column
            yield from _walk_at(value_node, child, lines, text, expected, column)
    elif isinstance(node, yaml.SequenceNode):
        for index, item in enumerate(node.value):
            column = None if node.flow_style else node.start_mark.column
            yield from _walk_at(item, (*path, index), lines, text, expected, column)
    elif isinstance(node, yaml.ScalarNode):
        yield from _scalar(node, path, lines, text, expected(path))
        if _plain(node) and indent is not None:
            yield from _comment_inside(node, path, lines, indent)


def _comment_inside(node: yaml.ScalarNode, path: JsonPath, lines: list[str], indent: int) -> Iterator[Problem]:
    """A `#` line indented like the rest of a multi-line value is a comment: the text stops before it."""
    for number in range(node.end_mark.line + 1, len(lines)):
        line = lines[number]
        if not line.strip():
            continue
        stripped = line.lstrip(" ")
        if stripped.startswith("#") and len(line) - len(stripped) > indent:
            yield (
                path,
                node.start_mark.line + 1,
                f"line {number + 1} ('{_short(stripped.strip())}') is indented as part of this value but YAML reads "
                "it as a comment and drops it; put the whole value in quotes or use a block (|- or >-)",
                path,
            )
        return


def _key(node: yaml.Node, path: JsonPath, lines: list[str]) -> Iterator[Problem]:
    line = node.start_mark.line + 1
    bad = forbidden_character(str(node.value), newlines=False)
    if bad:
        yield path, line, f"the key {bad}", path[:-1]
        return
    if _plain(node):
        read_as = _SURPRISING_TAGS.get(node.tag) or _yaml12_kind(node.value)
        if read_as:
            yield path, line, f"YAML reads the key {node.value} as {read_as}, not as text: put it in quotes", path[:-1]


def _scalar(node: yaml.ScalarNode, path: JsonPath, lines: list[str], text: str, kind: str | None) -> Iterator[Problem]:
    line = node.start_mark.line + 1
    value: str = node.value
    bad = forbidden_character(value, newlines=kind == "long-text")
    if bad:
        yield path, line, bad, path
        return
    if not _plain(node):
        return
    written = text[node.start_mark.index : node.end_mark.index]
    after = lines[node.end_mark.line][node.end_mark.column :] if node.end_mark.line < len(lines) else ""
    if after[:1].isspace() and after.lstrip().startswith("#"):
        lost = after.strip()
        yield (
            path,
            line,
            (
                f"YAML reads '{_short(lost)}' after this value as a comment and drops it; if the # is "
                "part of the text, put the whole value in quotes (else move the comment to its own line)"
            ),
            path,
        )
        return
    if " ".join(written.split()) != " ".join(value.split()):
        yield (
            path,
            line,
            (
                f"YAML reads this as '{_short(value)}' although the line says '{_short(written)}' "
                "(& starts an anchor, ! a tag): put the text in quotes"
            ),
            path,
        )
        return
    read_as = _SURPRISING_TAGS.get(node.tag) or _yaml12_kind(value)
    if kind in ("text", "long-text") and read_as and value:
        yield path, line, f"YAML reads {value} as {read_as}, not as text: put it in quotes if it is text", path
    elif kind == "boolean" and value not in _CANONICAL_BOOLEANS and node.tag == _YAML + "bool":
        yield path, line, f"write true or false, not {value} (other YAML readers take {value} as text)", path


def _plain(node: yaml.Node) -> bool:
    return isinstance(node, yaml.ScalarNode) and not node.style


def _yaml12_kind(value: Any) -> str | None:
    if not isinstance(value, str):
        return None
    return next((kind for pattern, kind in _YAML12 if pattern.fullmatch(value)), None)


def _short(text: str) -> str:
    return text if len(text) <= 60 else text[:57] + "..."
