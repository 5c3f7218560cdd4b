"""Signed checklist packs: how an organisation's content owners get a correction onto every desk.

A pack is one file, easy to bound before anything in it is trusted:

    MAGIC (8 bytes) | body length (8 bytes, big-endian) | body | Ed25519 signature (64 bytes)

The signature covers everything before it. The body is JSON: `format`, `organisation`, `version`
(a whole number that only grows), `date` and `files` (name -> YAML text). There is no archive
format, so no compression bombs, links or paths: a name is a bare `*.yaml` name or the pack is
refused. On install the size is checked before reading, the signature against the organisation's
keys (`pack_keys` in the system-wide `deployment.yaml`) before the body is parsed, the version
against the installed one, every file by the same validator as `socially-aware validate`, and only
then is a complete folder renamed into the packs folder in one step. Anything refused leaves the
installed checklists exactly as they were. Budgets are in `catalog/limits.py`.
"""

from __future__ import annotations

import json
import os
import re
import secrets
import shutil
import struct
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from socially_aware.catalog.limits import (
    MAX_PACK_BYTES,
    MAX_PACK_FILE_BYTES,
    MAX_PACK_FILES,
    MAX_PACK_TEXT,
    MAX_PACK_VERSION,
)
from socially_aware.catalog.loader import (
    DEPLOYMENT_FILE,
    ORGANISATION_FILE,
    check_paths,
    default_origins,
    deployment_keys,
    load_catalog,
    load_organisation,
)
from socially_aware.catalog.model import LoadProblem, Organisation, Origin
from socially_aware.catalog.packkeys import TrustedKey, load_private
from socially_aware.catalog.yamlnodes import YamlProblem, read_regular_file

if TYPE_CHECKING:
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

MAGIC = b"SAPACK\x00\x01"
_LENGTH = struct.Struct(">Q")
_HEADER = len(MAGIC) + _LENGTH.size
SIGNATURE_BYTES = 64
FORMAT = 1
SUFFIX = ".sapack"
_NAME = re.compile(r"^[a-z0-9][a-z0-9-]{0,63}\.yaml$")
_FOLDER = re.compile(r"^v(\d{16})-[0-9a-f]{16}$")
_MANIFEST = "pack.json"
_MAX_MANIFEST = 4096


class PackError(Exception):
    """A pack that is refused, with a plain sentence saying why; nothing was installed."""

    def __init__(self, message: str, problems: Sequence[LoadProblem] = ()) -> None:
        super().__init__(message)
        self.message = message
        self.problems = tuple(problems)


@dataclass(frozen=True)
class PackInfo:
    organisation: str
    version: int
    date: str

    def describe(self) -> str:
        return f"Checklists from {self.organisation}, version {self.version}, {self.date}"


@dataclass(frozen=True)
class Pack:
    info: PackInfo
    files: dict[str, bytes]
    signer: TrustedKey


@dataclass(frozen=True)
class InstalledPack:
    folder: Path
    info: PackInfo


# -- making a pack (IT's side) ---------------------------------------------------------------------
def pack_folder(
    folder: Path,
    key_path: Path,
    output: Path,
    organisation: Organisation | None,
    version: int | None = None,
    today: date | None = None,
) -> PackInfo:
    """Validate `folder` as `socially-aware validate` does, then write it as a signed pack.

    Without `version`, the next number after the last one made with this key (kept beside it in
    `pack-key.version`), so versions only grow."""
    if not folder.is_dir():
        raise PackError(f"{folder} is not a folder of checklist files")
    checked = check_paths([folder], organisation)
    if checked.problems:
        raise PackError(f"{folder} has problems, so it was not packed", checked.problems)
    key = load_private(key_path)
    counter = key_path.with_name(key_path.name + ".version")
    last = _read_counter(counter)
    if version is None:
        version = last + 1
    elif version <= last:
        raise PackError(f"version {version} is not newer than {last}, the last pack made with this key")
    if not 1 <= version <= MAX_PACK_VERSION:
        raise PackError(f"the version must be a whole number from 1 to {MAX_PACK_VERSION}")
    files = _folder_files(folder)
    local_org = folder / ORGANISATION_FILE
    name = load_organisation(local_org).name if local_org.is_file() else (organisation.name if organisation else "")
    if not name:
        raise PackError("no organisation profile names the organisation: put organisation.yaml in the folder")
    info = PackInfo(name[:MAX_PACK_TEXT], version, (today or date.today()).isoformat())
    output.write_bytes(sign(info, files, key))
    counter.write_text(f"{version}\n", encoding="ascii")
    return info


def sign(info: PackInfo, files: dict[str, bytes], key: Ed25519PrivateKey) -> bytes:
    body = json.dumps(
        {
            "format": FORMAT,
            "organisation": info.organisation,
            "version": info.version,
            "date": info.date,
            "files": {name: data.decode("utf-8") for name, data in sorted(files.items())},
        },
        ensure_ascii=False,
        sort_keys=True,
    ).encode("utf-8")
    signed = MAGIC + _LENGTH.pack(len(body)) + body
    return signed + key.sign(signed)


