"""The shipped JSON Schema for checklist files, and its errors turned into plain sentences."""

from __future__ import annotations

import json
from collections.abc import Iterator
from functools import cache
from pathlib import Path
from typing import Any

from jsonschema import Draft202012Validator
from jsonschema.exceptions import ValidationError

from socially_aware.catalog.yamlnodes import JsonPath

SCHEMA_PATH = Path(__file__).with_name("schema.json")
MAX_ERRORS_PER_FILE = 10


@cache
def _validator(definition: str) -> Draft202012Validator:
    schema = json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))
    return Draft202012Validator({"$ref": f"#/$defs/{definition}", "$defs": schema["$defs"]})


def platform_errors(data: Any) -> Iterator[tuple[JsonPath, str]]:
    yield from _errors(_validator("platformFile"), data)


def organisation_errors(data: Any) -> Iterator[tuple[JsonPath, str]]:
    yield from _errors(_validator("organisationFile"), data)


def _errors(validator: Draft202012Validator, data: Any) -> Iterator[tuple[JsonPath, str]]:
    errors = sorted(validator.iter_errors(data), key=lambda e: [str(p) for p in e.absolute_path])
    for count, error in enumerate(errors):
        if count == MAX_ERRORS_PER_FILE:
            yield (), f"and {len(errors) - count} more problems"
            return
        yield from _explain(error)


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
        "object": "a mapping of keys", "dict": "a mapping of keys",
        "array": "a list", "list": "a list",
        "string": "text", "str": "text",
        "integer": "a whole number", "int": "a whole number",
        "NoneType": "empty", "bool": "true/false", "boolean": "true/false", "float": "a number",
    }.get(str(name), str(name))


def field_name(path: JsonPath) -> str | None:
    """`("items", 2, "link")` -> `items[2].link`."""
    if not path:
        return None
    text = ""
    for part in path:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else str(part))
    return text
