"""Class 2 (issue 10): one bad file costs only itself.

Each hostile file is scanned in a batch between two good exports: it gets its own plain message,
both good exports are still read and reported, and nothing hangs, grows without bound or prints a
traceback. Only regular files are read; the kind of anything else is named. Nothing here waits on
a timer: a FIFO is refused by its type before it is opened, so a regression shows as a hang that
pytest-timeout ends, not as a flaky pass.
"""

from __future__ import annotations

import os
import socket
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from socially_aware.accounts import AccountsError, limits, mail, read_export
from tests.accounts.exports import OFFICIAL_SITES, bitwarden_csv, chrome_csv, mbox
from tests.accounts.leaks import scan_everywhere

pytestmark = pytest.mark.gui

OFFICIAL = "alex.officer@border.gov.au"
DEEP = 100_000


def _fifo(path: Path) -> Path:
    os.mkfifo(path)
    return path


def _socket(path: Path) -> Path:
    server = socket.socket(socket.AF_UNIX)
    server.bind(str(path))
    server.close()  # the socket file stays behind, which is all a scan sees
    return path


def _link(target: str) -> Callable[[Path], Path]:
    def make(path: Path) -> Path:
        path.symlink_to(target)
        return path

    return make


def _text(content: str | bytes) -> Callable[[Path], Path]:
    def make(path: Path) -> Path:
        path.write_bytes(content if isinstance(content, bytes) else content.encode())
        return path

    return make


def _folder(path: Path) -> Path:
    path.mkdir()
    return path


def _folder_with_fifo(path: Path) -> Path:
    path.mkdir()
    _fifo(path / "notes")
    return path


def _sparse(size: int) -> Callable[[Path], Path]:
    def make(path: Path) -> Path:
        with path.open("wb") as stream:
            stream.truncate(size)  # sparse: costs no disk
        return path

    return make


# (file name, how to make it, words the message must hold)
BAD_FILES: list[tuple[str, Callable[[Path], Path], str]] = [
    ("zero.csv", _link("/dev/zero"), "is a character device, not a file"),
    ("null.json", _link("/dev/null"), "is a character device, not a file"),
    ("urandom", _link("/dev/urandom"), "is a character device, not a file"),
    ("pipe.csv", _fifo, "is a named pipe (FIFO), not a file"),
    ("pipe", _fifo, "is a named pipe (FIFO), not a file"),
    ("inbox.mbox", _fifo, "is a named pipe (FIFO), not a file"),
    ("msg.eml", _fifo, "is a named pipe (FIFO), not a file"),
    ("sock.csv", _socket, "is a socket, not a file"),
    ("dangling.csv", _link("/nonexistent/export.csv"), "could not be read (No such file or directory)"),
    ("export.csv", _folder, "is a folder with no mail in it"),
    ("bitwarden.json", _folder_with_fifo, "is a folder with no mail in it"),
    ("deep-list.json", _text("{" + '"items":' + "[" * DEEP + "]" * DEEP + "}"), "nested deeper than any export"),
    ("deep-dict.json", _text('{"a":' * DEEP + "1" + "}" * DEEP), "nested deeper than any export"),
    ("deep-open.json", _text("{" + "[" * DEEP), "JSON"),
    ("deep.xml", _text("<KeePassFile>" + "<Group>" * DEEP + "</Group>" * DEEP), "not well-formed XML"),
    ("huge.csv", _sparse(limits.MAX_EXPORT_BYTES + 1), "more than the 200 MB a password export can be"),
    ("huge.mbox", _sparse(limits.MAX_MAIL_BYTES + 1), "more than the 65,536 MB a mailbox can be"),
    ("utf16.csv", _text("\ufeffname,url,username,password\n".encode("utf-16-le")), "UTF-16"),
    (
        "latin1.csv",
        _text("name,url,username,password\nx,https://a.com,é\xe9,p\n".encode("latin-1")),
        "is not UTF-8 text",
    ),
    (
        "wide.csv",
        _text("name,url,username,password\nx," + "a" * (limits.MAX_FIELD_BYTES + 1) + ",y,z\n"),
        "not a well-formed CSV file (near line 2)",
    ),
    ("bigint.json", _text('{"items": [' + "9" * 100_000 + "]}"), "not valid JSON"),
    (
        "entity.xml",
        _text(
            '<?xml version="1.0"?><!DOCTYPE r [<!ENTITY a "aaaaaaaaaa">'
            + "".join(f'<!ENTITY a{i} "{"&a;" * 10 if i == 0 else f"&a{i - 1};" * 10}">' for i in range(9))
            + "]><KeePassFile>&a8;</KeePassFile>"
        ),
        "XML",
    ),
    (
        "external.xml",
        _text(
            '<?xml version="1.0"?><!DOCTYPE r [<!ENTITY x SYSTEM "file:///etc/passwd">]>'
            "<KeePassFile><Entry>&x;</Entry></KeePassFile>"
        ),
        "XML",
    ),
    ("bad-encoding.xml", _text('<?xml version="1.0" encoding="no-such-codec"?><KeePassFile/>'), "XML"),
    ("\x1b]52;c;ZXZpbA==\x07name.csv", _text("a,b\n1,2\n"), "no known export has"),
    ("new\nline.csv", _text("a,b\n1,2\n"), "no known export has"),
]


