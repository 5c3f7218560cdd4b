"""Zipped exports, told by the files inside: 1Password 1PUX (export.data), Proton Pass (Proton Pass/data.json,
or data.pgp when encrypted) and Dashlane (credentials.csv).

Only the one member that holds the logins is read, never more than the export budget whatever
its header claims; nested archives and attachments are left alone.
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Callable

from socially_aware.accounts.entries import ExportRead
from socially_aware.accounts.errors import AccountsError
from socially_aware.accounts.export_csv import read_csv
from socially_aware.accounts.export_json import PROTON_ENCRYPTED, parse, read_json_data
from socially_aware.accounts.limits import MAX_EXPORT_BYTES, MAX_ZIP_MEMBERS

ZIP_MAGIC = b"PK\x03\x04"


def _name(info: zipfile.ZipInfo) -> str:
    return info.filename.replace("\\", "/").rpartition("/")[2].lower()


def read_zip(data: bytes, expected: str) -> ExportRead:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            members = archive.infolist()
            if len(members) > MAX_ZIP_MEMBERS:
                raise AccountsError(f"is a zip archive of more than {MAX_ZIP_MEMBERS:,} files. Expected {expected}.")
            by_name = {_name(m): m for m in reversed(members) if not m.is_dir()}  # the first of a repeated name wins
            if "export.data" in by_name:
                return _member(archive, by_name["export.data"], "1Password 1PUX", lambda raw: _json(raw, expected))
            if "data.pgp" in by_name:
                raise AccountsError(PROTON_ENCRYPTED)
            if "data.json" in by_name:
                return _member(archive, by_name["data.json"], "Proton Pass", lambda raw: _json(raw, expected))
            if "credentials.csv" in by_name:
                return _member(archive, by_name["credentials.csv"], "Dashlane", lambda raw: read_csv(raw, expected))
            raise AccountsError(
                f"is a zip archive of {len(members):,} file(s), none of them a known export. Expected {expected}."
            )
    except zipfile.BadZipFile:
        raise AccountsError(f"is a damaged or cut-short zip archive. Expected {expected}.") from None
    except (zipfile.LargeZipFile, NotImplementedError, EOFError, OSError):
        raise AccountsError(f"is a zip archive this app can't read. Expected {expected}.") from None


def _json(raw: bytes, expected: str) -> ExportRead:
    return read_json_data(parse(raw, expected), expected)


def _member(
    archive: zipfile.ZipFile, info: zipfile.ZipInfo, what: str, read: Callable[[bytes], ExportRead]
) -> ExportRead:
    if info.flag_bits & 0x1:
        raise AccountsError(
            f"is a password-protected zip ({what}); its logins can't be read. Export again without a password, "
            "then delete that file once it has been read."
        )
    if info.file_size > MAX_EXPORT_BYTES:
        raise AccountsError(f"holds a {what} export larger than any this app reads.")
    with archive.open(info) as stream:
        raw = stream.read(MAX_EXPORT_BYTES + 1)  # the header's size may lie: never more than the budget
    if len(raw) > MAX_EXPORT_BYTES:
        raise AccountsError(f"holds a {what} export larger than any this app reads.")
    found = read(raw)
    # Said as what the person exported: the zip, not the file inside it.
    return found._replace(kind=_ZIPPED.get(found.kind, found.kind))


_ZIPPED = {"Proton Pass JSON": "Proton Pass zip", "Dashlane CSV": "Dashlane zip"}
