"""Fuzz every photo format parser for a fixed time: mutated real files, only ScrubError may escape.

    .venv/bin/python benchmarks/scrub_fuzz.py [seconds]

Prints how many inputs each parser saw and any other exception with the input that caused it
(saved under the system temp dir), so a crash can become a regression test.
"""

from __future__ import annotations

import random
import sys
import tempfile
import time
import traceback
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from tests.scrubber.photos import dirty_jpeg, dirty_mpo, dirty_png, dirty_webp

from socially_aware.scrubber import FORMATS, CleanOptions, ScrubError, inspect_file


def mutate(data: bytes, rng: random.Random) -> bytes:
    blob = bytearray(data)
    for _ in range(rng.randint(1, 8)):
        kind = rng.choice(("flip", "truncate", "insert", "delete", "duplicate", "interesting"))
        at = rng.randrange(max(len(blob), 1))
        if kind == "flip" and blob:
            blob[at] ^= 1 << rng.randrange(8)
        elif kind == "truncate":
            del blob[at:]
        elif kind == "insert":
            blob[at:at] = rng.randbytes(rng.randint(1, 16))
        elif kind == "delete":
            del blob[at : at + rng.randint(1, 64)]
        elif kind == "duplicate" and blob:
            blob[at:at] = blob[at : at + rng.randint(1, 256)]
        elif kind == "interesting" and len(blob) > at + 4:
            blob[at : at + 4] = rng.choice((b"\xff\xff\xff\xff", b"\x00\x00\x00\x00", b"\x7f\xff\xff\xff", b"\xff\xd9\xff\xd8"))
    return bytes(blob)


def main() -> int:
    budget = float(sys.argv[1]) if len(sys.argv) > 1 else 60.0
    rng = random.Random(20261124)
    with tempfile.TemporaryDirectory() as tmp:
        base = Path(tmp)
        seeds = [f(base / n).read_bytes() for f, n in ((dirty_jpeg, "a.jpg"), (dirty_png, "a.png"),
                                                       (dirty_webp, "a.webp"), (dirty_mpo, "a.mpo"))]
        counts = {f.name: 0 for f in FORMATS}
        crashes = 0
        end = time.monotonic() + budget
        probe = base / "probe"
        while time.monotonic() < end:
            blob = mutate(rng.choice(seeds), rng)
            for fmt in FORMATS[:3]:
                counts[fmt.name] += 1
                try:
                    fmt.clean_and_verify(blob, CleanOptions())
                except ScrubError:
                    pass
                except Exception:  # anything else is a bug worth a regression test
                    crashes += 1
                    saved = Path(tempfile.gettempdir()) / f"scrub-crash-{crashes}.bin"
                    saved.write_bytes(blob)
                    print(f"CRASH in {fmt.name} parser, input saved to {saved}:\n{traceback.format_exc()}")
            probe.write_bytes(blob)
            inspection = inspect_file(probe)  # must never raise
            counts["inspect"] = counts.get("inspect", 0) + 1
            assert inspection is not None
    print(f"{budget:.0f} s: " + ", ".join(f"{name} {n}" for name, n in counts.items() if n) + f"; crashes: {crashes}")
    return 1 if crashes else 0


if __name__ == "__main__":
    sys.exit(main())
