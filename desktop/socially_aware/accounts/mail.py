"""Sign-up, welcome, verify and password-reset mail sent to an official address.

Only headers are read (never bodies), an mbox is streamed message by message, and what comes out
is the sending service, not the message.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from email.header import decode_header, make_header
from email.parser import BytesHeaderParser
from email.policy import compat32
from email.utils import getaddresses, parseaddr
from pathlib import Path

from socially_aware.accounts.domains import domain_of_address, is_official

# Subjects of the mail services send when an account is made or used. English first, then a few
# common others, since staff sign up to sites in many languages.
_SIGN_UP = re.compile(
    r"welcome|verify|verification|confirm|activate|activation|registration|register|sign[ -]?up|signed up|"
    r"new account|account (?:created|details)|your account|reset (?:your )?password|password reset|"
    r"forgot (?:your )?password|one[- ]time code|security code|bienvenue|willkommen|bienvenido|benvenuto|"
    r"bestätigen|confirmez|confirma",
    re.IGNORECASE,
)
_RECIPIENT_HEADERS = ("to", "cc", "delivered-to", "x-original-to", "envelope-to")
MAX_HEADER_BYTES = 256 * 1024


def _decoded(value: str | None) -> str:
    if not value:
        return ""
    try:
        return str(make_header(decode_header(value)))
    except (ValueError, LookupError, UnicodeError):
        return value


_RAW_SUBJECT = re.compile(rb"^subject:(.*(?:\r?\n[ \t].*)*)", re.IGNORECASE | re.MULTILINE)


def _worth_parsing(headers: bytes) -> bool:
    """A cheap look at the raw Subject line first: most mail in a mailbox is not about accounts."""
    found = _RAW_SUBJECT.search(headers)
    if found is None:
        return False
    raw = found.group(1)
    return b"=?" in raw or bool(_SIGN_UP.search(raw.decode("latin-1")))


def _match(headers: bytes, domains: Sequence[str], corporate_id: re.Pattern[str] | None) -> tuple[str, str] | None:
    """(sender's domain, sender's display name) when this is sign-up mail to an official address."""
    if not _worth_parsing(headers):
        return None
    message = BytesHeaderParser(policy=compat32).parsebytes(headers)
    subject = _decoded(message.get("subject"))
    if not _SIGN_UP.search(subject):
        return None
    recipients = [addr for header in _RECIPIENT_HEADERS for _, addr in getaddresses(message.get_all(header, []))]
    if not any(is_official(addr, domains, corporate_id) for addr in recipients if addr):
        return None
    name, address = parseaddr(_decoded(message.get("from")))
    sender = domain_of_address(address)
    return (sender, name) if sender else None


def _mbox_headers(path: Path) -> Iterator[bytes]:
    """The header block of each message in an mbox, streamed line by line."""
    block: list[bytes] = []
    size = 0
    in_headers = False
    with path.open("rb") as stream:
        for line in stream:
            if line.startswith(b"From "):
                if block:
                    yield b"".join(block)
                block, size, in_headers = [], 0, True
                continue
            if in_headers:
                if line in (b"\n", b"\r\n"):
                    in_headers = False
                elif size < MAX_HEADER_BYTES:
                    block.append(line)
                    size += len(line)
    if block:
        yield b"".join(block)


def _eml_headers(path: Path) -> bytes:
    lines: list[bytes] = []
    size = 0
    with path.open("rb") as stream:
        for line in stream:
            if line in (b"\n", b"\r\n") or size > MAX_HEADER_BYTES:
                break
            lines.append(line)
            size += len(line)
    return b"".join(lines)


def is_mail_file(path: Path) -> bool:
    if path.suffix.lower() in (".eml", ".mbox", ".mbx"):
        return True
    try:
        with path.open("rb") as stream:
            return stream.read(5) == b"From "
    except OSError:
        return False


def read_mail(paths: Sequence[Path], domains: Sequence[str], corporate_id: re.Pattern[str] | None) -> Iterator[tuple[str, str]]:
    """(sender domain, sender name) for each sign-up message to an official address."""
    for path in paths:
        if path.suffix.lower() == ".eml":
            found = _match(_eml_headers(path), domains, corporate_id)
            if found:
                yield found
        else:
            for headers in _mbox_headers(path):
                found = _match(headers, domains, corporate_id)
                if found:
                    yield found
