"""Floods: files under the size limit made of millions of empty segments or chunks, each inspected
and cleaned in a fresh child process that reports its peak memory and time.

    nice .venv/bin/python benchmarks/scrub_flood.py [--megabytes 47]

Goal (issue 21 item 4): under 300 MB and under 10 s each, whatever the count (it was 0.7-2.8 GB and
up to 79 s). The count budgets are `limits.MAX_SEGMENTS` and `limits.MAX_STILL_CHUNKS`; a child runs with
a 2 GB address-space cap so a regression shows as a MemoryError, not a stalled machine.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT), str(ROOT / "desktop")]

from scrub_bounds import CHILD  # noqa: E402
from tests.scrubber.floods import floods  # noqa: E402

PEAK_MB, SECONDS = 300, 10


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--megabytes", type=int, default=47, help="size of each flood (the limit is 48 MB)")
    args = parser.parse_args()
    env = dict(os.environ, PYTHONPATH=os.pathsep.join([str(ROOT / "desktop"), str(ROOT)]))
    worst = {"peak_mb": 0.0, "seconds": 0.0}
    print(f"{'flood':42} {'action':8} {'peak MB':>8} {'seconds':>8}  outcome")
    with tempfile.TemporaryDirectory() as folder:
        for name, make in floods(args.megabytes * 2**20).items():
            suffix = ".jpg" if name.startswith("JPEG") else ".png" if name.startswith("PNG") else ".webp"
            path = Path(folder) / f"flood{suffix}"
            path.write_bytes(make())
            for action in ("inspect", "clean"):
                done = subprocess.run(
                    [sys.executable, "-c", CHILD, action, str(path), str(Path(folder) / f"out{suffix}")],
                    capture_output=True,
                    text=True,
                    env=env,
                    check=True,
                )
                figures = json.loads(done.stdout.strip().splitlines()[-1])
                for key in worst:
                    worst[key] = max(worst[key], figures[key])
                print(
                    f"{name:42} {action:8} {figures['peak_mb']:8.0f} {figures['seconds']:8.2f}  {figures['outcome'][:70]}"
                )
    met = worst["peak_mb"] < PEAK_MB and worst["seconds"] < SECONDS
    print(
        f"worst: {worst['peak_mb']:.0f} MB, {worst['seconds']:.2f} s "
        f"(goal < {PEAK_MB} MB, < {SECONDS} s): {'met' if met else 'NOT met'}"
    )
    return 0 if met else 1


if __name__ == "__main__":
    sys.exit(main())
