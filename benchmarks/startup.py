"""Cold start to the first painted window, offscreen: from starting a new process to its first paint event.

    PYTHONPATH=desktop .venv/bin/python benchmarks/startup.py [runs] [--no-bytecode] [--returning]

Goal: under 0.5 s on a quiet machine (check `uptime` first).

Each run is a new process, as a person's start is, but with the modules' bytecode already compiled,
as an installed app has it: the runs share a private bytecode cache, filled by one run that is not
counted. `--no-bytecode` measures a start that compiles every module from source instead (what a
checkout with PYTHONDONTWRITEBYTECODE set sees, about 0.1-0.15 s more). By default it is a first start
(the welcome page); `--returning` starts on a saved, welcomed document with four platforms (the
overview), its key fixed in the benchmark: neither the keyring's nor scrypt's time is counted.

Also printed: the time until every page of the window is made (the window makes the pages it does
not show first just after its first paint), and the CPU time (user + system) of the whole run, which
moves much less than wall-clock time on a busy machine. The child stamps the paint itself, so the
process's exit is not counted (until issue 20 the figure was the whole process's run time).
"""

from __future__ import annotations

import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time

KEY = r"""
class FixedKey:  # a returning person's key without the keyring or scrypt: the window is what is measured
    kind = "fixed"
    def new_header(self): return {}
    def key_for(self, header): return b"k" * 32
    def ensure_key(self): pass
    def saved_generation(self): return None
    def record_generation(self, generation): pass
    def forget(self): pass
"""

SETUP = (
    KEY
    + r"""
import sys
from pathlib import Path
from socially_aware.catalog.loader import load_catalog
from socially_aware.catalog.packs import checklist_folders
from socially_aware.locations import Locations
from socially_aware.progress.model import ProgressDocument
from socially_aware.progress.store import ProgressStore
from socially_aware.progress.tracker import Tracker

locations = Locations.under(Path(sys.argv[1]))
catalog = load_catalog(*checklist_folders(locations.checklist_dirs, locations.packs_dir))
tracker = Tracker(catalog, ProgressDocument())
tracker.set_platforms([p for p in catalog.platforms if p.id in ("facebook", "linkedin", "instagram", "strava")])
tracker.finish_welcome()
ProgressStore(locations.data_dir, FixedKey()).save(tracker.doc)
"""
)

CHILD = (
    KEY
    + r"""
import sys, time
from pathlib import Path
from PySide6.QtCore import QObject, QEvent, QTimer
from socially_aware.app import build_window
from socially_aware.locations import Locations
from socially_aware.progress.keys import PassphraseKeySource
from socially_aware.ui.style import apply_style
from PySide6.QtWidgets import QApplication

class FirstPaint(QObject):
    def eventFilter(self, obj, event):
        if event.type() == QEvent.Type.Paint:
            print("painted", time.time(), flush=True)
            QTimer.singleShot(0, app.quit)
        return False

app = QApplication(sys.argv[:1])
apply_style(app, dark=False)
keys = FixedKey() if sys.argv[2] == "returning" else PassphraseKeySource("benchmark passphrase")
window = build_window(Locations.under(Path(sys.argv[1])), keys)
assert window.tracker.welcomed == (sys.argv[2] == "returning")
window.installEventFilter(FirstPaint(window))
window.show()
app.exec()
getattr(window, "make_every_page", lambda: None)()  # what the window does just after its first paint
print("ready", time.time(), flush=True)
"""
)


def main() -> int:
    numbers = [a for a in sys.argv[1:] if a.isdigit()]
    runs = int(numbers[0]) if numbers else 7
    bytecode = "--no-bytecode" not in sys.argv[1:]
    kind = "returning" if "--returning" in sys.argv[1:] else "first"
    times = []
    ready = []
    cpu = []
    with tempfile.TemporaryDirectory() as tmp, tempfile.TemporaryDirectory() as cache:
        env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
        if bytecode:
            env.pop("PYTHONDONTWRITEBYTECODE", None)
            env["PYTHONPYCACHEPREFIX"] = cache
        if kind == "returning":
            subprocess.run([sys.executable, "-c", SETUP, tmp], env=env, check=True)
        for run in range(runs + bytecode):
            wall = time.time()
            used = resource.getrusage(resource.RUSAGE_CHILDREN)
            out = subprocess.run(
                [sys.executable, "-c", CHILD, tmp, kind], env=env, capture_output=True, text=True, check=True
            )
            assert "painted" in out.stdout, out.stderr
            if run or not bytecode:  # the first run fills the bytecode cache
                times.append(float(out.stdout.split("painted")[1].split()[0]) - wall)
                ready.append(float(out.stdout.split("ready")[1].split()[0]) - wall)
                after = resource.getrusage(resource.RUSAGE_CHILDREN)
                cpu.append(after.ru_utime + after.ru_stime - used.ru_utime - used.ru_stime)
    print(
        f"{'returning' if kind == 'returning' else 'first'} cold start to first paint "
        f"({'compiled bytecode' if bytecode else 'compiling from source'}): "
        f"median {statistics.median(times):.3f} s, min {min(times):.3f} s, max {max(times):.3f} s "
        f"over {runs} runs (goal < 0.5 s); every page made: median {statistics.median(ready):.3f} s; "
        f"CPU time of the whole run: median {statistics.median(cpu):.3f} s"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
