"""The quick check (`catalog/quickcheck.py`) never passes a file jsonschema refuses, and passes the shipped ones.

Every shipped file, and many files made from them with one value changed, are given to both; the
quick check may refuse a valid file (jsonschema then decides) but must never pass an invalid one.
"""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from jsonschema import Draft202012Validator

from socially_aware.catalog.quickcheck import quick_check
from socially_aware.catalog.schema import SCHEMA_PATH
from socially_aware.catalog.yamlnodes import read_document
from tests.catalog.samples import ROOT

DEFINITIONS: dict[str, Any] = json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))["$defs"]
SHIPPED = sorted((ROOT / "checklists").glob("*.yaml"))


def definition_for(path: Path) -> str:
    return {"organisation.yaml": "organisationFile", "deployment.yaml": "deploymentFile"}.get(path.name, "platformFile")


def jsonschema_valid(definition: str, data: Any) -> bool:
    validator = Draft202012Validator({"$ref": f"#/$defs/{definition}", "$defs": DEFINITIONS})
    return next(iter(validator.iter_errors(data)), None) is None


SHIPPED_DATA = [(definition_for(path), read_document(path).data) for path in SHIPPED]


@pytest.mark.parametrize("path", SHIPPED, ids=lambda p: p.name)
def test_every_shipped_file_passes_the_quick_check_and_jsonschema(path: Path) -> None:
    definition = definition_for(path)
    data = read_document(path).data
    assert jsonschema_valid(definition, data)
    assert quick_check(DEFINITIONS, definition)(data), "the start would load jsonschema for this file"


def _places(value: Any, at: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    """Every path to a value inside `value` (the root included)."""
    found = [at]
    if isinstance(value, dict):
        for key, inner in value.items():
            found += _places(inner, (*at, key))
    elif isinstance(value, list):
        for index, inner in enumerate(value):
            found += _places(inner, (*at, index))
    return found


def _changed(data: Any, at: tuple[Any, ...], how: str, new: Any) -> Any:
    data = copy.deepcopy(data)
    if not at:
        return new
    parent = data
    for part in at[:-1]:
        parent = parent[part]
    last = at[-1]
    if how == "replace":
        parent[last] = new
    elif how == "delete":
        del parent[last]
    elif how == "add" and isinstance(parent, dict):
        parent[f"extra-{new!r}"[:20]] = new
    elif how == "add":
        parent.append(new)
    return data


SCALARS = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-3, max_value=3),
    st.sampled_from([0.0, 1.0, 1.5, 50001, 50000.0, -0.5]),
    st.sampled_from(
        [
            "",
            "x",
            "facebook",
            "Bad Id",
            "privacy",
            "location ",
            "https://example.com/a",
            "http://example.com/a",
            "2026-13-45",
            "2026-01-01",
            "a" * 65,
            "a" * 4001,
            "web",
            "social",
        ]
    ),
)
VALUES = st.one_of(
    SCALARS, st.lists(SCALARS, max_size=3), st.dictionaries(st.sampled_from(["id", "x", "web"]), SCALARS)
)


def _shapes() -> list[tuple[str, Any, tuple[Any, ...]]]:
    """For each definition, one place of every shape (its path with list positions blanked) in the shipped files."""
    seen: set[tuple[str, tuple[Any, ...]]] = set()
    found = []
    for definition, data in SHIPPED_DATA:
        for at in _places(data):
            shape = (definition, tuple("#" if isinstance(part, int) else part for part in at))
            if shape not in seen:
                seen.add(shape)
                found.append((definition, data, at))
    return found


EDGES: list[Any] = [
    *(None, True, False, 0, 1, 2.5, 1.0, 50001, -1),
    *("", " ", "a" * 65, "a" * 201, "a" * 501, "a" * 4001, "Bad Id", "http://example.com/a", "2026-1-1", "2026-13-45"),
    *([], [None], ["a" * 4001], {}, {"x": 1}, {"web": []}),
]


@pytest.mark.parametrize(
    ("definition", "data", "at"), _shapes(), ids=lambda v: "/".join(map(str, v)) if isinstance(v, tuple) else ""
)
def test_every_shape_with_each_edge_value_or_removed_or_an_extra_passes_only_when_jsonschema_does(
    definition: str, data: Any, at: tuple[Any, ...]
) -> None:
    check = quick_check(DEFINITIONS, definition)
    changes = [_changed(data, at, "replace", value) for value in EDGES]
    if at:
        changes += [_changed(data, at, "delete", None), _changed(data, at, "add", "x"), _changed(data, at, "add", None)]
    for changed in changes:
        if check(changed):
            assert jsonschema_valid(definition, changed)


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.data())
def test_a_file_with_one_value_changed_passes_the_quick_check_only_when_jsonschema_passes_it(
    data: st.DataObject,
) -> None:
    definition, original = data.draw(st.sampled_from(SHIPPED_DATA))
    at = data.draw(st.sampled_from(_places(original)))
    how = data.draw(st.sampled_from(["replace", "delete", "add"] if at else ["replace"]))
    changed = _changed(original, at, how, data.draw(VALUES))
    if quick_check(DEFINITIONS, definition)(changed):
        assert jsonschema_valid(definition, changed), (at, how)


@pytest.mark.parametrize(
    ("schema", "value"),
    [
        ({"const": 1}, True),
        ({"const": 1}, 1.0),
        ({"enum": ["a", 1]}, True),
        ({"type": "integer"}, 2.0),
        ({"type": "integer"}, False),
        ({"type": "number"}, True),
        ({"type": "object"}, [("a", 1)]),
        ({"type": "string", "pattern": "^a$"}, "b"),
        ({"propertyNames": {"pattern": "^[a-z]+$"}}, {"A": 1}),
        ({"additionalProperties": False, "properties": {"a": True}}, {"a": 1, "b": 2}),
        ({"required": ["a"]}, {}),
    ],
)
def test_values_where_python_and_json_schema_could_disagree_are_left_to_jsonschema(schema: Any, value: Any) -> None:
    assert not quick_check({"it": schema}, "it")(value)


def test_a_schema_keyword_the_quick_check_does_not_know_makes_it_refuse_every_file() -> None:
    assert not quick_check({"it": {"type": "object", "dependentRequired": {"a": ["b"]}}}, "it")({})
    assert not quick_check({"it": {"$ref": "https://example.com/other.json"}}, "it")({})
    assert not quick_check({"it": {"ref": "#/$defs/it"}}, "it")({})  # not a keyword: jsonschema ignores it
    assert not quick_check({"it": {"__init__": 1}}, "it")({})
    assert quick_check({"it": {"type": "object", "$comment": "a note"}}, "it")({})
