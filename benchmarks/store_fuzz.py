"""Fuzz the progress envelope: mutated real files and random headers must give only the store's errors.

    .venv/bin/python benchmarks/store_fuzz.py [inputs] [seed]

Mutations: bit flips, byte splices, header fields replaced or dropped (with values a crafted file
would use: huge costs, wrong types, long strings), and random bytes with or without the magic.
scrypt is replaced by a stand-in that checks each requested cost against the accepted bound, so a
run measures the parser, not the key derivation. Prints inputs, failures, derivations and peak RSS.
"""

from __future__ import annotations

import hashlib
import json
import os
import random
import resource
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "desktop"))

from socially_aware.progress import keys as keys_module
from socially_aware.progress.envelope import MAGIC, open_sealed
from socially_aware.progress.errors import StoreError
from socially_aware.progress.keys import MAX_SCRYPT_MEMORY, PassphraseKeySource
from socially_aware.progress.model import ProgressDocument
from socially_aware.progress.store import ProgressStore

PASSPHRASE = "correct horse battery"
VALUES: list[object] = [
    None,
    True,
    0,
    -1,
    1,
    8,
    2**14,
    2**15,
    2**15 + 1,
    2**16,
    2**20,
    2**64,
    1.5,
    "",
    "AAAA",
    "A" * 22 + "==",
    [],
    {},
    "x" * 5000,
]
derivations = 0


def checked_derive(passphrase: bytes, salt: bytes, n: int, r: int, p: int) -> bytes:
    global derivations
    if 128 * n * r * p > MAX_SCRYPT_MEMORY:
        raise AssertionError(f"derivation asked for n={n}, r={r}, p={p}")
    derivations += 1
    return hashlib.sha256(passphrase + salt).digest()


def mutate(good: bytes, rng: random.Random) -> bytes:
    data = bytearray(good)
    kind = rng.random()
    if kind < 0.4:
        for _ in range(rng.randint(1, 4)):
            data[rng.randrange(len(data))] ^= 1 << rng.randrange(8)
    elif kind < 0.6:
        at = rng.randrange(len(data))
        data[at : at + rng.randint(0, 8)] = rng.randbytes(rng.randint(0, 8))
    elif kind < 0.9:
        length = int.from_bytes(good[len(MAGIC) : len(MAGIC) + 2], "big")
        header = json.loads(good[len(MAGIC) + 2 : len(MAGIC) + 2 + length])
        for _ in range(rng.randint(1, 3)):
            key = rng.choice([*header, "extra"])
            if rng.random() < 0.2:
                header.pop(key, None)
            else:
                header[key] = rng.choice(VALUES)
        raw = json.dumps(header).encode()[:5000]
        data = bytearray(MAGIC + (len(raw) & 0xFFFF).to_bytes(2, "big") + raw + good[len(MAGIC) + 2 + length :])
    else:
        data = bytearray(rng.randbytes(rng.randint(0, 400)))
        if rng.random() < 0.5:
            data = bytearray(MAGIC) + data
    return bytes(data)


def main() -> None:
    inputs = int(sys.argv[1]) if len(sys.argv) > 1 else 100_000
    rng = random.Random(int(sys.argv[2]) if len(sys.argv) > 2 else 1)
    store = ProgressStore(Path(tempfile.mkdtemp()), PassphraseKeySource(PASSPHRASE))
    store.save(ProgressDocument(welcomed=True, platforms=["facebook"]))
    good = store.path.read_bytes()
    keys_module.derive = checked_derive  # type: ignore[assignment]
    failures = 0
    started = time.perf_counter()
    for _ in range(inputs):
        blob = mutate(good, rng)
        try:
            open_sealed(blob, PassphraseKeySource(PASSPHRASE), rng.choice(["progress", "export"]))
        except StoreError:
            pass
        except Exception as error:  # anything else is a finding
            failures += 1
            print(f"not our error: {type(error).__name__}: {error}; input starts {blob[:80]!r}")
    elapsed = time.perf_counter() - started
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024
    print(
        f"{inputs} inputs, {failures} failures, {derivations} derivations (each within "
        f"{MAX_SCRYPT_MEMORY // 2**20} MiB), {elapsed:.1f} s, peak RSS {peak} MiB"
    )


if __name__ == "__main__":
    main()