def _folder_files(folder: Path) -> dict[str, bytes]:
    files: dict[str, bytes] = {}
    for path in sorted(folder.glob("*.yaml")):
        if path.name == DEPLOYMENT_FILE:
            raise PackError(f"{path}: deployment settings are IT's own per machine and never travel in a pack")
        if not _NAME.match(path.name):
            raise PackError(f"{path.name}: pack file names are lowercase letters, digits and '-', then .yaml")
        files[path.name] = path.read_bytes()
    if not files:
        raise PackError(f"{folder} holds no checklist files")
    if len(files) > MAX_PACK_FILES:
        raise PackError(f"{folder} holds {len(files)} files; a pack takes at most {MAX_PACK_FILES}")
    return files


def _read_counter(path: Path) -> int:
    try:
        text = path.read_text(encoding="ascii").strip()
    except FileNotFoundError:
        return 0
    except (OSError, UnicodeDecodeError) as error:
        raise PackError(f"cannot read {path}: {error}") from error
    if not text.isdigit():
        raise PackError(f"{path} should hold the last version number and nothing else")
    return int(text)


# -- reading a pack (every desk's side) --------------------------------------------------------------
def read_pack(path: Path, keys: Sequence[TrustedKey]) -> Pack:
    """The verified contents of the pack at `path`: size, framing and signature are checked before
    a byte of the body is interpreted."""
    blob = _read_bounded(path)
    if len(blob) < _HEADER + SIGNATURE_BYTES:
        raise PackError(f"{path.name} is too short to be a checklist pack (it may be cut short)")
    if not blob.startswith(MAGIC):
        raise PackError(f"{path.name} is not a checklist pack")
    (length,) = _LENGTH.unpack_from(blob, len(MAGIC))
    if length != len(blob) - _HEADER - SIGNATURE_BYTES:
        raise PackError(f"{path.name} is cut short or has bytes added: its length does not match what it says")
    if not keys:
        raise PackError(
            "No organisation key is set up on this computer, so no pack can be trusted. "
            "Your IT team lists its keys as pack_keys in the system-wide deployment.yaml"
        )
    signed, signature = blob[:-SIGNATURE_BYTES], blob[-SIGNATURE_BYTES:]
    signer = next((key for key in keys if _verifies(key, signature, signed)), None)
    if signer is None:
        raise PackError(
            f"{path.name} is not signed by a key your organisation trusts: it was signed with another key, "
            "or changed after it was signed"
        )
    info, files = _contents(blob[_HEADER:-SIGNATURE_BYTES], path.name)
    return Pack(info, files, signer)


def _verifies(key: TrustedKey, signature: bytes, signed: bytes) -> bool:
    from cryptography.exceptions import InvalidSignature

    try:
        key.key.verify(signature, signed)
    except InvalidSignature:
        return False
    return True


def _read_bounded(path: Path) -> bytes:
    try:
        return read_regular_file(path, MAX_PACK_BYTES, what="checklist packs")
    except YamlProblem as problem:
        raise PackError(f"{path.name} {problem.message}") from None


def _contents(body: bytes, shown: str) -> tuple[PackInfo, dict[str, bytes]]:
    """The signed body, checked field by field. Signed means IT made it, not that it is well formed."""
    try:
        data: Any = json.loads(body.decode("utf-8"))
    except (UnicodeDecodeError, ValueError, RecursionError) as error:
        raise PackError(f"{shown} is signed but its contents can't be read") from error
    if not isinstance(data, dict) or set(data) != {"format", "organisation", "version", "date", "files"}:
        raise PackError(f"{shown} is signed but is not laid out as a checklist pack")
    if data["format"] != FORMAT:
        raise PackError(f"{shown} is a newer kind of pack than this app reads; update the app first")
    organisation, version, when, files = data["organisation"], data["version"], data["date"], data["files"]
    if not isinstance(organisation, str) or not 0 < len(organisation) <= MAX_PACK_TEXT:
        raise PackError(f"{shown} does not name its organisation")
    if type(version) is not int or not 1 <= version <= MAX_PACK_VERSION:
        raise PackError(f"{shown} has no valid version number")
    if not isinstance(when, str) or len(when) != 10 or not _is_date(when):
        raise PackError(f"{shown} has no valid date")
    if not isinstance(files, dict) or not files:
        raise PackError(f"{shown} holds no checklist files")
    if len(files) > MAX_PACK_FILES:
        raise PackError(f"{shown} holds {len(files):,} files; a pack takes at most {MAX_PACK_FILES}")
    checked: dict[str, bytes] = {}
    for name, text in files.items():
        if not isinstance(name, str) or not _NAME.match(name) or name == DEPLOYMENT_FILE:
            raise PackError(f"{shown} holds a file whose name is not allowed: {name[:60]!r}")
        if not isinstance(text, str):
            raise PackError(f"{shown}: {name} is not text")
        data_bytes = text.encode("utf-8", "surrogatepass")
        if len(data_bytes) > MAX_PACK_FILE_BYTES:
            raise PackError(f"{shown}: {name} is larger than a checklist file may be ({MAX_PACK_FILE_BYTES:,} bytes)")
        checked[name] = data_bytes
    return PackInfo(organisation, version, when), checked


