"""Hostile checklist files: whatever a folder holds, the reader returns a catalog and LoadProblems.

Classes: deep nesting, huge files, alias bombs, control characters, very long lines, non-UTF-8,
special files (FIFO, device, directory, dangling symlink), and random YAML-ish text (hypothesis).
"""

from __future__ import annotations

import os
import time
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from socially_aware.catalog.loader import load_catalog, validate_paths
from socially_aware.catalog.schema import MAX_ERRORS_PER_FILE
from socially_aware.catalog.yamlnodes import MAX_FILE_BYTES
from tests.catalog.samples import good, write_folder


def _load_one(tmp_path: Path, name: str, content: str | bytes) -> tuple[list[str], list[str]]:
    folder = write_folder(tmp_path, {"good": good("good", "Good")})
    target = folder / f"{name}.yaml"
    target.write_bytes(content if isinstance(content, bytes) else content.encode("utf-8"))
    catalog = load_catalog([folder])
    assert catalog.platform("good") is not None, "one hostile file must cost only itself"
    return [p.id for p in catalog.platforms], [str(p) for p in catalog.problems if p.path == target]


NESTING = {
    "flow lists 999 deep": "[" * 999 + "]" * 999,
    "flow lists 100000 deep": "[" * 100_000,
    "flow mappings 900 deep": "{a: " * 900 + "x" + "}" * 900,
    "block lists 2000 deep": "".join("  " * i + "-\n" for i in range(2000)),
    "block mappings 3000 deep": "".join(" " * i + f"k{i}:\n" for i in range(3000)),
    "nesting inside an item": good("deep", "Deep").replace(
        "    revision: 1\n", "    revision: " + "[" * 500 + "]" * 500 + "\n"
    ),
}


@pytest.mark.parametrize("case", sorted(NESTING))
def test_deep_nesting_is_a_problem_not_a_crash(tmp_path: Path, case: str) -> None:
    ids, problems = _load_one(tmp_path, "deep", NESTING[case])
    assert ids == ["good"] and len(problems) >= 1


@pytest.mark.parametrize("size", [MAX_FILE_BYTES + 1, MAX_FILE_BYTES * 3, 50 * MAX_FILE_BYTES])
def test_files_over_the_cap_are_refused_without_reading_them(tmp_path: Path, size: int) -> None:
    folder = write_folder(tmp_path, {"good": good("good", "Good")})
    with open(folder / "huge.yaml", "wb") as sparse:  # sparse: costs no disk, would cost memory if read
        sparse.truncate(size)
    catalog = load_catalog([folder])
    assert [p.id for p in catalog.platforms] == ["good"]
    assert "at most" in catalog.problems[0].message


def test_a_file_just_under_the_cap_is_read(tmp_path: Path) -> None:
    text = good("big", "Big")
    text += "# " + "x" * (MAX_FILE_BYTES - len(text) - 4) + "\n"
    assert len(text.encode()) <= MAX_FILE_BYTES
    ids, problems = _load_one(tmp_path, "big", text)
    assert "big" in ids and problems == []


def _bomb(width: int, depth: int, flow: bool) -> str:
    lines = [f"a0: &a0 [{', '.join(['lol'] * width)}]"]
    for n in range(1, depth):
        refs = ", ".join([f"*a{n - 1}"] * width)
        lines.append(
            f"a{n}: &a{n} [{refs}]" if flow else f"a{n}: &a{n}\n" + "\n".join(f"  - *a{n - 1}" for _ in range(width))
        )
    return "\n".join(lines) + "\n"


@pytest.mark.parametrize(
    "text",
    [
        _bomb(9, 10, True),
        _bomb(2, 60, True),
        _bomb(50, 5, False),
        "a: &x 1\nb: *x\n",  # a single alias is refused as well: checklists never need one
        good("alias", "Alias")
        .replace("    title: Remove your employer\n", "    title: &t Remove your employer\n")
        .replace("    title: Turn off location on posts\n", "    title: *t\n"),
    ],
    ids=["laughs", "deep-chain", "block-style", "single-alias", "alias-in-a-real-file"],
)
def test_alias_bombs_are_refused_quickly(tmp_path: Path, text: str) -> None:
    started = time.perf_counter()
    ids, problems = _load_one(tmp_path, "alias", text)
    assert time.perf_counter() - started < 5
    assert ids == ["good"] and any("aliases" in p for p in problems), problems


@pytest.mark.parametrize(
    "raw",
    [
        b"schema: 1\x00\n",
        b"schema: \x1b[2J1\n",
        b"\x07platform: x\n",
        b"schema: 1\x7f\n",
        b"a: \xc2\x9b31m\n",
        b"\xff\xfe\x00s\x00c\x00",
        b"schema: 1\n\xed\xa0\x80\n",
        b"\xef\xbb\xbf\xef\xbb\xbfschema: 1\n",
        b"schema: 1\n" + b"a" * 200 + b"\xe9\n",
    ],
)
def test_control_bytes_and_invalid_utf8_are_problems(tmp_path: Path, raw: bytes) -> None:
    ids, problems = _load_one(tmp_path, "bytes", raw)
    assert ids == ["good"] and len(problems) >= 1


