"""A quick yes/no check of a checklist file against the shipped schema, so a good file needs no jsonschema.

jsonschema stays the authority: it finds and words every problem (`catalog/schema.py`). But loading
it and walking its references costs about a tenth of a second at every start (benchmarks/startup.py),
and every shipped file is valid. So each file is first checked here, against the same `schema.json`,
by functions made once from it; only a file this check does not pass goes to jsonschema.

The check may refuse a valid file (jsonschema then finds nothing, and the file loads as before), but it
must never pass a file jsonschema would refuse. So it is strict where the two could differ: `enum` and
`const` match only values of the same Python type, an integer is never a float or a bool, a schema
keyword it does not know makes it refuse everything (`tests/catalog/test_quickcheck.py` keeps it so).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

Check = Callable[[Any], bool]

_ANNOTATIONS = frozenset({"$schema", "$comment", "$id", "title", "description", "format", "examples", "default"})
"""Keywords that never fail a value: `catalog/schema.py` makes its validator without a format checker,
so `format` is only a note there too (a date like 2026-13-45 passes both)."""


class UnknownKeyword(ValueError):
    """The schema uses a keyword this check doesn't implement: jsonschema has to decide every file."""


def quick_check(definitions: dict[str, Any], name: str) -> Check:
    """A function: value -> True when `value` is certainly valid against `definitions[name]` (the
    schema's `$defs`); one that refuses everything when the schema uses a keyword not known here."""
    try:
        return _Compiler(definitions).definition(name)
    except UnknownKeyword:
        return _refuse


def _refuse(value: Any) -> bool:
    return False


def _is_integer(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def _is_number(value: Any) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)


_TYPES: dict[str, Check] = {
    "string": lambda v: isinstance(v, str),
    "integer": _is_integer,
    "number": _is_number,
    "boolean": lambda v: isinstance(v, bool),
    "object": lambda v: isinstance(v, dict),
    "array": lambda v: isinstance(v, list),
    "null": lambda v: v is None,
}


def _same(expected: Any) -> Check:
    """Equal and of the same type: 1 never matches True or 1.0 here (jsonschema decides those)."""
    if not isinstance(expected, str | int | float | bool) and expected is not None:
        return _refuse
    return lambda value: type(value) is type(expected) and value == expected


