"""A save killed at any moment leaves the old state or the new one, never neither."""

from __future__ import annotations

import os
import random
import signal
import time
from pathlib import Path

import pytest

from socially_aware.progress.model import ProgressDocument
from socially_aware.progress.store import ProgressStore
from tests.progress.fakes import FixedKeySource

KILLS = 200
STATE_A = ["facebook", "linkedin"]
STATE_B = ["instagram", "strava", "tinder"]


def _save_forever(data_dir: Path) -> None:
    store = ProgressStore(data_dir, FixedKeySource())
    states = [ProgressDocument(platforms=STATE_B), ProgressDocument(platforms=STATE_A)]
    n = 0
    while True:
        store.save(states[n % 2])
        n += 1


@pytest.mark.slow
@pytest.mark.skipif(not hasattr(os, "fork"), reason="needs fork")
def test_sigkill_during_saves_never_loses_both_states(tmp_path: Path) -> None:
    data_dir = tmp_path / "data"
    ProgressStore(data_dir, FixedKeySource()).save(ProgressDocument(platforms=STATE_A))
    rng = random.Random(20261124)
    seen = {"A": 0, "B": 0}
    for attempt in range(KILLS):
        pid = os.fork()
        if pid == 0:  # the child saves until it is killed
            try:
                _save_forever(data_dir)
            finally:
                os._exit(1)
        time.sleep(rng.uniform(0, 0.02))
        os.kill(pid, signal.SIGKILL)
        os.waitpid(pid, 0)
        platforms = ProgressStore(data_dir, FixedKeySource()).load().platforms
        assert platforms in (STATE_A, STATE_B), f"kill {attempt}: {platforms}"
        seen["A" if platforms == STATE_A else "B"] += 1
    # Kills must have landed mid-stream, not only before the first save of each child.
    assert seen["A"] > 0 and seen["B"] > 0, seen