@pytest.mark.parametrize("length", [10_000, 200_000, MAX_FILE_BYTES - 100])
def test_very_long_lines_are_read_or_refused_cheaply(tmp_path: Path, length: int) -> None:
    long_title = good("long", "Long").replace("Remove your employer", "x" * length)
    long_key = "k" * length + ": 1\n"
    long_plain = "a: " + "word " * (length // 5) + "\n"
    for n, text in enumerate((long_title, long_key, long_plain)):
        started = time.perf_counter()
        ids, problems = _load_one(tmp_path / str(n), "long", text)
        assert time.perf_counter() - started < 5
        assert ids == ["good"] and len(problems) >= 1  # titles are capped at 200 characters; the rest isn't a checklist


def _many_wrong_items(count: int, value: str) -> str:
    head, items = good("wide", "Wide").split("items:\n")
    one = items.split("  - id: location-off")[0].replace("title: Remove your employer", f"title: {value}")
    return head + "items:\n" + "".join(one.replace("id: hide-employer", f"id: item-{n}") for n in range(count))


WIDE = {
    "100,000 unknown keys": "".join(f"k{i}: v\n" for i in range(100_000)),
    "120,000 list entries": "items:\n" + "".join(f"  - x{i}\n" for i in range(120_000)),
    "60,000 flow entries": "a: [" + ", ".join(f"x{i}" for i in range(60_000)) + "]\n",
    "1,000 items whose titles YAML reads as false": _many_wrong_items(1_000, "no"),
    "1,000 items with a direction control": _many_wrong_items(1_000, '"Turn \\u202eNO"'),
    "1,000 items with a comment in the title": _many_wrong_items(1_000, "Becoming #aware"),
}


@pytest.mark.parametrize("case", sorted(WIDE))
def test_files_with_very_many_values_or_problems_cost_little_and_say_little(tmp_path: Path, case: str) -> None:
    text = WIDE[case][: MAX_FILE_BYTES - 10]
    started = time.perf_counter()
    ids, problems = _load_one(tmp_path, "wide", text)
    assert time.perf_counter() - started < 10
    assert ids == ["good"] and 1 <= len(problems) <= MAX_ERRORS_PER_FILE + 1, len(problems)


@pytest.fixture
def special_entries(tmp_path: Path) -> tuple[Path, list[str]]:
    folder = write_folder(tmp_path / "checklists", {"good": good("good", "Good")})
    os.mkfifo(folder / "fifo.yaml")
    (folder / "zero.yaml").symlink_to("/dev/zero")
    (folder / "null.yaml").symlink_to("/dev/null")
    (folder / "urandom.yaml").symlink_to("/dev/urandom")
    (folder / "dir.yaml").mkdir()
    (folder / "dangling.yaml").symlink_to(folder / "nowhere")
    return folder, ["fifo", "zero", "null", "urandom", "dir", "dangling"]


def test_special_files_in_a_folder_are_reported_and_never_read(special_entries: tuple[Path, list[str]]) -> None:
    folder, names = special_entries
    started = time.perf_counter()
    catalog = load_catalog([folder])
    assert time.perf_counter() - started < 5
    assert [p.id for p in catalog.platforms] == ["good"]
    reported = {p.path.stem for p in catalog.problems}
    assert reported == set(names), [str(p) for p in catalog.problems]


def test_validate_never_blocks_or_reads_forever_on_special_files(special_entries: tuple[Path, list[str]]) -> None:
    folder, names = special_entries
    started = time.perf_counter()
    problems = validate_paths([folder, *(folder / f"{n}.yaml" for n in names), Path("/dev/zero")])
    assert time.perf_counter() - started < 5
    assert {p.path.stem for p in problems} >= set(names) | {"zero"}


def test_a_special_organisation_profile_is_reported(tmp_path: Path) -> None:
    folder = write_folder(tmp_path, {"good": good("good", "Good")}, org=False)
    os.mkfifo(folder / "organisation.yaml")
    catalog = load_catalog([folder])
    assert any(p.path.name == "organisation.yaml" and "regular file" in p.message for p in catalog.problems)
    assert [p.id for p in catalog.platforms] == ["good"]


YAMLISH = st.text(
    alphabet=st.sampled_from([*list("abcXYZ019 :-#&*!|>'\"[]{},?\n\t.%@`~\\"), "\u202e", "\x85", "é", "\x00"]),
    max_size=300,
)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=YAMLISH | st.builds(lambda a, b: a + b, st.just(good("fuzz", "Fuzz")), YAMLISH))
def test_random_yamlish_text_yields_problems_never_exceptions(tmp_path: Path, text: str) -> None:
    folder = tmp_path / "fuzz"
    folder.mkdir(exist_ok=True)
    (folder / "fuzz.yaml").write_text(text, encoding="utf-8", errors="surrogatepass")
    catalog = load_catalog([folder])
    assert catalog.platform("fuzz") is not None or catalog.problems


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(raw=st.binary(max_size=400))
def test_random_bytes_as_an_organisation_profile_yield_problems(tmp_path: Path, raw: bytes) -> None:
    folder = tmp_path / "bytes"
    folder.mkdir(exist_ok=True)
    (folder / "organisation.yaml").write_bytes(raw)
    catalog = load_catalog([folder])
    assert catalog.problems
