"""Strict YAML reading that remembers where every value came from.

Checklists are written by people, so an error must name the line. And they may come from a
system-wide folder someone else controls, so anything clever is refused: anchors and aliases
(the "billion laughs" bomb), duplicate keys, non-standard tags, deep nesting, huge files, files
with tens of thousands of values, and anything that is not a regular file (a FIFO would block,
/dev/zero would never end).
"""

from __future__ import annotations

import os
import stat
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

MAX_FILE_BYTES = 1024 * 1024
MAX_DEPTH = 32
"""Checklists nest about six levels; the cap keeps every recursive walk far from Python's limit."""
MAX_NODES = 20_000
"""The largest shipped file holds under 300 keys and values; past this, checking a file costs seconds."""

# libyaml when the wheel has it (it does on the usual platforms): about ten times faster.
_Loader: type = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

JsonPath = tuple[str | int, ...]


class YamlProblem(Exception):
    def __init__(self, message: str, line: int | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.line = line


@dataclass(frozen=True)
class Document:
    data: Any
    lines: dict[JsonPath, int]
    """1-based line of each mapping key or sequence entry, by its path in `data`."""
    root: yaml.Node | None = None
    """The composed nodes, with their styles and marks, for checks on how values were written."""
    text: str = ""

    def line_of(self, path: JsonPath) -> int | None:
        """The line of `path`, or of its nearest ancestor that has one."""
        for end in range(len(path), -1, -1):
            line = self.lines.get(tuple(path[:end]))
            if line is not None:
                return line
        return None


class _PlainDatesConstructor(yaml.constructor.SafeConstructor):
    """Keeps dates as the text written, so the schema sees exactly what the author typed."""


_PlainDatesConstructor.add_constructor(  # type: ignore[type-var]  # types-PyYAML types the class method for the base loader only
    "tag:yaml.org,2002:timestamp", yaml.constructor.SafeConstructor.construct_yaml_str
)


def read_document(path: Path) -> Document:
    """Read and check one YAML file; raises `YamlProblem` naming the line where it can."""
    raw = read_regular_file(path, MAX_FILE_BYTES)
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = raw[: error.start].count(b"\n") + 1
        raise YamlProblem("is not UTF-8 text", line) from error
    return parse_document(text)


def read_regular_file(path: Path, limit: int, what: str = "checklist files") -> bytes:
    """At most `limit` bytes of a regular file, checked on the open descriptor (no race with a swap).

    Opened non-blocking so a FIFO can't hang the open; anything but a regular file is refused
    before a byte is read. `what` names the kind of file in the size refusals.
    """
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0) | getattr(os, "O_BINARY", 0)
    try:
        fd = os.open(path, flags)
    except OSError as error:
        raise YamlProblem(f"cannot be read: {error.strerror or error}") from error
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            raise YamlProblem("is not a regular file (a folder, device or pipe), so it was not read")
        if info.st_size > limit:
            raise YamlProblem(f"is {info.st_size:,} bytes; {what} may be at most {limit:,}")
        chunks: list[bytes] = []
        size = 0
        while size <= limit and (chunk := os.read(fd, limit + 1 - size)):
            chunks.append(chunk)
            size += len(chunk)
        raw = b"".join(chunks)
    except OSError as error:
        raise YamlProblem(f"cannot be read: {error.strerror or error}") from error
    finally:
        os.close(fd)
    if len(raw) > limit:  # it grew after fstat
        raise YamlProblem(f"is over {limit:,} bytes; {what} may be at most {limit:,}")
    return raw


def parse_document(text: str) -> Document:
    try:
        root = yaml.compose(text, Loader=_Loader)
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        message = " ".join(p for p in (error.context, error.problem) if p) or "is not valid YAML"
        raise YamlProblem(f"YAML syntax: {message}", mark.line + 1 if mark else None) from error
    except yaml.YAMLError as error:
        raise YamlProblem(f"YAML syntax: {error}") from error
    except RecursionError as error:
        raise YamlProblem(f"nests deeper than {MAX_DEPTH} levels") from error
    if root is None:
        raise YamlProblem("is empty", 1)
    lines: dict[JsonPath, int] = {}
    _check_nodes(root, (), lines, set())
    constructor = _PlainDatesConstructor()
    try:
        data = constructor.construct_document(root)
    except yaml.constructor.ConstructorError as error:
        mark = error.problem_mark
        raise YamlProblem(f"unsupported value: {error.problem}", mark.line + 1 if mark else None) from error
    return Document(data=data, lines=lines, root=root, text=text)


def _check_nodes(node: yaml.Node, path: JsonPath, lines: dict[JsonPath, int], seen: set[int]) -> None:
    # An alias makes the composer hand back a node it already built; seeing a node twice means
    # the file uses aliases, which is how YAML bombs grow. Refuse before anything expands.
    if id(node) in seen:
        raise YamlProblem("uses YAML anchors or aliases (&, *), which checklists may not", node.start_mark.line + 1)
    seen.add(id(node))
    if len(seen) > MAX_NODES:
        raise YamlProblem(
            f"holds more than {MAX_NODES:,} keys and values; checklist files hold a few hundred",
            node.start_mark.line + 1,
        )
    if len(path) > MAX_DEPTH:
        raise YamlProblem(f"nests deeper than {MAX_DEPTH} levels", node.start_mark.line + 1)
    if not node.tag.startswith("tag:yaml.org,2002:"):
        raise YamlProblem(f"uses the tag '{node.tag}', which checklists may not", node.start_mark.line + 1)
    lines.setdefault(path, node.start_mark.line + 1)
    if isinstance(node, yaml.MappingNode):
        keys: set[Any] = set()
        for key_node, value_node in node.value:
            if not isinstance(key_node, yaml.ScalarNode):
                raise YamlProblem("a mapping key must be plain text", key_node.start_mark.line + 1)
            if key_node.tag == "tag:yaml.org,2002:merge":
                raise YamlProblem("uses a YAML merge key (<<), which checklists may not", key_node.start_mark.line + 1)
            key = key_node.value
            if key in keys:
                raise YamlProblem(f"the key '{key}' appears twice", key_node.start_mark.line + 1)
            keys.add(key)
            child = (*path, key)
            lines[child] = key_node.start_mark.line + 1
            _check_nodes(value_node, child, lines, seen)
    elif isinstance(node, yaml.SequenceNode):
        for index, item in enumerate(node.value):
            child = (*path, index)
            lines[child] = item.start_mark.line + 1
            _check_nodes(item, child, lines, seen)
