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
from socially_aware.catalog.schema import expected_kind
from socially_aware.catalog.surprises import surprises
from socially_aware.catalog.yamlnodes import read_document
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
    print(
        f"{len(catalog.platforms)} platforms, {items} items: median {statistics.median(times) * 1000:.1f} ms, "
        f"min {min(times) * 1000:.1f} ms over {runs} runs (goal < 100 ms)"
    )
    print(_checks_share(runs))
    return 0


def _checks_share(runs: int) -> str:
    """CPU time (steadier than wall time on a shared machine) of a whole load and of the checks that
    compare each value with its line (catalog.surprises), over the shipped files."""
    files = sorted((bundled_root() / "checklists").glob("*.yaml"))
    docs = [(read_document(f), "organisationFile" if f.name == "organisation.yaml" else "platformFile") for f in files]
    started = time.process_time()
    for _ in range(runs):
        load_catalog([bundled_root() / "checklists"])
    whole = (time.process_time() - started) / runs
    started = time.process_time()
    for _ in range(runs):
        for doc, definition in docs:
            list(surprises(doc, lambda at, d=definition: expected_kind(d, at)))
    checks = (time.process_time() - started) / runs
    return (
        f"shipped catalog ({len(files)} files): {whole * 1000:.1f} ms CPU a load, of which the value-against-line "
        f"checks {checks * 1000:.1f} ms ({checks / whole:.0%})"
    )


if __name__ == "__main__":
    sys.exit(main())
