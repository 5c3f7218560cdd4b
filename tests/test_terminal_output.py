"""Class 8 (issue 10): nothing a file says can take over the terminal.

File names and metadata values holding escape sequences (an OSC 52 clipboard write, clear-screen,
cursor moves, C1 CSI), line breaks, bidi overrides or bytes that aren't UTF-8 are printed escaped
by `inspect`, `scrub` and `accounts scan`; `--json` stays valid JSON that escapes them too.
"""

from __future__ import annotations

import json
import os
import re
import sys
import unicodedata
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from PIL import Image

from socially_aware.cli import main
from socially_aware.terminal import for_terminal
from tests.accounts.exports import bitwarden_csv

BIDI = [*map(chr, range(0x202A, 0x202F)), *map(chr, range(0x2066, 0x206A))]

# Hostile pieces of text, each with the escaped form a person sees instead.
HOSTILE = [
    ("\x1b]52;c;ZXZpbA==\x07", "\\x1b]52;c;ZXZpbA==\\x07"),  # OSC 52: write the clipboard
    ("\x1b[2J\x1b[H", "\\x1b[2J\\x1b[H"),  # clear the screen, cursor home
    ("\x1b[5A\x1b[2K", "\\x1b[5A\\x1b[2K"),  # cursor up, erase the line
    ("\x9b31m", "\\x9b31m"),  # C1 CSI
    (
        "\x1b]8;;mailto:x@evil.example\x1b\\x\x1b]8;;\x1b\\",
        "\\x1b]8;;mailto:x@evil.example\\x1b\\x\\x1b]8;;\\x1b\\",
    ),  # OSC 8
    ("line\nforged: cleaned", "line\\x0aforged: cleaned"),
    ("back\rspace\b\x7f", "back\\x0dspace\\x08\\x7f"),
    ("Turn \u202eNO\u202c", "Turn \\u202eNO\\u202c"),
    ("\u2066isolate\u2069\u200f", "\\u2066isolate\\u2069\\u200f"),
]


def _printable(text: str) -> None:
    """Only newlines as controls, no bidi steering, no lone surrogates: what a terminal can't be driven by."""
    for char in text:
        if char == "\n":
            continue
        assert unicodedata.category(char) not in ("Cc", "Cs"), f"raw control {char!r} printed"
        assert char not in BIDI, f"raw bidi control {char!r} printed"


def _photo(path: Path, make: str | bytes = "Canon", model: str | bytes = "EOS") -> Path:
    exif = Image.Exif()
    exif[0x010F] = make
    exif[0x0110] = model
    Image.new("RGB", (16, 16), "red").save(path, exif=exif)
    return path


@pytest.mark.parametrize(("raw", "escaped"), HOSTILE)
def test_for_terminal_escapes_controls_and_bidi(raw: str, escaped: str) -> None:
    assert for_terminal(raw) == escaped
    assert for_terminal(Path("folder") / raw) == f"folder/{escaped}"


def test_plain_text_is_unchanged() -> None:
    for text in ("Canon EOS 5D", "photo-0001.jpg", "Ünïcødé パスワード 👩‍👩‍👧", "C:\\Users\\alex", "tab\tless"[:3]):
        assert for_terminal(text) == text


def test_every_character_that_needs_an_escape_is_one_python_calls_unprintable() -> None:
    """for_terminal lets text through unchanged when str.isprintable() says so (one check in C instead
    of a category lookup a character): that is only safe while no character it escapes is printable."""
    from socially_aware.terminal import _needs_escape

    printable_but_escaped = [c for c in map(chr, range(sys.maxunicode + 1)) if c.isprintable() and _needs_escape(c)]
    assert not printable_but_escaped, [f"U+{ord(c):04X}" for c in printable_but_escaped[:10]]


