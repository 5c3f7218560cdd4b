"""JSON exports, each told by its own shape, and the encrypted ones named with how to make a readable export.

Shapes (from each manager's documented export and the importers that read them):
- Bitwarden: {"encrypted": false, "items": [{"type": 1, "login": {"username", "uris": [{"uri"}]}, "notes",
  "fields": [{"name", "value", "type"}]}]}; encrypted: {"encrypted": true, "passwordProtected": true, "data"}
  or account-encrypted {"encrypted": true, "items": [...every value a "2.…" cipher string]}.
- Enpass: {"items": [{"title", "category" / "template_type", "fields": [{"type", "label", "value",
  "sensitive"}], "note"}]}.
- Psono: {"items": [{"type": "website_password", "website_password_url", "website_password_username",
  "website_password_notes", "custom_fields"}]}.
- Passky: {"encrypted": bool, "passwords": [{"website", "username", "password", "message"}]}.
- Keeper: {"records": [{"title", "login", "login_url", "notes", "custom_fields": {…}}]}.
- Proton Pass (data.json in its zip): {"encrypted": false, "userId", "vaults": {id: {"items": [{"data":
  {"metadata": {"name", "note"}, "content": {"itemEmail", "itemUsername", "username", "urls"},
  "extraFields": [{"type", "data": {"content"}}]}}]}}}.
- 1Password 1PUX (export.data in its zip): {"accounts": [{"vaults": [{"items": [{"overview": {"title", "url"},
  "details": {"loginFields": [{"designation", "fieldType", "value"}], "notesPlain", "sections": [...]}}]}]}]}.
- 1Password 1PIF: one JSON object a line, between "***5642bee8-a5ff-11dc-8314-0800200c9a66***" lines.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from typing import Any

from socially_aware.accounts.entries import Entry, ExportRead, entry, text
from socially_aware.accounts.errors import AccountsError

ONEPIF_SEPARATOR = b"***5642bee8-a5ff-11dc-8314-0800200c9a66***"

BITWARDEN_ENCRYPTED = (
    "is an encrypted Bitwarden export ({how}); its logins can't be read. In Bitwarden choose "
    "Export vault with the file format “.json” (not “.json (Encrypted)”), then delete that file once it has been read."
)
PASSKY_ENCRYPTED = (
    "is an encrypted Passky export; its logins can't be read. Export again from Passky without "
    "encryption, then delete that file once it has been read."
)
PROTON_ENCRYPTED = (
    "is an encrypted Proton Pass export (PGP); its logins can't be read. In Proton Pass choose "
    "Settings → Export with the format “CSV” (or the zip without encryption), then delete that file once it has been read."
)


def parse(raw: bytes | str, expected: str) -> Any:
    try:
        return json.loads(raw)
    except RecursionError:
        raise AccountsError(f"is JSON nested deeper than any export. Expected {expected}.") from None
    except UnicodeDecodeError:
        raise AccountsError(f"is not UTF-8 text. Expected {expected}.") from None
    except ValueError as error:
        line = getattr(error, "lineno", None)
        where = f" (line {line:,})" if isinstance(line, int) else ""
        raise AccountsError(f"is not valid JSON{where}. Expected {expected}.") from None


def _dicts(value: object) -> Iterator[dict[str, Any]]:
    """The objects in a list; anything else in a list (or no list at all) is passed over."""
    if isinstance(value, list):
        yield from (v for v in value if isinstance(v, dict))


def _obj(value: object) -> dict[str, Any]:
    """An object's fields, or none when the value is not an object."""
    return value if isinstance(value, dict) else {}


def _get(value: object, *keys: str) -> Any:
    for key in keys:
        value = value.get(key) if isinstance(value, dict) else None
    return value


def _cipher_string(value: object) -> bool:
    # Bitwarden's encrypted values look like "2.<iv>|<data>|<mac>".
    return isinstance(value, str) and value[:2] in ("0.", "1.", "2.", "3.", "4.") and "|" in value


