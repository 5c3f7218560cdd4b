"""Signed checklist packs: made by IT, verified before anything in them is read, installed in one step.

Every refusal is checked for its plain message and for "nothing installed, nothing lost": the packs
folder holds exactly what it held before (no half-written folder, the older pack still in place).
"""

from __future__ import annotations

import json
import os
import stat
from pathlib import Path

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from socially_aware.catalog.limits import MAX_PACK_BYTES, MAX_PACK_FILE_BYTES, MAX_PACK_FILES
from socially_aware.catalog.loader import deployment_keys, load_catalog, load_organisation
from socially_aware.catalog.model import Origin
from socially_aware.catalog.packkeys import PackKeyError, TrustedKey, load_private, make_keys, parse_public, public_line
from socially_aware.catalog.packs import (
    MAGIC,
    PackError,
    PackInfo,
    checklist_folders,
    install_pack,
    installed_pack,
    pack_folder,
    read_pack,
    sign,
)
from tests.catalog.samples import BUNDLED_ORG, good, write_folder

ORG = load_organisation(BUNDLED_ORG)


@pytest.fixture
def key(tmp_path: Path) -> Path:
    private, _public = make_keys(tmp_path / "keys")
    return private


def trusted(private: Path) -> TrustedKey:
    return parse_public(public_line(load_private(private).public_key()))


def make_pack(tmp_path: Path, key: Path, version: int, revision: int = 1, name: str = "p.sapack") -> Path:
    source = write_folder(
        tmp_path / f"src-{version}-{revision}", {"demo": good().replace("revision: 1", f"revision: {revision}")}
    )
    out = tmp_path / name
    key.with_name("pack-key.version").unlink(missing_ok=True)  # tests make older packs on purpose
    pack_folder(source, key, out, ORG, version=version)
    return out


def snapshot(folder: Path) -> dict[str, bytes]:
    if not folder.exists():
        return {}
    return {
        str(p.relative_to(folder)): (p.read_bytes() if p.is_file() else b"<dir>") for p in sorted(folder.rglob("*"))
    }


def refused(pack: Path, keys: list[TrustedKey], packs: Path, words: str) -> None:
    before = snapshot(packs)
    with pytest.raises(PackError) as caught:
        install_pack(pack, keys, packs, ORG)
    assert words in caught.value.message
    assert snapshot(packs) == before, "a refused pack changed the packs folder"


def signed_body(key: Path, body: dict[str, object]) -> bytes:
    data = json.dumps(body).encode()
    signed = MAGIC + len(data).to_bytes(8, "big") + data
    return signed + load_private(key).sign(signed)


def body(files: dict[str, str], version: int = 5) -> dict[str, object]:
    return {"format": 1, "organisation": "Org", "version": version, "date": "2026-12-06", "files": files}


# -- keys ---------------------------------------------------------------------------------------------
def test_keygen_writes_a_private_key_only_its_owner_reads_and_a_one_line_public_key(tmp_path: Path) -> None:
    private, public = make_keys(tmp_path / "k")
    assert stat.S_IMODE(private.stat().st_mode) == 0o600
    lines = public.read_text().splitlines()
    assert len(lines) == 1 and lines[0].startswith("sapack-ed25519 ")
    parse_public(lines[0])
    with pytest.raises(PackKeyError, match="already exists"):
        make_keys(tmp_path / "k")
    assert private.read_bytes() == private.read_bytes()  # untouched by the refused second keygen


@pytest.mark.parametrize(
    "text",
    [
        "",
        "sapack-ed25519",
        "ssh-ed25519 AAAA",
        "sapack-ed25519 !!!!",
        "sapack-ed25519 bm90IGEga2V5",
        42,
        None,
        "sapack-ed25519 " + "A" * 44 + " extra",
    ],
)
def test_a_malformed_key_is_never_trusted(text: object) -> None:
    with pytest.raises(PackKeyError):
        parse_public(text)


