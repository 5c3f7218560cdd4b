"""YAML that reads differently from what its author wrote, and text that could spoof the screen.

Each class is refused by the validator with the file, line and field, whatever the input's shape.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from socially_aware.catalog.loader import load_catalog
from tests.catalog.samples import good, write_folder

G = good()
TITLE = "    title: Remove your employer\n"  # line 13 of the sample, field items[0].title


def _with(old: str, new: str, text: str = G) -> str:
    assert old in text, old
    return text.replace(old, new, 1)


def _only_problem(tmp_path: Path, text: str) -> tuple[int | None, str | None, str]:
    folder = write_folder(tmp_path, {"demo": text, "good": good("good", "Good")})
    catalog = load_catalog([folder])
    assert [p.id for p in catalog.platforms] == ["good"], [str(p) for p in catalog.problems]
    assert len(catalog.problems) == 1, [str(p) for p in catalog.problems]
    problem = catalog.problems[0]
    assert problem.path == folder / "demo.yaml"
    return problem.line, problem.field, problem.message


# -- a comment on the same line as a plain value cuts the text ----------------------------------
COMMENTS = {
    "the staff article": ('    title: Staff article "Becoming #socially aware"\n', 13, "items[0].title"),
    "hash tag in a step": ("        - Post with #nofilter off\n", 18, "items[0].steps.web[0]"),
    "tab before the hash": ("    title: Remove your\t#employer\n", 13, "items[0].title"),
    "comment after a summary": ("  summary: Why it matters # to staff\n", 8, "platform.summary"),
    "comment after a list entry in flow style": (
        "    policy: [private-identify #x\n      , targeting]\n",
        15,
        "items[0].policy[0]",
    ),
}


@pytest.mark.parametrize("case", sorted(COMMENTS))
def test_a_comment_after_a_plain_value_is_refused(tmp_path: Path, case: str) -> None:
    line_text, line, field = COMMENTS[case]
    old = {
        "items[0].title": TITLE,
        "platform.summary": "  summary: Why {name} matters to {{org.short_name}} staff.\n",
        "items[0].steps.web[0]": '        - Open "Edit profile".\n',
        "items[0].policy[0]": "    policy: [private-identify, targeting]\n",
    }[field]
    old = old.replace("{name}", "Demo").replace("{{", "{").replace("}}", "}")
    got = _only_problem(tmp_path, _with(old, line_text))
    assert got[:2] == (line, field), got
    assert "comment" in got[2] and "quotes" in got[2], got


@pytest.mark.parametrize(
    ("old", "new", "line", "field"),
    [
        (TITLE, "    title: Remove your\n      #employer\n", 13, "items[0].title"),
        (TITLE, "    title: Remove\n      your\n\n      # employer field\n", 13, "items[0].title"),
        (
            '        - Open "Edit profile".\n',
            "        - Open the profile\n          #edit\n",
            18,
            "items[0].steps.web[0]",
        ),
        (
            "  summary: Why Demo matters to {org.short_name} staff.\n",
            "  summary: Why Demo matters\n    # to staff\n",
            8,
            "platform.summary",
        ),
    ],
)
def test_a_comment_line_inside_a_multi_line_value_is_refused(
    tmp_path: Path, old: str, new: str, line: int, field: str
) -> None:
    got = _only_problem(tmp_path, _with(old, new))
    assert got[:2] == (line, field) and "comment" in got[2], got


def test_the_same_text_quoted_loads_whole(tmp_path: Path) -> None:
    for n, quoted in enumerate(
        ("'Staff article \"Becoming #socially aware\"'", '"Post #nofilter"', "|-\n      Post #nofilter")
    ):
        folder = write_folder(tmp_path / str(n), {"demo": _with(TITLE, f"    title: {quoted}\n")})
        catalog = load_catalog([folder])
        assert catalog.problems == (), [str(p) for p in catalog.problems]
        item = catalog.item("demo/hide-employer")
        assert item is not None and "#" in item.title


def test_comments_on_their_own_line_or_after_quoted_values_are_fine(tmp_path: Path) -> None:
    text = _with(TITLE, "    # a note for editors\n    title: 'Remove your employer'  # quoted, so kept whole\n")
    text = _with("    revision: 1\n", "    revision: 1\n", text)
    catalog = load_catalog([write_folder(tmp_path, {"demo": text})])
    assert catalog.problems == (), [str(p) for p in catalog.problems]


# -- values YAML turns into booleans, numbers, dates or nothing where text is expected -----------
TYPED = {
    "no": "false",
    "on": "true",
    "Yes": "true",
    "OFF": "false",
    "2024-01-01": "a date",
    "1e3": "a number",
    "12": "a number",
    "1.5": "a number",
    "0x1F": "a number",
    "1:30": "a number",
    ".inf": "a number",
    "null": "empty",
    "~": "empty",
}


@pytest.mark.parametrize("value", sorted(TYPED))
def test_a_title_yaml_would_read_as_another_type_is_refused(tmp_path: Path, value: str) -> None:
    line, field, message = _only_problem(tmp_path, _with(TITLE, f"    title: {value}\n"))
    assert (line, field) == (13, "items[0].title")
    assert TYPED[value] in message and "quotes" in message and value in message, message


@pytest.mark.parametrize(
    ("where", "old", "new", "line", "field"),
    [
        ("acronym", None, None, None, None),
        ("policy id", "[private-identify, targeting]", "[private-identify, no]", 15, "items[0].policy[1]"),
        ("step", '        - Clear "Workplace".\n', "        - yes\n", 19, "items[0].steps.web[1]"),
        ("platform name", "  name: Demo\n", "  name: 2024-01-01\n", 4, "platform.name"),
        ("renamed key", None, "renamed:\n  on: hide-employer\n", 40, "renamed.on"),
    ],
)
def test_typed_values_anywhere_text_is_expected(
    tmp_path: Path, where: str, old: str | None, new: str | None, line: int | None, field: str | None
) -> None:
    if where == "acronym":
        folder = write_folder(tmp_path)
        org = folder / "organisation.yaml"
        org.write_text(org.read_text().replace("acronyms: [ABF, DIBP, ACBPS]", "acronyms: [ABF, NO, ACBPS]"))
        catalog = load_catalog([folder])
        (problem,) = catalog.problems
        assert problem.field == "organisation.acronyms[1]" and "false" in problem.message
        return
    text = G + new if old is None else _with(old, new)
    got = _only_problem(tmp_path, text)
    assert got[:2] == (line, field), got
    assert "quotes" in got[2], got


@pytest.mark.parametrize("value", ["yes", "no", "on", "off", "True", "FALSE"])
def test_a_true_false_field_takes_only_true_or_false(tmp_path: Path, value: str) -> None:
    text = _with(
        "    verify: View your profile as the public.\n",
        f"    verify: View your profile as the public.\n    confirmed: {value}\n",
    )
    line, field, message = _only_problem(tmp_path, text)
    assert (line, field) == (24, "items[0].confirmed")
    assert "true or false" in message


def test_numbers_and_dates_where_they_belong_are_fine(tmp_path: Path) -> None:
    text = _with("    checked: 2026-11-20\n", "    checked: 2026-11-01\n    confirmed: false\n")
    assert load_catalog([write_folder(tmp_path, {"demo": text})]).problems == ()


# -- the loaded value differs from what the line says (anchors, tags) ----------------------------
@pytest.mark.parametrize(
    ("written", "field", "expect"),
    [
        ("&nbsp Turn on location", "items[0].title", "quotes"),
        ("&x Remove your employer", "items[0].title", "quotes"),
        ("!!str Remove your employer", "items[0].title", "quotes"),
        ("&amp Turn off", "items[0].title", "quotes"),
        ("!x Remove", None, "uses the tag"),  # a tag of its own is refused outright
        ("&nbsp; Turn on location", None, "YAML syntax"),
        ("&amp;Turn off", None, "YAML syntax"),  # not even valid YAML
    ],
)
def test_text_that_yaml_shortens_is_refused(tmp_path: Path, written: str, field: str | None, expect: str) -> None:
    got = _only_problem(tmp_path, _with(TITLE, f"    title: {written}\n"))
    assert got[:2] == (13, field) and expect in got[2], got


# -- bidi controls and other control characters in any text field or link ------------------------
CONTROLS = [
    "\u202e",
    "\u202a",
    "\u202b",
    "\u202c",
    "\u202d",
    "\u2066",
    "\u2067",
    "\u2068",
    "\u2069",
    "\u200e",
    "\u200f",
    "\u061c",
    "\x1b",
    "\x07",
    "\x00",
    "\x7f",
    "\x85",
    "\x9b",
    "\t",
    "\u2028",
]


@pytest.mark.parametrize("char", CONTROLS, ids=[f"U+{ord(c):04X}" for c in CONTROLS])
def test_control_characters_in_a_title_are_refused(tmp_path: Path, char: str) -> None:
    escaped = char.encode("unicode_escape").decode("ascii")
    line, field, message = _only_problem(tmp_path, _with(TITLE, f'    title: "Turn {escaped}NO FFO"\n'))
    assert (line, field) == (13, "items[0].title")
    assert f"U+{ord(char):04X}" in message


@pytest.mark.parametrize(
    ("old", "field", "line"),
    [
        ("https://www.example.com/help/employer", "items[0].link", 22),
        ('Open "Edit profile".', "items[0].steps.web[0]", 18),
        ("View your profile as the public.", "items[0].verify", 23),
        ("  name: Demo\n", "platform.name", 4),
        ("id: hide-employer", "items[0].id", 10),
    ],
)
def test_a_bidi_override_is_refused_in_every_field(tmp_path: Path, old: str, field: str, line: int) -> None:
    if old.startswith("  name"):
        new = '  name: "De\\u202emo"\n'
    elif old.startswith("id:"):
        new = 'id: "hide\\u2066-employer"'
    else:
        new = '"' + old.replace('"', '\\"')[:4] + "\\u202e" + old.replace('"', '\\"')[4:] + '"'
    got = _only_problem(tmp_path, _with(old, new))
    assert got[:2] == (line, field), got


def test_raw_bidi_characters_in_the_file_are_refused_too(tmp_path: Path) -> None:
    line, field, message = _only_problem(tmp_path, _with(TITLE, "    title: Turn \u202eNO FFO\n"))
    assert (line, field) == (13, "items[0].title") and "U+202E" in message


def test_newlines_are_allowed_only_in_long_text(tmp_path: Path) -> None:
    folded = "    why: >\n      First paragraph.\n\n      Second paragraph.\n"
    ok = _with("    why: Naming {org.short_name} makes you easy to find.\n", folded)
    assert load_catalog([write_folder(tmp_path / "ok", {"demo": ok})]).problems == ()
    for n, title in enumerate(('"Two\\nlines"', "|\n      Two\n      lines")):
        got = _only_problem(tmp_path / f"bad{n}", _with(TITLE, f"    title: {title}\n"))
        assert got[1] == "items[0].title" and "U+000A" in got[2], got
