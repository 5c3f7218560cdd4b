"""Load the review's offline gazetteer from each form it can take; time (median) and memory.

    nice .venv/bin/python benchmarks/gazetteer_load.py [runs]

Forms: the package's own JSON (what a source checkout reads), the four-field JSON the Linux bundle
shipped before (what `packaging/slim.py` used to write) and the compact form it ships now
(`review/gazetteer.py` `write_compact`). Memory is Python's own allocations (tracemalloc), measured
in a run of its own: the peak while loading and what the loaded gazetteer keeps. Every form must
load the same places; the script stops if one differs.
"""

from __future__ import annotations

import json
import shutil
import statistics
import sys
import tempfile
import time
import tracemalloc
from importlib import resources
from pathlib import Path

from socially_aware.review import gazetteer


def main() -> int:
    runs = int(sys.argv[1]) if len(sys.argv) > 1 else 5
    package = resources.files(gazetteer.DATA_PACKAGE).joinpath("data")
    with tempfile.TemporaryDirectory() as tmp:
        slim_json, compact = Path(tmp) / "slim-json", Path(tmp) / "compact"
        for folder in (slim_json, compact):
            folder.mkdir()
            shutil.copyfile(str(package.joinpath(gazetteer.COUNTRIES_FILE)), folder / gazetteer.COUNTRIES_FILE)
        places = json.loads(package.joinpath(gazetteer.PLACES_FILE).read_text(encoding="utf-8"))
        fields = ("name", "latitude", "longitude", "countrycode")
        slim = {key: {field: place[field] for field in fields} for key, place in places.items()}
        (slim_json / gazetteer.PLACES_FILE).write_text(json.dumps(slim), encoding="utf-8")
        del places, slim
        gazetteer.write_compact(package, compact / gazetteer.COMPACT_FILE)
        forms = {
            "package JSON (source checkout)": (package, package.joinpath(gazetteer.PLACES_FILE)),
            "four-field JSON (bundle before)": (slim_json, slim_json / gazetteer.PLACES_FILE),
            "compact tsv.gz (bundle now)": (compact, compact / gazetteer.COMPACT_FILE),
        }
        reference = None
        print(f"{'form':34} {'file MB':>8} {'load s':>7} {'peak MB':>8} {'kept MB':>8}  places")
        for label, (folder, data) in forms.items():
            times = []
            for _ in range(runs):
                started = time.perf_counter()
                loaded = gazetteer.load(folder)
                times.append(time.perf_counter() - started)
            shape = (loaded.names, loaded.countries, list(loaded.lats), list(loaded.lons))
            if reference is None:
                reference = shape
            elif shape != reference:
                raise SystemExit(f"{label}: the places differ from the package's own file")
            del loaded
            tracemalloc.start()
            kept = gazetteer.load(folder)
            current, peak = tracemalloc.get_traced_memory()
            tracemalloc.stop()
            size = Path(str(data)).stat().st_size
            print(
                f"{label:34} {size / 1e6:8.1f} {statistics.median(times):7.2f} {peak / 1e6:8.1f} "
                f"{current / 1e6:8.1f}  {len(kept):,}"
            )
            del kept
    return 0


if __name__ == "__main__":
    sys.exit(main())