class _Compiler:
    def __init__(self, definitions: dict[str, Any]) -> None:
        self.definitions = definitions
        self.made: dict[str, Check] = {}

    def definition(self, name: str) -> Check:
        if name not in self.made:
            if name not in self.definitions:
                raise UnknownKeyword(f"no definition {name!r}")
            self.made[name] = _refuse  # a reference back to it while it is made: looked up at call time
            check = self.node(self.definitions[name])
            self.made[name] = check
        made = self.made
        return lambda value: made[name](value)

    def node(self, schema: Any) -> Check:
        if schema is True:
            return lambda value: True
        if schema is False or not isinstance(schema, dict):
            return _refuse
        checks: list[Check] = []
        for keyword, argument in schema.items():
            if keyword in _ANNOTATIONS:
                continue
            make = _KEYWORDS.get(keyword)
            if make is None:
                raise UnknownKeyword(keyword)
            checks.append(make(self, argument, schema))
        if len(checks) == 1:
            return checks[0]
        return lambda value: all(check(value) for check in checks)

    # One method per keyword (`_KEYWORDS`): `argument` is the keyword's value, `schema` the node holding it.
    def _ref(self, argument: str, schema: dict[str, Any]) -> Check:
        prefix = "#/$defs/"
        if not argument.startswith(prefix) or "/" in argument[len(prefix) :]:
            raise UnknownKeyword(f"$ref {argument!r}")
        return self.definition(argument[len(prefix) :])

    def _type(self, argument: str | list[str], schema: dict[str, Any]) -> Check:
        names = [argument] if isinstance(argument, str) else list(argument)
        if any(name not in _TYPES for name in names):
            raise UnknownKeyword(f"type {argument!r}")
        tests = [_TYPES[name] for name in names]
        return lambda value: any(test(value) for test in tests)

    def _enum(self, argument: list[Any], schema: dict[str, Any]) -> Check:
        tests = [_same(each) for each in argument]
        return lambda value: any(test(value) for test in tests)

    def _const(self, argument: Any, schema: dict[str, Any]) -> Check:
        return _same(argument)

    def _pattern(self, argument: str, schema: dict[str, Any]) -> Check:
        search = re.compile(argument).search  # jsonschema uses re.search too: anchors are the schema's own
        return lambda value: not isinstance(value, str) or search(value) is not None

    def _minLength(self, argument: int, schema: dict[str, Any]) -> Check:
        return lambda value: not isinstance(value, str) or len(value) >= argument

    def _maxLength(self, argument: int, schema: dict[str, Any]) -> Check:
        return lambda value: not isinstance(value, str) or len(value) <= argument

    def _minimum(self, argument: float, schema: dict[str, Any]) -> Check:
        return lambda value: not _is_number(value) or value >= argument

    def _maximum(self, argument: float, schema: dict[str, Any]) -> Check:
        return lambda value: not _is_number(value) or value <= argument

    def _exclusiveMinimum(self, argument: float, schema: dict[str, Any]) -> Check:
        return lambda value: not _is_number(value) or value > argument

    def _exclusiveMaximum(self, argument: float, schema: dict[str, Any]) -> Check:
        return lambda value: not _is_number(value) or value < argument

    def _items(self, argument: Any, schema: dict[str, Any]) -> Check:
        if "prefixItems" in schema:
            raise UnknownKeyword("prefixItems")
        each = self.node(argument)
        return lambda value: not isinstance(value, list) or all(each(item) for item in value)

    def _minItems(self, argument: int, schema: dict[str, Any]) -> Check:
        return lambda value: not isinstance(value, list) or len(value) >= argument

    def _maxItems(self, argument: int, schema: dict[str, Any]) -> Check:
        return lambda value: not isinstance(value, list) or len(value) <= argument

    def _properties(self, argument: dict[str, Any], schema: dict[str, Any]) -> Check:
        checks = {name: self.node(sub) for name, sub in argument.items()}

        def check(value: Any) -> bool:
            if not isinstance(value, dict):
                return True
            return all(test(value[name]) for name, test in checks.items() if name in value)

        return check

    def _additionalProperties(self, argument: Any, schema: dict[str, Any]) -> Check:
        if "patternProperties" in schema:
            raise UnknownKeyword("patternProperties")
        known = frozenset(schema.get("properties", {}))
        each = self.node(argument)

        def check(value: Any) -> bool:
            if not isinstance(value, dict):
                return True
            return all(each(value[key]) for key in value if key not in known)

        return check

    def _required(self, argument: list[str], schema: dict[str, Any]) -> Check:
        return lambda value: not isinstance(value, dict) or all(name in value for name in argument)

    def _minProperties(self, argument: int, schema: dict[str, Any]) -> Check:
        return lambda value: not isinstance(value, dict) or len(value) >= argument

    def _maxProperties(self, argument: int, schema: dict[str, Any]) -> Check:
        return lambda value: not isinstance(value, dict) or len(value) <= argument

    def _propertyNames(self, argument: Any, schema: dict[str, Any]) -> Check:
        each = self.node(argument)
        return lambda value: not isinstance(value, dict) or all(each(key) for key in value)


_KEYWORDS: dict[str, Callable[[_Compiler, Any, dict[str, Any]], Check]] = {
    "$ref": _Compiler._ref,
    "type": _Compiler._type,
    "enum": _Compiler._enum,
    "const": _Compiler._const,
    "pattern": _Compiler._pattern,
    "minLength": _Compiler._minLength,
    "maxLength": _Compiler._maxLength,
    "minimum": _Compiler._minimum,
    "maximum": _Compiler._maximum,
    "exclusiveMinimum": _Compiler._exclusiveMinimum,
    "exclusiveMaximum": _Compiler._exclusiveMaximum,
    "items": _Compiler._items,
    "minItems": _Compiler._minItems,
    "maxItems": _Compiler._maxItems,
    "properties": _Compiler._properties,
    "additionalProperties": _Compiler._additionalProperties,
    "required": _Compiler._required,
    "minProperties": _Compiler._minProperties,
    "maxProperties": _Compiler._maxProperties,
    "propertyNames": _Compiler._propertyNames,
}
"""Every keyword the check implements; any other keyword (but `_ANNOTATIONS`) makes it refuse every file."""