@pytest.mark.parametrize(("name", "make", "words"), BAD_FILES, ids=[repr(b[0])[:30] for b in BAD_FILES])
def test_a_bad_file_costs_only_itself(
    tmp_path: Path,
    name: str,
    make: Callable[[Path], Path],
    words: str,
    qtbot: Any,
    capsys: pytest.CaptureFixture[str],
    caplog: pytest.LogCaptureFixture,
) -> None:
    good = tmp_path / "good"
    good.mkdir()
    first, last = bitwarden_csv(good / "first.csv"), chrome_csv(good / "last.csv")
    bad = make(tmp_path / name)
    seen = scan_everywhere([first, bad, last], tmp_path, qtbot, capsys, caplog)
    assert seen.sites == OFFICIAL_SITES
    before, middle, after = seen.report.files
    assert not before.error and not after.error
    assert words in middle.error and middle.error.endswith(".")
    assert seen.report.exports_to_delete == [first, last]
    assert seen.exit_code == 1
    assert "Traceback" not in seen.out + seen.err
    assert "\x1b" not in seen.out + seen.err and "\x07" not in seen.out + seen.err
    assert len(seen.out.splitlines()) == len(seen.report.rows) + 5  # 3 file lines, a blank, the count


def test_only_regular_files_are_opened_even_when_swapped_in(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A pipe put in place between the look and the open is caught on the opened descriptor, without blocking."""
    export = bitwarden_csv(tmp_path / "export.csv")
    fifo = _fifo(tmp_path / "swapped")
    real_open = os.open
    monkeypatch.setattr(
        os, "open", lambda path, flags, *a: real_open(fifo if Path(path) == export else path, flags, *a)
    )
    with pytest.raises(AccountsError, match=r"is a named pipe \(FIFO\), not a file"):
        read_export(export)


def _mbox_text(*messages: str) -> str:
    return "".join(f"From sender@example Mon Jan  1 00:00:00 2024\n{m}" for m in messages)


GOOD_MESSAGE = f"From: Strava <no-reply@strava.com>\nTo: {OFFICIAL}\nSubject: Welcome to Strava\n\nbody\n\n"

# (mbox content, sites expected) for mailboxes that are damaged, lie or are built to hurt.
HOSTILE_MAILBOXES: list[tuple[str | bytes, list[str]]] = [
    (_mbox_text(GOOD_MESSAGE, "From: Meetup <a@meetup.com>\nTo: " + OFFICIAL + "\nSubj"), ["strava.com"]),  # truncated
    (
        _mbox_text(
            "From: Meetup <a@meetup.com>\nTo: " + OFFICIAL + "\nSubject: Welcome\nContent-Length: 999999999\n\nx\n",
            GOOD_MESSAGE,
        ),
        ["meetup.com", "strava.com"],
    ),  # a lying Content-Length is never trusted
    (
        _mbox_text(
            "From: Meetup <a@meetup.com>\nTo: " + OFFICIAL + "\nContent-Length: 0\nSubject: Welcome\n\n"
            "From: Fake <a@fake.example.com>\nbody\n",
            GOOD_MESSAGE,
        ),
        ["meetup.com", "strava.com"],
    ),
    (
        _mbox_text("From: X <a@reddit.com>\nTo: " + "(" * 50_000 + OFFICIAL + "\nSubject: Welcome\n\n", GOOD_MESSAGE),
        ["strava.com"],
    ),  # nested comments: RecursionError in the email package, one message skipped
    (
        _mbox_text(
            "From: X <a@reddit.com>\nTo: " + OFFICIAL + "\nSubject: Welcome " + "A" * 300_000 + "\n\n", GOOD_MESSAGE
        ),
        ["reddit.com", "strava.com"],
    ),  # a huge header line
    (
        _mbox_text(
            "From: X\x1b[2J <a@reddit.com>\nTo: " + OFFICIAL + "\nSubject: Welcome\x1b]52;c;eA==\x07\n\n", GOOD_MESSAGE
        ),
        ["strava.com"],
    ),  # control characters in a name: the mail parser finds no address, so nothing
    (
        _mbox_text(
            "From: X <a@reddit.com>\nTo: " + OFFICIAL + "\nSubject: Welcome\x1b]52;c;eA==\x07\x9b2J\u202e\n\n",
            GOOD_MESSAGE,
        ),
        ["reddit.com", "strava.com"],
    ),  # control characters in a subject
    (
        b"From a\nFrom: X <a@reddit.com>\nTo: "
        + OFFICIAL.encode()
        + b"\nSubject: =?x-unknown?q?Welcome?=\n\n"
        + b"\xff\xfe" * 1000
        + b"\n"
        + _mbox_text(GOOD_MESSAGE).encode(),
        ["reddit.com", "strava.com"],
    ),  # an unknown charset, binary body
    (
        _mbox_text(*["Subject: Welcome\n" * 20_000 + "\n"] * 3, GOOD_MESSAGE),
        ["strava.com"],
    ),  # a header block over the cap
    ("\0" * 1000 + "\n" + _mbox_text(GOOD_MESSAGE), ["strava.com"]),
    ("", []),
]


@pytest.mark.parametrize(("content", "sites"), HOSTILE_MAILBOXES)
def test_hostile_mailboxes_cost_only_their_bad_messages(
    tmp_path: Path,
    content: str | bytes,
    sites: list[str],
    monkeypatch: pytest.MonkeyPatch,
    qtbot: Any,
    capsys: pytest.CaptureFixture[str],
    caplog: pytest.LogCaptureFixture,
) -> None:
    monkeypatch.setattr(mail, "MAX_LINE_BYTES", 4096)  # so a huge line is cut without a huge file
    box = tmp_path / "takeout.mbox"
    box.write_bytes(content if isinstance(content, bytes) else content.encode())
    good = mbox(tmp_path / "good.mbox")
    seen = scan_everywhere([box, good], tmp_path, qtbot, capsys, caplog)
    assert {r.site for r in seen.report.rows} == {*sites, "example.com.au", "meetup.com", "strava.com"}
    assert not any(seen.errors)
    box_only = next(f for f in seen.report.files if f.path == box)
    assert box_only.official == len(sites)


def test_a_mail_folder_skips_what_it_cannot_read_and_reads_the_rest(
    tmp_path: Path,
    qtbot: Any,
    capsys: pytest.CaptureFixture[str],
    caplog: pytest.LogCaptureFixture,
) -> None:
    folder = tmp_path / "mail"
    (folder / "nested" / "deeper").mkdir(parents=True)
    (folder / "1.eml").write_text(GOOD_MESSAGE)
    (folder / "nested" / "deeper" / "2.eml").write_text(GOOD_MESSAGE.replace("strava", "meetup"))
    _fifo(folder / "3.eml")
    (folder / "4.eml").symlink_to("/dev/zero")
    (folder / "5.mbox").symlink_to(folder / "5.mbox")  # a loop
    (folder / "linked").symlink_to(folder)  # a folder loop is not followed
    (folder / "only-one").mkdir()
    _fifo(folder / "only-one" / "inbox.mbox")
    (folder / "\x1b[2Jname.eml").write_text(GOOD_MESSAGE.replace("strava", "reddit"))
    seen = scan_everywhere([folder], tmp_path, qtbot, capsys, caplog)
    assert seen.sites == ["meetup.com", "reddit.com", "strava.com"]
    (report,) = seen.report.files
    assert (report.entries, report.skipped, report.error) == (3, 4, "")
    assert "4 message(s) or file(s) could not be read" in seen.out


def test_too_many_files_in_a_folder_is_refused_plainly(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    qtbot: Any,
    capsys: pytest.CaptureFixture[str],
    caplog: pytest.LogCaptureFixture,
) -> None:
    from socially_aware.accounts import regular_files

    monkeypatch.setattr(regular_files, "MAX_MAIL_FILES", 5)
    folder = tmp_path / "home"
    folder.mkdir()
    for n in range(6):
        (folder / f"{n}.eml").write_text(GOOD_MESSAGE)
    seen = scan_everywhere([folder, bitwarden_csv(tmp_path / "bw.csv")], tmp_path, qtbot, capsys, caplog)
    assert "holds more than 5 files" in seen.errors[0]
    assert seen.sites == OFFICIAL_SITES