def test_a_malformed_key_in_deployment_yaml_is_reported_and_ignored(tmp_path: Path, key: Path) -> None:
    good_line = public_line(load_private(key).public_key())
    system = tmp_path / "system"
    system.mkdir()
    (system / "deployment.yaml").write_text(
        f"schema: 1\npack_keys:\n  - sapack-ed25519 bm90IGEga2V5\n  - {good_line}\n", encoding="utf-8"
    )
    found = deployment_keys((tmp_path / "bundled", system, tmp_path / "user"))
    assert [k.text for k in found.keys] == [good_line]
    assert len(found.problems) == 1
    assert found.problems[0].line == 3 and found.problems[0].field == "pack_keys[0]"
    assert "ignored" in found.problems[0].message
    catalog = load_catalog((write_folder(tmp_path / "bundled", {"demo": good()}), system, tmp_path / "user"))
    assert any(p.field == "pack_keys[0]" for p in catalog.problems)


def test_keys_in_the_persons_own_folder_are_not_trusted(tmp_path: Path, key: Path) -> None:
    user = tmp_path / "user"
    user.mkdir()
    (user / "deployment.yaml").write_text(f"schema: 1\npack_keys: ['{public_line(load_private(key).public_key())}']\n")
    assert deployment_keys((tmp_path / "bundled", tmp_path / "system", user)).keys == ()


# -- packing ------------------------------------------------------------------------------------------
def test_pack_refuses_what_validate_refuses(tmp_path: Path, key: Path) -> None:
    source = write_folder(
        tmp_path / "src", {"demo": good().replace("https://www.example.com/help/location", "https://grokipedia.com/x")}
    )
    with pytest.raises(PackError) as caught:
        pack_folder(source, key, tmp_path / "out.sapack", ORG, version=1)
    assert any(p.field == "items[1].source" for p in caught.value.problems)
    assert not (tmp_path / "out.sapack").exists()


def test_versions_only_grow(tmp_path: Path, key: Path) -> None:
    source = write_folder(tmp_path / "src", {"demo": good()})
    first = pack_folder(source, key, tmp_path / "a.sapack", ORG)
    second = pack_folder(source, key, tmp_path / "b.sapack", ORG)
    assert (first.version, second.version) == (1, 2)
    with pytest.raises(PackError, match="not newer"):
        pack_folder(source, key, tmp_path / "c.sapack", ORG, version=2)


# -- installing -----------------------------------------------------------------------------------------
def test_install_then_the_loader_reads_the_pack_and_a_newer_one_replaces_it(tmp_path: Path, key: Path) -> None:
    packs = tmp_path / "packs"
    info = install_pack(make_pack(tmp_path, key, 1), [trusted(key)], packs, ORG)
    assert info.describe().startswith("Checklists from Department of Home Affairs, version 1, ")
    bundled = write_folder(tmp_path / "bundled", {"demo": good()})
    dirs, origins = checklist_folders((bundled, tmp_path / "system", tmp_path / "user"), packs)
    assert origins == (Origin.BUNDLED, Origin.SYSTEM, Origin.PACK, Origin.USER)
    install_pack(make_pack(tmp_path, key, 2, revision=7, name="q.sapack"), [trusted(key)], packs, ORG)
    current = installed_pack(packs)
    assert current is not None and current.info.version == 2
    assert [p.name for p in packs.iterdir()] == [current.folder.name], "the older pack folder is removed"
    dirs, origins = checklist_folders((bundled, tmp_path / "system", tmp_path / "user"), packs)
    catalog = load_catalog(dirs, origins)
    assert catalog.platform("demo").items[0].revision == 7
    assert any(o.origin is Origin.PACK for o in catalog.overrides)


def test_refused_unsigned(tmp_path: Path, key: Path) -> None:
    pack = make_pack(tmp_path, key, 1).read_bytes()
    unsigned = tmp_path / "unsigned.sapack"
    unsigned.write_bytes(pack[:-64])
    refused(unsigned, [trusted(key)], tmp_path / "packs", "cut short")
    zeroed = tmp_path / "zeroed.sapack"
    zeroed.write_bytes(pack[:-64] + bytes(64))
    refused(zeroed, [trusted(key)], tmp_path / "packs", "not signed by a key your organisation trusts")


