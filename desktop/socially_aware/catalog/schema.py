"""The shipped JSON Schema for checklist files, and its errors turned into plain sentences.

A file is first given the quick check made from the same schema (`catalog/quickcheck.py`); jsonschema
is imported, and the file validated by it, only when that check does not pass the file.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from functools import cache
from itertools import islice
from pathlib import Path
from typing import TYPE_CHECKING, Any

from socially_aware.catalog.quickcheck import Check, quick_check
from socially_aware.catalog.yamlnodes import JsonPath

if TYPE_CHECKING:
    from jsonschema import Draft202012Validator
    from jsonschema.exceptions import ValidationError

SCHEMA_PATH = Path(__file__).with_name("schema.json")
MAX_ERRORS_PER_FILE = 10
"""Per file: enough to fix in one go, few enough for a banner."""


@cache
def _schema() -> dict[str, Any]:
    loaded: dict[str, Any] = json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))
    return loaded


@cache
def _validator(definition: str) -> Draft202012Validator:
    from jsonschema import Draft202012Validator

    return Draft202012Validator({"$ref": f"#/$defs/{definition}", "$defs": _schema()["$defs"]})


@cache
def _quick(definition: str) -> Check:
    return quick_check(_schema()["$defs"], definition)


def platform_errors(data: Any) -> Iterator[tuple[JsonPath, str]]:
    yield from _errors("platformFile", data)


def organisation_errors(data: Any) -> Iterator[tuple[JsonPath, str]]:
    yield from _errors("organisationFile", data)


def deployment_errors(data: Any) -> Iterator[tuple[JsonPath, str]]:
    yield from _errors("deploymentFile", data)


def _errors(definition: str, data: Any) -> Iterator[tuple[JsonPath, str]]:
    if _quick(definition)(data):
        return  # certainly valid: jsonschema would find nothing
    # Only the first few are made: a file with 100,000 wrong entries would otherwise cost seconds.
    first = list(islice(_validator(definition).iter_errors(data), MAX_ERRORS_PER_FILE + 1))
    errors = sorted(first[:MAX_ERRORS_PER_FILE], key=lambda e: [str(p) for p in e.absolute_path])
    for error in errors:
        yield from islice(_explain(error), MAX_ERRORS_PER_FILE)
    if len(first) > MAX_ERRORS_PER_FILE:
        yield (), "and more problems: fix these first"


def _explain(error: ValidationError) -> Iterator[tuple[JsonPath, str]]:
    path: JsonPath = tuple(error.absolute_path)
    kind = error.validator
    if kind == "additionalProperties" and isinstance(error.instance, dict):
        allowed = set(error.schema.get("properties", {}))
        for key in sorted(k for k in error.instance if k not in allowed):
            yield (*path, key), f"unknown key '{key}' (allowed: {', '.join(sorted(allowed))})"
        return
    if kind == "required":
        missing = error.message.split("'")[1] if "'" in error.message else error.message
        yield path, f"the required key '{missing}' is missing"
        return
    if kind == "pattern" and isinstance(error.instance, str):
        if "https" in str(error.validator_value):
            yield path, f"must be an https:// web address, not '{_short(error.instance)}'"
        else:
            yield path, f"'{_short(error.instance)}' is not allowed here (lowercase letters, digits and '-' only)"
        return
    if kind == "enum":
        yield path, f"'{_short(error.instance)}' is not one of: {', '.join(map(str, error.validator_value))}"
        return
    if kind == "type":
        yield path, f"must be {_type_name(error.validator_value)}, not {_type_name(type(error.instance).__name__)}"
        return
    if kind in ("minItems", "minProperties", "minLength"):
        yield path, "must not be empty"
        return
    if kind == "const":
        yield path, f"must be {error.validator_value!r}"
        return
    yield path, error.message


def _short(value: object) -> str:
    text = str(value)
    return text if len(text) <= 60 else text[:57] + "..."


def _type_name(name: object) -> str:
    return {
        "object": "a mapping of keys",
        "dict": "a mapping of keys",
        "array": "a list",
        "list": "a list",
        "string": "text",
        "str": "text",
        "integer": "a whole number",
        "int": "a whole number",
        "NoneType": "empty",
        "bool": "true/false",
        "boolean": "true/false",
        "float": "a number",
    }.get(str(name), str(name))


def field_name(path: JsonPath) -> str | None:
    """`("items", 2, "link")` -> `items[2].link`."""
    if not path:
        return None
    text = ""
    for part in path:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else str(part))
    return text


def expected_kind(definition: str, path: JsonPath) -> str | None:
    """What the schema wants at `path` in a `definition` file: "text", "long-text" (may hold line
    breaks), "date", "boolean", "integer", "number", "object", "array", or None where it wants nothing."""
    return _kind_at(definition, tuple(0 if isinstance(p, int) else p for p in path))


@cache
def _kind_at(definition: str, path: JsonPath) -> str | None:
    defs = _schema()["$defs"]
    node: Any = defs[definition]
    long_text = False
    for part in (*path, None):
        while "$ref" in node:
            name = node["$ref"].rsplit("/", 1)[-1]
            long_text = name in ("text", "stepList")
            node = defs[name]
        if part is None:
            break
        if isinstance(part, int):
            node = node.get("items")
        else:
            extra = node.get("additionalProperties")
            node = node.get("properties", {}).get(part, extra if isinstance(extra, dict) else None)
        if not isinstance(node, dict):
            return None
    if "enum" in node or node.get("type") == "string":
        if node.get("format") == "date":
            return "date"
        return "long-text" if long_text else "text"
    if "const" in node:
        return "integer" if isinstance(node["const"], int) else "text"
    kind = node.get("type")
    return kind if isinstance(kind, str) else None
