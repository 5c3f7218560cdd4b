"""One `inspect_file` or `clean_file` in a fresh child process, measured: its own peak RSS and time.

Shared by scrub_bounds.py and isobmff_flood.py. A fresh child per case because Linux carries a
process's peak memory over into the children it starts (so the parent must stay small, and each
child's figure is its own); an address-space cap of 2 GB keeps a regression from taking the machine
down (it shows as a MemoryError, not a figure).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]

CHILD = """
import json, resource, sys, time
resource.setrlimit(resource.RLIMIT_AS, (2 << 30, 2 << 30))
from pathlib import Path
from typing import Any
from socially_aware.scrubber import CleanOptions, clean_file, inspect_file
action, path, out = sys.argv[1], Path(sys.argv[2]), Path(sys.argv[3])
started = time.perf_counter()
try:
    if action == "inspect":
        found = inspect_file(path)
        outcome = "error: " + found.error if found.error else f"inspected, {len(found.entries)} entries"
    elif action == "clean":
        result = clean_file(path, out, CleanOptions(overwrite=True))
        outcome = result.outcome.value + (": " + result.message if result.message else "")
    else:
        outcome = "imports only"
except MemoryError:
    outcome = "MemoryError (over the 2 GB cap)"
print(json.dumps({"outcome": outcome, "peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
                  "seconds": time.perf_counter() - started}))
"""


def child_env() -> dict[str, str]:
    """The environment for a child: this checkout's package and tests first on its path."""
    return {**os.environ, "PYTHONPATH": os.pathsep.join([str(ROOT / "desktop"), str(ROOT)])}


def measure(action: str, path: Path, out: Path) -> dict[str, Any] | str:
    """`action` ("inspect", "clean", or anything else for the imports alone) on `path` in a child:
    its figures {outcome, peak_mb, seconds}, or the last line of its error when it failed."""
    run = subprocess.run(
        [sys.executable, "-c", CHILD, action, str(path), str(out)],
        capture_output=True,
        text=True,
        env=child_env(),
        check=False,
    )
    if run.returncode:
        return run.stderr.strip().splitlines()[-1]
    figures: dict[str, Any] = json.loads(run.stdout.strip().splitlines()[-1])
    return figures
