"""Fuzz the checklist reader for a fixed time: mutated shipped files and YAML-ish text; the loader
must turn every input into a platform or LoadProblems, never an exception.

    .venv/bin/python benchmarks/catalog_fuzz.py [seconds]

Prints how many inputs were tried, how many loaded, the peak memory, and any exception with the
input that caused it (saved under the system temp dir), so a crash can become a regression test.
"""

from __future__ import annotations

import random
import resource
import sys
import tempfile
import time
import traceback
from pathlib import Path

from socially_aware.catalog.loader import load_catalog
from socially_aware.locations import bundled_root

PIECES = [
    "#",
    " #x",
    ": ",
    "- ",
    "&a ",
    "*a",
    "!!str ",
    "no",
    "2024-01-01",
    "1e3",
    "[",
    "]",
    "{",
    "}",
    "'",
    '"',
    "\\u202e",
    "\u202e",
    "\x1b",
    "\t",
    "\n",
    "\n  ",
    "|",
    ">-",
    "~",
    "1:30",
    "<<: ",
    "é",
]


def mutate(text: str, rng: random.Random) -> str:
    for _ in range(rng.randint(1, 6)):
        at = rng.randrange(len(text) + 1)
        kind = rng.choice(("insert", "delete", "duplicate", "truncate"))
        if kind == "insert":
            text = text[:at] + rng.choice(PIECES) + text[at:]
        elif kind == "delete":
            text = text[:at] + text[at + rng.randint(1, 20) :]
        elif kind == "duplicate":
            text = text[:at] + text[at : at + rng.randint(1, 200)] * rng.randint(2, 5) + text[at:]
        else:
            text = text[:at]
    return text


def main() -> int:
    seconds = float(sys.argv[1]) if len(sys.argv) > 1 else 60
    rng = random.Random(1)
    shipped = sorted((bundled_root() / "checklists").glob("*.yaml"))
    seeds = [(p.name, p.read_text(encoding="utf-8")) for p in shipped]
    organisation = dict(seeds)["organisation.yaml"]
    tried = loaded = crashes = 0
    deadline = time.monotonic() + seconds
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        while time.monotonic() < deadline:
            name, seed = rng.choice(seeds)
            text = mutate(seed, rng)
            for old in folder.iterdir():
                old.unlink()
            if name != "organisation.yaml":  # platform files are checked against the real profile
                (folder / "organisation.yaml").write_text(organisation, encoding="utf-8")
            (folder / name).write_text(text, encoding="utf-8", errors="surrogatepass")
            tried += 1
            try:
                catalog = load_catalog([folder])
            except Exception:  # the one thing this script looks for
                crashes += 1
                saved = Path(tempfile.gettempdir()) / f"catalog-crash-{crashes}-{name}"
                saved.write_text(text, encoding="utf-8", errors="surrogatepass")
                print(f"exception on {saved}:\n{traceback.format_exc()}")
                continue
            loaded += not any(p.path.name == name for p in catalog.problems)
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(
        f"{tried} inputs in {seconds:.0f} s: {loaded} still loaded, {tried - loaded - crashes} refused with problems, "
        f"{crashes} exceptions; peak RSS {peak_mb:.0f} MB"
    )
    return 1 if crashes else 0


if __name__ == "__main__":
    sys.exit(main())
