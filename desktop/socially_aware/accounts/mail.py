"""Sign-up, welcome, verify and password-reset mail sent to an official address.

Only headers are read (never bodies), an mbox is streamed message by message, and what comes out
is the sending service, not the message.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from email.header import decode_header, make_header
from email.parser import BytesHeaderParser
from email.policy import compat32
from email.utils import getaddresses, parseaddr
from pathlib import Path
from typing import BinaryIO

from socially_aware.accounts.domains import addresses_in, domain_of_address, is_official
from socially_aware.accounts.errors import AccountsError
from socially_aware.accounts.file_kinds import MAIL_SUFFIXES
from socially_aware.accounts.limits import MAX_HEADER_BYTES, MAX_LINE_BYTES, MAX_MAIL_BYTES
from socially_aware.accounts.regular_files import open_regular, unreadable

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


def _decoded(value: str | None) -> str:
    if not value:
        return ""
    try:
        return str(make_header(decode_header(value)))
    except (ValueError, LookupError, UnicodeError):
        return value


_RAW_SUBJECT = re.compile(rb"^subject:(.*(?:\r?\n[ \t].*)*)", re.IGNORECASE | re.MULTILINE)


def _readable(value: object) -> str:
    """A header as text: encoded words decoded, raw 8-bit bytes (unlabelled, in practice UTF-8) read as UTF-8."""
    try:
        parts = decode_header(value)  # type: ignore[arg-type]  # email.header accepts the Header objects the parser returns
    except (ValueError, LookupError, UnicodeError, TypeError):
        return str(value)
    text: list[str] = []
    for chunk, charset in parts:
        if isinstance(chunk, str):
            text.append(chunk)
            continue
        try:
            text.append(chunk.decode(charset if charset and charset != "unknown-8bit" else "utf-8", "replace"))
        except LookupError:
            text.append(chunk.decode("utf-8", "replace"))
    return "".join(text)


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
    values = [value for header in _RECIPIENT_HEADERS for value in message.get_all(header, [])]
    recipients = [addr for _, addr in getaddresses(values)]
    # An address written with a fullwidth "＠" or an encoded word is not one `getaddresses` can see:
    # the header's text is also read for addresses after the same normalising as an export's notes.
    recipients += [addr for value in values for addr in addresses_in(_readable(value))]
    if not any(is_official(addr, domains, corporate_id) for addr in recipients if addr):
        return None
    name, address = parseaddr(_decoded(message.get("from")))
    sender = domain_of_address(address)
    return (sender, name) if sender else None


def _lines(stream: BinaryIO) -> Iterator[bytes]:
    """Lines of at most MAX_LINE_BYTES; the rest of a longer line is read in pieces and dropped."""
    total = 0
    while True:
        line = stream.readline(MAX_LINE_BYTES)
        if not line:
            return
        total += len(line)
        if len(line) == MAX_LINE_BYTES and not line.endswith(b"\n"):
            while (rest := stream.readline(MAX_LINE_BYTES)) and not rest.endswith(b"\n"):
                total += len(rest)
            total += len(rest)
            line += b"\n"
        if total > MAX_MAIL_BYTES:  # a file that grows while it is read
            raise AccountsError(f"is more than the {MAX_MAIL_BYTES // 2**30} GB a mailbox can be.")
        yield line


def _mbox_headers(stream: BinaryIO) -> Iterator[bytes]:
    """The header block of each message in an mbox, streamed line by line.

    Messages are split at "From " lines only; a Content-Length header (mboxcl) is never trusted.
    """
    block: list[bytes] = []
    size = 0
    in_headers = False
    for line in _lines(stream):
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


def _eml_headers(stream: BinaryIO) -> Iterator[bytes]:
    lines: list[bytes] = []
    size = 0
    for line in _lines(stream):
        if line in (b"\n", b"\r\n") or size > MAX_HEADER_BYTES:
            break
        lines.append(line)
        size += len(line)
    yield b"".join(lines)


def is_mail_file(path: Path) -> bool:
    """A .eml or mbox file by its name, or a file that starts like an mbox. Never opens anything but a regular file."""
    if path.suffix.lower() in MAIL_SUFFIXES:
        return True
    try:
        with open_regular(path, MAX_MAIL_BYTES, "a mailbox") as stream:
            return stream.read(5) == b"From "
    except (AccountsError, OSError):
        return False


@dataclass
class MailRead:
    found: list[tuple[str, str]] = field(default_factory=list)
    """(sender's domain, sender's display name) for each sign-up message to an official address."""
    messages: int = 0
    skipped: int = 0
    """Messages whose headers could not be parsed, left out."""


def read_mail_file(path: Path, domains: Sequence[str], corporate_id: re.Pattern[str] | None) -> MailRead:
    """Sign-up mail in one .eml or mbox file. Raises AccountsError for a file that can't be read."""
    result = MailRead()
    with open_regular(path, MAX_MAIL_BYTES, "a mailbox") as stream:
        blocks = _eml_headers(stream) if path.suffix.lower() == ".eml" else _mbox_headers(stream)
        try:
            for headers in blocks:
                result.messages += 1
                try:
                    found = _match(headers, domains, corporate_id)
                except Exception:  # the email package's failures are many; one message costs only itself
                    result.skipped += 1
                    continue
                if found:
                    result.found.append(found)
        except OSError as error:
            raise unreadable(error) from error
    return result


def read_mail(
    paths: Sequence[Path], domains: Sequence[str], corporate_id: re.Pattern[str] | None
) -> Iterator[tuple[str, str]]:
    """(sender domain, sender name) for each sign-up message to an official address. Raises AccountsError."""
    for path in paths:
        yield from read_mail_file(path, domains, corporate_id).found
