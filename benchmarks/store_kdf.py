"""What opening a passphrase file costs: the accepted scrypt settings vs a crafted header that asks for more.

    .venv/bin/python benchmarks/store_kdf.py [runs]

Each case opens its file in a fresh process (Linux: /proc/self/status); the figure printed is the
peak resident size (VmHWM) minus the resident size just before opening. The crafted case (n=2^20, r=32: about 4 GiB
and ~15 s if derived, as issue 10 found) must be refused before deriving: milliseconds, no growth.
"""

from __future__ import annotations

import json
import os
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "desktop"))

from socially_aware.progress.envelope import MAGIC
from socially_aware.progress.model import ProgressDocument
from socially_aware.progress.store import export_progress

PASSPHRASE = "benchmark passphrase"


def _file_asking_for(folder: Path, n: int, r: int) -> Path:
    """An export made by the app, then its header edited to ask for (n, r): what a crafted file does."""
    path = folder / f"n{n}-r{r}.saexport"
    export_progress(ProgressDocument(), path, PASSPHRASE)
    blob = path.read_bytes()
    length = int.from_bytes(blob[len(MAGIC) : len(MAGIC) + 2], "big")
    header = json.loads(blob[len(MAGIC) + 2 : len(MAGIC) + 2 + length])
    if (header["n"], header["r"]) != (n, r):
        header.update(n=n, r=r)
    raw = json.dumps(header, separators=(",", ":")).encode()
    path.write_bytes(MAGIC + len(raw).to_bytes(2, "big") + raw + blob[len(MAGIC) + 2 + length :])
    return path


CHILD = r"""
import json, sys, time
from pathlib import Path

def status(field):
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith(field + ":"):
            return int(line.split()[1])

from socially_aware.progress.errors import StoreError
from socially_aware.progress.store import import_progress

path = Path(sys.argv[1])
import gc; gc.collect()
before = status("VmRSS")
started = time.perf_counter()
try:
    import_progress(path, "benchmark passphrase")
    outcome = "opened"
except StoreError as error:
    outcome = type(error).__name__ + ": " + error.message
elapsed = time.perf_counter() - started
after = status("VmHWM")
print(json.dumps({"seconds": elapsed, "growth_kib": after - before, "peak_kib": after, "outcome": outcome}))
"""

CASES = [
    ("accepted: n=2^15, r=8 (what the app writes)", 2**15, 8),
    ("accepted: n=2^16, r=8 (the largest accepted)", 2**16, 8),
    ("crafted:  n=2^20, r=32 (refused)", 2**20, 32),
    ("crafted:  n=2^15+1, r=8 (one flipped bit; refused)", 2**15 + 1, 8),
]


def main() -> None:
    runs = int(sys.argv[1]) if len(sys.argv) > 1 else 3
    env = {**os.environ, "PYTHONPATH": os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "desktop")}
    folder = Path(tempfile.mkdtemp())
    for label, n, r in CASES:
        path = _file_asking_for(folder, n, r)
        results = []
        for _ in range(runs):
            out = subprocess.run(
                [sys.executable, "-c", CHILD, str(path)], env=env, check=True, capture_output=True, text=True
            ).stdout
            results.append(json.loads(out.strip().splitlines()[-1]))
        seconds = statistics.median(result["seconds"] for result in results)
        growth = max(result["growth_kib"] for result in results) / 1024
        peak = max(result["peak_kib"] for result in results) / 1024
        print(
            f"{label:52} {seconds * 1000:8.1f} ms  +{growth:6.1f} MiB (peak {peak:5.1f} MiB)  "
            f"{results[0]['outcome'][:90]}"
        )
    print(f"(would-be cost of n=2^20, r=32 if derived: {128 * 2**20 * 32 / 2**30:.0f} GiB)")


if __name__ == "__main__":
    main()