@given(st.text())
def test_for_terminal_never_lets_a_control_through_and_loses_nothing(text: str) -> None:
    shown = for_terminal(text)
    _printable(shown)
    assert "\n" not in shown
    if "\\" not in text:  # then every escape in the output is ours, and undoing them gives the text back
        assert (
            re.sub(r"\\x([0-9a-f]{2})|\\u([0-9a-f]{4})", lambda m: chr(int(m.group(1) or m.group(2), 16)), shown)
            == text
        )


@pytest.mark.parametrize(("raw", "escaped"), HOSTILE)
def test_inspect_prints_hostile_names_and_values_escaped(
    tmp_path: Path, raw: str, escaped: str, capsys: pytest.CaptureFixture[str]
) -> None:
    ascii_only = raw.isascii()  # Pillow writes Exif text as ASCII; other characters go in as Latin-1 bytes
    photo = _photo(
        tmp_path / f"IMG{raw}.jpg",
        make=f"Canon{raw}" if ascii_only else "Canon",
        model=raw.encode("latin-1", "replace"),
    )
    assert main(["inspect", str(tmp_path)]) == 0
    out = capsys.readouterr().out
    _printable(out)
    assert f"IMG{escaped}.jpg" in out
    assert main(["inspect", "--json", str(photo)]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data[0]["path"] == str(photo)
    values = {e["name"]: e["value"] for e in data[0]["entries"]}
    assert values["Camera maker"].startswith("Canon") and values["Camera model"]
    for name, value in values.items():  # the person sees exactly the value, escaped
        assert f"{name}: {for_terminal(value)}\n" in out


@pytest.mark.parametrize(("raw", "escaped"), HOSTILE)
def test_scrub_prints_hostile_names_escaped(
    tmp_path: Path, raw: str, escaped: str, capsys: pytest.CaptureFixture[str]
) -> None:
    source = tmp_path / f"in{raw}"
    source.mkdir()
    _photo(source / f"IMG{raw}.jpg", make=f"Canon{raw}" if raw.isascii() else "Canon")
    out_dir = tmp_path / f"out{raw}"
    assert main(["scrub", "--jobs", "1", "-o", str(out_dir), str(source)]) == 0
    out = capsys.readouterr().out
    _printable(out)
    assert f"IMG{escaped}.jpg" in out and f"out{escaped}" in out
    assert len(out.splitlines()) == 3  # one line per photo, the counts, where the copies are


def test_names_that_are_not_utf8_print_escaped(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    folder = os.fsencode(tmp_path)
    name = os.path.join(folder, b"IMG\xff\xfe\x1b[2J.jpg")
    _photo(Path(os.fsdecode(name)))
    assert main(["inspect", str(tmp_path)]) == 0
    out = capsys.readouterr().out
    _printable(out)
    assert "IMG\\udcff\\udcfe\\x1b[2J.jpg" in out
    assert main(["inspect", "--json", str(tmp_path)]) == 0
    assert json.loads(capsys.readouterr().out)[0]["path"].endswith("IMG\udcff\udcfe\x1b[2J.jpg")


@pytest.mark.parametrize(("raw", "escaped"), HOSTILE)
def test_accounts_scan_prints_hostile_names_escaped(
    tmp_path: Path, raw: str, escaped: str, capsys: pytest.CaptureFixture[str]
) -> None:
    export = bitwarden_csv(tmp_path / f"bitwarden{raw}.csv")
    broken = tmp_path / f"notes{raw}.csv"
    broken.write_text("a,b\n1,2\n")
    assert main(["accounts", "scan", str(export), str(broken), str(tmp_path / f"missing{raw}")]) == 1
    captured = capsys.readouterr()
    _printable(captured.out + captured.err)
    assert f"bitwarden{escaped}.csv: Bitwarden CSV" in captured.out
    assert f"notes{escaped}.csv: has 2 column(s)" in captured.out
    assert f"Delete {tmp_path}/bitwarden{escaped}.csv now" in captured.err
    assert main(["accounts", "scan", "--json", str(export)]) == 0
    assert json.loads(capsys.readouterr().out)["files"][0]["path"] == str(export)
