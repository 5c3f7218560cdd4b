"""Issue 10, class 3: the store must not trust its own header before it can authenticate it.

Every field flipped, extended or truncated, oversized scrypt settings, random bytes: only the
store's own errors come out, and no key is derived at a cost the app never writes.
"""

from __future__ import annotations

import base64
import contextlib
import hashlib
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from socially_aware.progress import keys as keys_module
from socially_aware.progress.envelope import MAGIC, open_sealed, read_header
from socially_aware.progress.errors import StoreError, TamperedStoreError, WrongPassphraseError
from socially_aware.progress.keys import MAX_SCRYPT_MEMORY, PassphraseKeySource
from socially_aware.progress.model import ProgressDocument
from socially_aware.progress.store import ProgressStore, export_progress, import_progress
from tests.progress.fakes import FixedKeySource

PASSPHRASE = "correct horse battery"
ACCEPTED_COSTS = {(n, 8, 1) for n in (2**14, 2**15, 2**16)}


class DeriveSpy:
    """Stands in for scrypt: records every cost asked for and answers at once, deterministically."""

    def __init__(self) -> None:
        self.costs: list[tuple[int, int, int]] = []

    def __call__(self, passphrase: bytes, salt: bytes, n: int, r: int, p: int) -> bytes:
        self.costs.append((n, r, p))
        assert 128 * n * r * p <= MAX_SCRYPT_MEMORY, (n, r, p)
        return hashlib.sha256(passphrase + salt + f"{n},{r},{p}".encode()).digest()


@pytest.fixture
def spy(monkeypatch: pytest.MonkeyPatch) -> Iterator[DeriveSpy]:
    spy = DeriveSpy()
    monkeypatch.setattr(keys_module, "derive", spy)
    yield spy
    assert set(spy.costs) <= ACCEPTED_COSTS


def _store_file(tmp_path: Path) -> bytes:
    store = ProgressStore(tmp_path, PassphraseKeySource(PASSPHRASE))
    store.save(ProgressDocument(welcomed=True, platforms=["facebook"]))
    store.save(ProgressDocument(welcomed=True, platforms=["facebook", "strava"]))
    return store.path.read_bytes()


def _header_span(blob: bytes) -> tuple[int, int]:
    start = len(MAGIC) + 2
    return start, start + int.from_bytes(blob[len(MAGIC) : start], "big")


def _value_span(blob: bytes, field: str) -> tuple[int, int]:
    """Where the JSON value of `field` sits in the file (the header is compact JSON)."""
    start, end = _header_span(blob)
    header = blob[start:end]
    key = json.dumps(field).encode() + b":"
    at = header.index(key) + len(key)
    value = json.dumps(json.loads(header)[field], separators=(",", ":")).encode()
    assert header[at : at + len(value)] == value
    return start + at, start + at + len(value)


def _opens_with_only_our_errors(blob: bytes, tmp_path: Path) -> type[StoreError] | None:
    path = tmp_path / "victim"
    path.mkdir(exist_ok=True)
    (path / "progress.sa").write_bytes(blob)
    try:
        ProgressStore(path, PassphraseKeySource(PASSPHRASE)).load()
    except StoreError as error:
        return type(error)
    return None


KDF_FIELDS = ["n", "r", "p", "salt"]
OTHER_FIELDS = ["format", "purpose", "kind", "nonce", "check", "generation"]