def _is_date(text: str) -> bool:
    try:
        date.fromisoformat(text)
    except ValueError:
        return False
    return True


# -- installing and finding the installed pack -------------------------------------------------------
def install_pack(
    path: Path,
    keys: Sequence[TrustedKey],
    packs_dir: Path,
    organisation: Organisation | None,
) -> PackInfo:
    """Verify, check and install the pack at `path` into `packs_dir`, replacing the older one in a
    single rename. Raises `PackError` (nothing changed) when any check fails."""
    pack = read_pack(path, keys)
    current = installed_pack(packs_dir)
    if current is not None and pack.info.version <= current.info.version:
        raise PackError(
            f"{path.name} is version {pack.info.version}; version {current.info.version} is installed already, "
            "and an older or equal pack never replaces it"
        )
    try:
        packs_dir.mkdir(mode=0o700, parents=True, exist_ok=True)
        token = secrets.token_hex(8)
        incoming = packs_dir / f".incoming-{token}"
        incoming.mkdir(mode=0o700)
    except OSError as error:
        raise PackError(f"cannot write to {packs_dir}: {error.strerror or error}") from error
    try:
        for name, data in pack.files.items():
            _create(incoming / name, data)
        manifest = {"organisation": pack.info.organisation, "version": pack.info.version, "date": pack.info.date}
        _create(incoming / _MANIFEST, json.dumps(manifest).encode("utf-8"))
        problems = check_paths([incoming], organisation).problems
        if problems:
            raise PackError(
                f"{path.name} is signed, but its checklists have problems, so it was not installed", problems
            )
        final = packs_dir / f"v{pack.info.version:016d}-{token}"
        os.rename(incoming, final)
        _fsync_dir(packs_dir)
    except OSError as error:
        shutil.rmtree(incoming, ignore_errors=True)
        raise PackError(f"cannot install into {packs_dir}: {error.strerror or error}; nothing was changed") from error
    except BaseException:
        shutil.rmtree(incoming, ignore_errors=True)
        raise
    for older in _version_folders(packs_dir):
        if older != final:
            shutil.rmtree(older, ignore_errors=True)  # the new one is in place; an old copy left is harmless
    return pack.info


def installed_pack(packs_dir: Path) -> InstalledPack | None:
    """The newest complete pack folder in `packs_dir` (a folder appears only once it is complete)."""
    for folder in sorted(_version_folders(packs_dir), reverse=True):
        info = _manifest(folder)
        if info is not None:
            return InstalledPack(folder, info)
    return None


def _version_folders(packs_dir: Path) -> list[Path]:
    try:
        entries = list(os.scandir(packs_dir))
    except OSError:
        return []
    return [Path(e.path) for e in entries if _FOLDER.match(e.name) and e.is_dir(follow_symlinks=False)]


def _manifest(folder: Path) -> PackInfo | None:
    try:
        with (folder / _MANIFEST).open("rb") as handle:
            data = json.loads(handle.read(_MAX_MANIFEST))
        info = PackInfo(str(data["organisation"])[:MAX_PACK_TEXT], int(data["version"]), str(data["date"])[:10])
    except (OSError, ValueError, KeyError, TypeError):
        return None
    return info


def checklist_folders(dirs: Sequence[Path], packs_dir: Path) -> tuple[tuple[Path, ...], tuple[Origin, ...]]:
    """The folders the loader reads, with the installed pack (if any) after the system-wide folders
    and before the person's own folder."""
    folders, origins = tuple(dirs), default_origins(len(dirs))
    current = installed_pack(packs_dir)
    if current is None or len(folders) < 2:
        return folders, origins
    return (*folders[:-1], current.folder, folders[-1]), (*origins[:-1], Origin.PACK, origins[-1])


def _create(path: Path, data: bytes) -> None:
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_CLOEXEC", 0)
    fd = os.open(path, flags, 0o600)
    try:
        view = memoryview(data)
        while view:
            view = view[os.write(fd, view) :]
        os.fsync(fd)
    finally:
        os.close(fd)


def _fsync_dir(folder: Path) -> None:
    if os.name == "posix":
        fd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


@dataclass(frozen=True)
class Installed:
    info: PackInfo
    warnings: tuple[LoadProblem, ...]
    """Keys in `deployment.yaml` that were malformed and ignored."""


def install_here(path: Path, dirs: Sequence[Path], packs_dir: Path) -> Installed:
    """Install for this person: keys from the bundled and system-wide `deployment.yaml`, the pack
    checked against the organisation profile the app would use. The CLI and the window both call this."""
    found = deployment_keys(dirs)
    if not found.keys and found.problems:
        reasons = "; ".join(f"{p.path}:{p.line}: {p.message}" for p in found.problems[:3])
        raise PackError(f"No usable organisation key is set up on this computer ({reasons})")
    folders, origins = checklist_folders(dirs, packs_dir)
    organisation = load_catalog(folders, origins).organisation
    return Installed(install_pack(path, found.keys, packs_dir, organisation), found.problems)