def test_refused_signed_by_another_key(tmp_path: Path, key: Path) -> None:
    other, _ = make_keys(tmp_path / "other")
    refused(
        make_pack(tmp_path, other, 1),
        [trusted(key)],
        tmp_path / "packs",
        "not signed by a key your organisation trusts",
    )


def test_refused_when_no_key_is_set_up(tmp_path: Path, key: Path) -> None:
    refused(make_pack(tmp_path, key, 1), [], tmp_path / "packs", "No organisation key is set up")


def test_any_one_byte_changed_is_refused(tmp_path: Path, key: Path) -> None:
    pack = make_pack(tmp_path, key, 1).read_bytes()
    packs = tmp_path / "packs"
    changed = tmp_path / "changed.sapack"
    positions = sorted(
        {
            0,
            7,
            8,
            15,
            16,
            17,
            len(pack) // 2,
            len(pack) - 65,
            len(pack) - 64,
            len(pack) - 1,
            *range(16, len(pack), 9973),
        }
    )
    for position in positions:
        data = bytearray(pack)
        data[position] ^= 0x01
        changed.write_bytes(bytes(data))
        with pytest.raises(PackError):
            install_pack(changed, [trusted(key)], packs, ORG)
    assert snapshot(packs) == {}


def test_refused_truncated_anywhere(tmp_path: Path, key: Path) -> None:
    pack = make_pack(tmp_path, key, 1).read_bytes()
    cut = tmp_path / "cut.sapack"
    for length in (0, 1, 8, 15, 16, 80, len(pack) // 2, len(pack) - 1):
        cut.write_bytes(pack[:length])
        refused(cut, [trusted(key)], tmp_path / "packs", "")


def test_refused_wrong_magic(tmp_path: Path, key: Path) -> None:
    pack = make_pack(tmp_path, key, 1).read_bytes()
    for magic in (b"PK\x03\x04\x14\x00\x00\x00", b"SAPACK\x00\x02", b"\x00" * 8):
        wrong = tmp_path / "wrong.sapack"
        wrong.write_bytes(magic + pack[8:])
        refused(wrong, [trusted(key)], tmp_path / "packs", "is not a checklist pack")


def test_refused_signature_over_different_bytes(tmp_path: Path, key: Path) -> None:
    first = make_pack(tmp_path, key, 1).read_bytes()
    second = make_pack(tmp_path, key, 2, revision=3, name="b.sapack").read_bytes()
    spliced = tmp_path / "spliced.sapack"
    spliced.write_bytes(second[:-64] + first[-64:])
    refused(spliced, [trusted(key)], tmp_path / "packs", "changed after it was signed")


def test_refused_valid_signature_but_older_or_same_version(tmp_path: Path, key: Path) -> None:
    packs = tmp_path / "packs"
    install_pack(make_pack(tmp_path, key, 5, name="five.sapack"), [trusted(key)], packs, ORG)
    refused(make_pack(tmp_path, key, 4, name="four.sapack"), [trusted(key)], packs, "never replaces it")
    refused(tmp_path / "five.sapack", [trusted(key)], packs, "version 5 is installed already")
    current = installed_pack(packs)
    assert current is not None and current.info.version == 5


@pytest.mark.parametrize(
    "name",
    [
        "../evil.yaml",
        "/etc/evil.yaml",
        "a/b.yaml",
        "..\\evil.yaml",
        ".hidden.yaml",
        "evil.yml",
        "deployment.yaml",
        "pack.json",
        "EVIL.yaml",
        "x" * 70 + ".yaml",
        "évil.yaml",
        "evil.yaml\x00.txt",
    ],
)
def test_refused_names_that_could_escape_or_replace(tmp_path: Path, key: Path, name: str) -> None:
    pack = tmp_path / "slip.sapack"
    pack.write_bytes(signed_body(key, body({"demo.yaml": good(), name: good()})))
    refused(pack, [trusted(key)], tmp_path / "packs", "name is not allowed")
    assert not (tmp_path / "evil.yaml").exists()


def test_refused_ten_thousand_files(tmp_path: Path, key: Path) -> None:
    pack = tmp_path / "many.sapack"
    pack.write_bytes(signed_body(key, body({f"p{n}.yaml": "x" for n in range(10_000)})))
    refused(pack, [trusted(key)], tmp_path / "packs", f"at most {MAX_PACK_FILES}")


def test_refused_a_one_gigabyte_file_without_reading_it(tmp_path: Path, key: Path) -> None:
    huge = tmp_path / "huge.sapack"
    with huge.open("wb") as handle:
        handle.write(MAGIC)
        handle.truncate(1 << 30)  # sparse: costs no disk
    refused(huge, [trusted(key)], tmp_path / "packs", f"at most {MAX_PACK_BYTES:,}")


def test_refused_a_signed_file_larger_than_a_checklist(tmp_path: Path, key: Path) -> None:
    pack = tmp_path / "big.sapack"
    pack.write_bytes(signed_body(key, body({"demo.yaml": "a" * (MAX_PACK_FILE_BYTES + 1)})))
    refused(pack, [trusted(key)], tmp_path / "packs", "larger than a checklist file may be")


@pytest.mark.parametrize(
    "contents",
    [
        b"[" * 200_000 + b"]" * 200_000,
        b"not json",
        b"\xff\xfe",
        b'{"format": 1}',
        b'{"format": 2, "organisation": "O", "version": 1, "date": "2026-01-01", "files": {"a.yaml": "x"}}',
        b'{"format": 1, "organisation": "O", "version": 1.5, "date": "2026-01-01", "files": {"a.yaml": "x"}}',
        b'{"format": 1, "organisation": "O", "version": true, "date": "2026-01-01", "files": {"a.yaml": "x"}}',
        b'{"format": 1, "organisation": "O", "version": 1, "date": "2026-13-01", "files": {"a.yaml": "x"}}',
        b'{"format": 1, "organisation": "", "version": 1, "date": "2026-01-01", "files": {"a.yaml": "x"}}',
        b'{"format": 1, "organisation": "O", "version": 1, "date": "2026-01-01", "files": {"a.yaml": 3}}',
        b'{"format": 1, "organisation": "O", "version": 1, "date": "2026-01-01", "files": []}',
    ],
)
def test_refused_signed_but_malformed_contents(tmp_path: Path, key: Path, contents: bytes) -> None:
    signed = MAGIC + len(contents).to_bytes(8, "big") + contents
    pack = tmp_path / "odd.sapack"
    pack.write_bytes(signed + load_private(key).sign(signed))
    refused(pack, [trusted(key)], tmp_path / "packs", "")


def test_refused_signed_checklists_that_do_not_validate_keep_the_installed_pack(tmp_path: Path, key: Path) -> None:
    packs = tmp_path / "packs"
    install_pack(make_pack(tmp_path, key, 1), [trusted(key)], packs, ORG)
    broken = tmp_path / "broken.sapack"
    broken.write_bytes(signed_body(key, body({"demo.yaml": "schema: 1\nplatform: [\n"}, version=2)))
    refused(broken, [trusted(key)], packs, "its checklists have problems")


def test_special_files_are_refused(tmp_path: Path, key: Path) -> None:
    fifo = tmp_path / "fifo.sapack"
    os.mkfifo(fifo)
    refused(fifo, [trusted(key)], tmp_path / "packs", "not a regular file")
    refused(tmp_path, [trusted(key)], tmp_path / "packs", "")


def test_read_pack_returns_what_was_signed(tmp_path: Path, key: Path) -> None:
    pack = read_pack(make_pack(tmp_path, key, 3), [trusted(key)])
    assert pack.info.version == 3 and set(pack.files) == {"demo.yaml", "organisation.yaml"}
    assert sign(PackInfo("O", 1, "2026-01-01"), {"a.yaml": b"x"}, Ed25519PrivateKey.generate())[:8] == MAGIC