@pytest.mark.parametrize("field", KDF_FIELDS + OTHER_FIELDS)
def test_every_bit_of_every_header_field_flipped(tmp_path: Path, spy: DeriveSpy, field: str) -> None:
    original = _store_file(tmp_path)
    start, end = _value_span(original, field)
    tried = 0
    for position in range(start, end):
        for bit in range(8):
            tampered = bytearray(original)
            tampered[position] ^= 1 << bit
            outcome = _opens_with_only_our_errors(bytes(tampered), tmp_path)
            assert outcome is not None, (field, position, bit)
            if field in ("n", "r", "p"):
                # The cost fields: always refused as damaged, before any derivation at that cost.
                assert outcome is TamperedStoreError, (field, position, bit)
            tried += 1
    assert tried == 8 * (end - start)


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("n", 2**20),
        ("n", 2**30),
        ("n", 2**15 + 1),
        ("n", 0),
        ("n", -(2**15)),
        ("n", 1),
        ("n", 10**40),
        ("n", "32768"),
        ("n", 32768.0),
        ("n", True),
        ("n", None),
        ("n", [32768]),
        ("r", 32),
        ("r", 9),
        ("r", 0),
        ("r", 2**31),
        ("r", "8"),
        ("p", 16),
        ("p", 2),
        ("p", 0),
        ("p", False),
        ("salt", ""),
        ("salt", "AAAA"),
        ("salt", "A" * 4000),
        ("salt", "not base64!"),
        ("salt", 7),
        ("generation", -1),
        ("generation", 2**60),
        ("generation", "3"),
        ("generation", 1.5),
        ("nonce", "AAAA"),
        ("check", "A" * 200),
        ("format", 2),
        ("format", True),
        ("kind", "rot13"),
        ("purpose", 1),
    ],
)
def test_header_field_replaced_is_refused_as_damaged(tmp_path: Path, spy: DeriveSpy, field: str, value: Any) -> None:
    original = _store_file(tmp_path)
    start, end = _header_span(original)
    header = json.loads(original[start:end])
    header[field] = value
    blob = _with_header(original, header)
    assert _opens_with_only_our_errors(blob, tmp_path) is TamperedStoreError


@pytest.mark.parametrize("change", ["drop", "extra", "duplicate"])
@pytest.mark.parametrize("field", [*KDF_FIELDS, "nonce", "check", "format", "kind", "purpose"])
def test_header_field_missing_added_or_doubled(tmp_path: Path, spy: DeriveSpy, change: str, field: str) -> None:
    original = _store_file(tmp_path)
    start, end = _header_span(original)
    raw = original[start:end]
    if change == "drop":
        header = json.loads(raw)
        del header[field]
        blob = _with_header(original, header)
    elif change == "extra":
        header = json.loads(raw)
        header[field + "2"] = 1
        blob = _with_header(original, header)
    else:
        value = json.dumps(json.loads(raw)[field]).encode()
        doubled = raw[:-1] + b"," + json.dumps(field).encode() + b":" + value + b"}"
        blob = original[: len(MAGIC)] + len(doubled).to_bytes(2, "big") + doubled + original[end:]
    assert _opens_with_only_our_errors(blob, tmp_path) is TamperedStoreError


@pytest.mark.parametrize("cut", ["1", "3", "327", "3276"])
def test_cost_field_truncated(tmp_path: Path, spy: DeriveSpy, cut: str) -> None:
    original = _store_file(tmp_path)
    start, end = _value_span(original, "n")
    shorter = original[:start] + cut.encode() + original[end:]
    length = int.from_bytes(original[len(MAGIC) : len(MAGIC) + 2], "big") - (end - start - len(cut))
    blob = shorter[: len(MAGIC)] + length.to_bytes(2, "big") + shorter[len(MAGIC) + 2 :]
    assert _opens_with_only_our_errors(blob, tmp_path) is TamperedStoreError


def test_header_length_field_every_bit(tmp_path: Path, spy: DeriveSpy) -> None:
    original = _store_file(tmp_path)
    for position in (len(MAGIC), len(MAGIC) + 1):
        for bit in range(8):
            tampered = bytearray(original)
            tampered[position] ^= 1 << bit
            assert _opens_with_only_our_errors(bytes(tampered), tmp_path) is TamperedStoreError


