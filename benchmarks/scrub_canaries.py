"""Counts, per kind of still image, how many planted canaries the cleaner refuses, removes or lets
through: the figures behind tests/scrubber/test_still_canaries.py, also for an older checkout.

    .venv/bin/python benchmarks/scrub_canaries.py [--verbose]
    PYTHONPATH=OLD_CHECKOUT/desktop .venv/bin/python benchmarks/scrub_canaries.py   # the cleaner of then

The planted files always come from this checkout's tests; the cleaner is whichever `socially_aware`
is first on the path. "open" counts the positions inside compressed picture data or unused palette
entries that the cleaner cannot see without decoding (docs/what-the-cleaner-removes.md).
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.append(str(ROOT))
sys.path.append(str(ROOT / "desktop"))  # after PYTHONPATH: an older cleaner given there wins

from tests.scrubber import still_canaries  # noqa: E402
from tests.scrubber.test_still_canaries import BASES  # noqa: E402

from socially_aware.scrubber import CleanOptions, ScrubError, clean_bytes  # noqa: E402


def main() -> int:
    verbose = "--verbose" in sys.argv
    total = dict.fromkeys(("planted", "refused", "survived", "open"), 0)
    print(f"{'base':18} {'planted':>8} {'refused':>8} {'survived':>9} {'open':>5}")
    with tempfile.TemporaryDirectory() as folder:
        for name, (make, plant, _clean) in sorted(BASES.items()):
            counts = dict.fromkeys(total, 0)
            for item in plant(make(Path(folder)), name.replace("-", "")):
                counts["planted"] += 1
                try:
                    output, _, _ = clean_bytes(item.data, CleanOptions())
                except ScrubError:
                    counts["refused"] += 1
                    continue
                if still_canaries.survives(item.canary, output):
                    counts["open" if item.open_because else "survived"] += 1
                    if verbose and not item.open_because:
                        print(f"  survived: {item.where}")
            print(f"{name:18} {counts['planted']:8} {counts['refused']:8} {counts['survived']:9} {counts['open']:5}")
            for key in total:
                total[key] += counts[key]
    print(f"{'all':18} {total['planted']:8} {total['refused']:8} {total['survived']:9} {total['open']:5}")
    return 1 if total["survived"] else 0


if __name__ == "__main__":
    sys.exit(main())