def read_json(raw: bytes, expected: str) -> ExportRead:
    if raw.lstrip().startswith(b"{") and ONEPIF_SEPARATOR in raw:
        return ExportRead("1Password 1PIF", list(_onepif(raw, expected)), 0)
    return read_json_data(parse(raw, expected), expected)


def read_json_data(data: Any, expected: str) -> ExportRead:
    """The format of already-parsed JSON, by its shape, and its logins."""
    if not isinstance(data, dict):
        raise AccountsError(f"is JSON but not an export (its top level is not an object). Expected {expected}.")
    if isinstance(data.get("passwords"), list) and "encrypted" in data:
        if data.get("encrypted") is True:
            raise AccountsError(PASSKY_ENCRYPTED)
        return ExportRead("Passky JSON", [_passky(i) for i in _dicts(data["passwords"])], 0)
    protected = data.get("passwordProtected") is True or isinstance(data.get("data"), str)
    if data.get("encrypted") is True and (protected or "encKeyValidation_DO_NOT_EDIT" in data):
        how = "protected with a file password" if protected else "encrypted with the account's key"
        raise AccountsError(BITWARDEN_ENCRYPTED.format(how=how))
    if isinstance(data.get("vaults"), dict) and ("userId" in data or "encrypted" in data):
        if data.get("encrypted") is True:
            raise AccountsError(PROTON_ENCRYPTED)
        return ExportRead("Proton Pass JSON", list(_proton(data["vaults"])), 0)
    if isinstance(data.get("accounts"), list):
        return ExportRead("1Password 1PUX", list(_onepux(data["accounts"])), 0)
    if isinstance(data.get("records"), list):
        return ExportRead("Keeper JSON", [_keeper(r) for r in _dicts(data["records"])], 0)
    items = data.get("items")
    if isinstance(items, list):
        return _items(data, items, expected)
    raise AccountsError(f"is JSON of a kind no known export has. Expected {expected}.")


def _items(data: dict[str, Any], items: list[Any], expected: str) -> ExportRead:
    objects = list(_dicts(items))
    if data.get("encrypted") is True or any(_cipher_string(i.get("name")) for i in objects):
        # Every value is a cipher string: reading it as plain would only ever find nothing.
        raise AccountsError(BITWARDEN_ENCRYPTED.format(how="encrypted with the account's key"))
    if any(isinstance(i.get("type"), str) and isinstance(i.get("name"), str) and "_" in i["type"] for i in objects):
        return ExportRead("Psono JSON", [_psono(i) for i in objects], 0)
    if any(isinstance(i.get("fields"), list) and ("template_type" in i or "category" in i) for i in objects):
        return ExportRead("Enpass JSON", [_enpass(i) for i in objects], 0)
    if objects and not any(isinstance(i.get("login"), dict) or isinstance(i.get("type"), int) for i in objects):
        raise AccountsError(f'is JSON with an "items" list no known export writes. Expected {expected}.')
    return ExportRead("Bitwarden JSON", [_bitwarden(i) for i in objects], 0)


def _bitwarden(item: dict[str, Any]) -> Entry:
    login = _obj(item.get("login"))
    first = next((text(u.get("uri")) for u in _dicts(login.get("uris")) if text(u.get("uri"))), "")
    # Custom fields: 0 text, 1 hidden (a secret: never read), 2 boolean, 3 linked.
    fields = [f.get("value") for f in _dicts(item.get("fields")) if f.get("type") in (0, None)]
    return entry(first, item.get("name"), [login.get("username")], [item.get("notes"), *fields])


def _enpass(item: dict[str, Any]) -> Entry:
    fields = list(_dicts(item.get("fields")))
    url = next((text(f.get("value")) for f in fields if f.get("type") == "url" and text(f.get("value"))), "")
    logins = [f.get("value") for f in fields if f.get("type") in ("username", "email")]
    # Anything marked sensitive (passwords, PINs, secrets) is never read; other fields only for addresses.
    others = [
        f.get("value")
        for f in fields
        if f.get("type") not in ("username", "email", "url", "password", "totp") and not f.get("sensitive")
    ]
    return entry(url, item.get("title"), logins, [item.get("note"), *others])


