"""Fuzz every format's parser for a fixed time: mutated real files, only ScrubError may escape.

    nice .venv/bin/python benchmarks/scrub_fuzz.py [seconds] [--inspect-every N]

Seeds: JPEG, PNG, WebP, MPO, HEIC and AVIF made by the tests, a real iPhone HEIC (tests/data), and
phone-like MP4 and MOV videos. Each mutated input goes through the container parser of every format
that edits containers (JPEG, PNG, WebP, HEIF/AVIF, video: clean + verify) and through inspection.
Prints how many inputs each parser saw, the peak memory, and any other exception with the input
that caused it (saved under the system temp dir), so a crash can become a regression test.
"""

from __future__ import annotations

import random
import resource
import sys
import tempfile
import time
import traceback
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from tests.scrubber.heifs import made_avif, made_heic
from tests.scrubber.photos import dirty_jpeg, dirty_mpo, dirty_png, dirty_webp
from tests.scrubber.videos import dirty_video

from socially_aware.scrubber import FORMATS, CleanOptions, ScrubError, inspect_file

ROOT = Path(__file__).resolve().parents[1]
# One parser per container family: AVIF shares HEIF's, MOV and 3GP share MP4's.
FAMILIES = [f for f in FORMATS if f.lossless and f.name not in ("AVIF", "MOV", "3GP")]


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
            blob[at : at + 4] = rng.choice(
                (b"\xff\xff\xff\xff", b"\x00\x00\x00\x00", b"\x7f\xff\xff\xff", b"\xff\xd9\xff\xd8")
            )
    return bytes(blob)


def main() -> int:
    args = [a for a in sys.argv[1:] if not a.startswith("--")]
    budget = float(args[0]) if args else 60.0
    # Inspection opens the file with Pillow (slow); the container parsers are what is fuzzed hardest.
    every = int(sys.argv[sys.argv.index("--inspect-every") + 1]) if "--inspect-every" in sys.argv else 10
    rng = random.Random(20261124)
    with tempfile.TemporaryDirectory() as tmp:
        base = Path(tmp)
        seeds = [
            f(base / n).read_bytes()
            for f, n in ((dirty_jpeg, "a.jpg"), (dirty_png, "a.png"), (dirty_webp, "a.webp"), (dirty_mpo, "a.mpo"))
        ]
        seeds += [
            made_heic(base).read_bytes(),
            made_avif(base).read_bytes(),
            dirty_video(base / "a.mp4").read_bytes(),
            dirty_video(base / "a.mov", b"qt  ", moov_first=False, co64=True, mvhd_version=1).read_bytes(),
        ]
        real = ROOT / "tests" / "data" / "heif" / "iphone8plus-thumbnail.heic"
        if real.exists():
            seeds.append(real.read_bytes())
        counts = {f.name: 0 for f in FAMILIES}
        crashes = 0
        end = time.monotonic() + budget
        probe = base / "probe"
        n = 0
        while time.monotonic() < end:
            n += 1
            blob = mutate(rng.choice(seeds), rng)
            for fmt in FAMILIES:
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
            if n % every:
                continue
            probe.write_bytes(blob)
            inspection = inspect_file(probe)  # must never raise
            counts["inspect"] = counts.get("inspect", 0) + 1
            assert inspection is not None
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(
        f"{budget:.0f} s: "
        + ", ".join(f"{name} {n}" for name, n in counts.items() if n)
        + f"; crashes: {crashes}; peak memory {peak:.0f} MB"
    )
    return 1 if crashes else 0


if __name__ == "__main__":
    sys.exit(main())