def test_crafted_export_with_a_huge_cost_is_refused_without_deriving(tmp_path: Path, spy: DeriveSpy) -> None:
    # The example: an export asking for n=2^20, r=32 (4 GiB) must not cost anything.
    path = tmp_path / "crafted.saexport"
    export_progress(ProgressDocument(welcomed=True), path, PASSPHRASE)
    original = path.read_bytes()
    start, end = _header_span(original)
    header = json.loads(original[start:end])
    header.update(n=2**20, r=32)
    path.write_bytes(_with_header(original, header))
    spy.costs.clear()
    with pytest.raises(TamperedStoreError, match="damaged"):
        import_progress(path, PASSPHRASE)
    assert spy.costs == []


def test_real_scrypt_still_opens_what_the_app_writes(tmp_path: Path) -> None:
    _store_file(tmp_path)
    assert ProgressStore(tmp_path, PassphraseKeySource(PASSPHRASE)).load().platforms == ["facebook", "strava"]
    with pytest.raises(WrongPassphraseError):
        ProgressStore(tmp_path, PassphraseKeySource("battery staple horse")).load()


def _with_header(original: bytes, header: dict[str, Any]) -> bytes:
    _start, end = _header_span(original)
    raw = json.dumps(header, separators=(",", ":")).encode()
    return original[: len(MAGIC)] + len(raw).to_bytes(2, "big") + raw + original[end:]


# -- property tests: random bytes and random header fields ------------------------------------------

json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=40),
    lambda children: st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=8), children, max_size=4),
    max_leaves=10,
)
header_fields = st.fixed_dictionaries(
    {},
    optional={
        "format": st.one_of(st.just(1), json_values),
        "purpose": st.sampled_from(["progress", "export"]) | json_values,
        "kind": st.sampled_from(["keyring", "scrypt"]) | json_values,
        "nonce": st.just(base64.b64encode(b"n" * 12).decode()) | json_values,
        "check": st.just(base64.b64encode(b"c" * 12).decode()) | json_values,
        "salt": st.just(base64.b64encode(b"s" * 16).decode()) | json_values,
        "n": st.sampled_from([2**14, 2**15, 2**16, 2**20, 2**31]) | st.integers(),
        "r": st.sampled_from([8, 32]) | st.integers(),
        "p": st.sampled_from([1, 16]) | st.integers(),
        "generation": st.integers(min_value=-5, max_value=2**64) | json_values,
    },
)
HEADER_SETTINGS = settings(max_examples=300, suppress_health_check=[HealthCheck.function_scoped_fixture])


@HEADER_SETTINGS
@given(
    header=header_fields,
    extra=st.dictionaries(st.text(max_size=6), json_values, max_size=2),
    body=st.binary(min_size=0, max_size=64),
)
def test_random_header_fields_give_only_our_errors(
    spy: DeriveSpy, header: dict[str, Any], extra: dict[str, Any], body: bytes
) -> None:
    raw = json.dumps({**extra, **header}).encode()
    blob = MAGIC + len(raw).to_bytes(2, "big") + raw + body
    for keys in (PassphraseKeySource(PASSPHRASE), FixedKeySource()):
        for purpose in ("progress", "export"):
            with pytest.raises(StoreError):
                open_sealed(blob, keys, purpose)


@HEADER_SETTINGS
@given(blob=st.binary(max_size=600) | st.binary(max_size=600).map(lambda b: MAGIC + b))
def test_random_bytes_give_only_our_errors(spy: DeriveSpy, blob: bytes) -> None:
    with pytest.raises(StoreError):
        open_sealed(blob, PassphraseKeySource(PASSPHRASE), "progress")
    with contextlib.suppress(StoreError):
        read_header(blob)


@HEADER_SETTINGS
@given(depth=st.integers(min_value=1, max_value=2100), opener=st.sampled_from([b"[", b'{"a":']))
def test_deep_nesting_in_the_header(depth: int, opener: bytes) -> None:
    raw = opener * depth
    if len(raw) > 4096:
        raw = raw[:4096]
    blob = MAGIC + len(raw).to_bytes(2, "big") + raw + b"x" * 16
    with pytest.raises(TamperedStoreError):
        read_header(blob)
