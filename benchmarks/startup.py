"""Cold start to the first painted window, offscreen, whole process; median of several runs.

    .venv/bin/python benchmarks/startup.py [runs]

Goal: under 1.0 s on the project's 2-core machine.
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tempfile
import time

CHILD = r"""
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
            print("painted", flush=True)
            QTimer.singleShot(0, app.quit)
        return False

app = QApplication(sys.argv[:1])
apply_style(app, dark=False)
window = build_window(Locations.under(Path(sys.argv[1])), PassphraseKeySource("benchmark passphrase"))
window.installEventFilter(FirstPaint(window))
window.show()
app.exec()
"""


def main() -> int:
    runs = int(sys.argv[1]) if len(sys.argv) > 1 else 7
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    times = []
    with tempfile.TemporaryDirectory() as tmp:
        for _ in range(runs):
            started = time.perf_counter()
            out = subprocess.run(
                [sys.executable, "-c", CHILD, tmp], env=env, capture_output=True, text=True, check=True
            )
            times.append(time.perf_counter() - started)
            assert "painted" in out.stdout, out.stderr
    print(
        f"cold start to first paint: median {statistics.median(times):.3f} s, "
        f"min {min(times):.3f} s, max {max(times):.3f} s over {runs} runs (goal < 1.0 s)"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