def _psono(item: dict[str, Any]) -> Entry:
    kind = text(item.get("type"))
    get = item.get
    custom = [f.get("value") for f in _dicts(get("custom_fields")) if f.get("type") != "password"]
    return entry(
        get(f"{kind}_url") or get("website_password_url") or get("bookmark_url"),
        get("name"),
        [get(f"{kind}_username"), get(f"{kind}_email")],
        [get(f"{kind}_notes"), get(f"{kind}_title"), *custom],
    )


def _passky(item: dict[str, Any]) -> Entry:
    return entry(item.get("website"), "", [item.get("username")], [item.get("message")])


def _keeper(record: dict[str, Any]) -> Entry:
    custom = record.get("custom_fields")
    values: Iterable[object] = custom.values() if isinstance(custom, dict) else ()
    return entry(record.get("login_url"), record.get("title"), [record.get("login")], [record.get("notes"), *values])


def _proton(vaults: dict[str, Any]) -> Iterator[Entry]:
    for vault in vaults.values():
        for item in _dicts(_get(vault, "items")):
            data = _obj(item.get("data"))
            content = _obj(data.get("content"))
            urls = content.get("urls")
            url = next((u for u in urls if isinstance(u, str) and u), "") if isinstance(urls, list) else ""
            extra = [_get(f, "data", "content") for f in _dicts(data.get("extraFields")) if f.get("type") == "text"]
            yield entry(
                url,
                _get(data, "metadata", "name"),
                [content.get("itemUsername"), content.get("itemEmail"), content.get("username")],
                [_get(data, "metadata", "note"), *extra],
            )


def _onepassword_fields(details: object) -> tuple[list[object], list[object]]:
    """(login names, free text) of a 1PUX item's or 1PIF secureContents' fields; concealed values are never read."""
    logins: list[object] = []
    free: list[object] = [_get(details, "notesPlain")]
    for field in [*_dicts(_get(details, "loginFields")), *_dicts(_get(details, "fields"))]:
        designation, kind = field.get("designation"), field.get("fieldType") or field.get("type")
        if designation == "password" or kind == "P":
            continue
        (logins if designation == "username" or kind == "E" else free).append(field.get("value"))
    for section in _dicts(_get(details, "sections")):
        for field in _dicts(section.get("fields")):
            value = field.get("value")
            if isinstance(value, dict):  # 1PUX: {"string": …}, {"email": {"email_address": …}}, {"concealed": …}
                free.extend([value.get("string"), _get(value, "email", "email_address")])
            elif field.get("k") in ("string", "email", "URL"):  # 1PIF: {"k": kind, "v": value}
                free.append(field.get("v"))
    return logins, free


def _onepux(accounts: list[Any]) -> Iterator[Entry]:
    for account in _dicts(accounts):
        for vault in _dicts(account.get("vaults")):
            for item in _dicts(vault.get("items")):
                overview = _obj(item.get("overview"))
                url = text(overview.get("url")) or next(
                    (text(u.get("url")) for u in _dicts(overview.get("urls")) if text(u.get("url"))), ""
                )
                logins, free = _onepassword_fields(item.get("details"))
                yield entry(url, overview.get("title"), logins, free)


def _onepif(raw: bytes, expected: str) -> Iterator[Entry]:
    for chunk in raw.split(ONEPIF_SEPARATOR):
        if not chunk.strip():
            continue
        item = parse(chunk, expected)
        if not isinstance(item, dict):
            continue
        contents = item.get("secureContents")
        url = text(item.get("location")) or next(
            (text(u.get("url")) for u in _dicts(_get(contents, "URLs")) if text(u.get("url"))), ""
        )
        logins, free = _onepassword_fields(contents)
        yield entry(url, item.get("title"), logins, free)
