"""Load and validate a 20-platform catalog; median of several runs.

    .venv/bin/python benchmarks/catalog_load.py [runs]

Goal: under 100 ms. Uses the shipped files, copied under new ids until there are 20 platforms.
"""

from __future__ import annotations

import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

from socially_aware.catalog.loader import load_catalog
from socially_aware.locations import bundled_root


def main() -> int:
    runs = int(sys.argv[1]) if len(sys.argv) > 1 else 15
    shipped = sorted(p for p in (bundled_root() / "checklists").glob("*.yaml") if p.name != "organisation.yaml")
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        shutil.copy(bundled_root() / "checklists" / "organisation.yaml", folder)
        for n in range(20):
            source = shipped[n % len(shipped)]
            new_id = f"{source.stem}-{n}"
            text = source.read_text(encoding="utf-8").replace(f"id: {source.stem}\n", f"id: {new_id}\n", 1)
            (folder / f"{new_id}.yaml").write_text(text, encoding="utf-8")
        times = []
        for _ in range(runs):
            started = time.perf_counter()
            catalog = load_catalog([folder])
            times.append(time.perf_counter() - started)
        assert not catalog.problems, catalog.problems
    items = len(catalog.items())
    print(f"{len(catalog.platforms)} platforms, {items} items: median {statistics.median(times) * 1000:.1f} ms, "
          f"min {min(times) * 1000:.1f} ms over {runs} runs (goal < 100 ms)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
