"""One writer per progress folder, across real processes; a second start hands over to the first window."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from collections.abc import Iterator
from pathlib import Path

import pytest

from socially_aware.progress.lock import StoreBusyError, StoreLock, hand_over, lock_path
from socially_aware.progress.model import ProgressDocument
from socially_aware.progress.store import ProgressStore
from tests.progress.fakes import FixedKeySource

ROOT = Path(__file__).resolve().parents[2]

HOLDER = textwrap.dedent(
    """
    import select, sys
    from pathlib import Path
    from socially_aware.progress.lock import StoreLock, listen_for_handover, take_handover
    folder = Path(sys.argv[1])
    assert StoreLock(folder).acquire()
    fd = listen_for_handover(folder)
    print("holding", flush=True)
    # Until the test closes our stdin: report each hand-over from a second start.
    while True:
        ready, _, _ = select.select([sys.stdin, fd], [], [], 30)
        if not ready or sys.stdin in ready:
            break
        if take_handover(fd):
            print("asked to show the window", flush=True)
    """
)


@pytest.fixture
def other_process(tmp_path: Path) -> Iterator[subprocess.Popen[str]]:
    """A second process holding the folder's lock (as an open window does), until the test lets go."""
    env = {**os.environ, "PYTHONPATH": f"{ROOT / 'desktop'}{os.pathsep}{ROOT}"}
    child = subprocess.Popen(
        [sys.executable, "-c", HOLDER, str(tmp_path / "data")],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
        env=env,
    )
    assert child.stdout is not None and child.stdout.readline() == "holding\n"
    yield child
    if child.poll() is None:
        child.kill()
        child.wait()
    for pipe in (child.stdin, child.stdout):
        if pipe is not None and not pipe.closed:
            pipe.close()


def _let_go(child: subprocess.Popen[str]) -> str:
    assert child.stdin is not None and child.stdout is not None
    child.stdin.close()
    rest = child.stdout.read()
    child.stdout.close()
    assert child.wait(timeout=30) == 0
    return rest


def test_a_second_writer_is_refused_while_another_process_holds_the_folder(
    tmp_path: Path, other_process: subprocess.Popen[str]
) -> None:
    store = ProgressStore(tmp_path / "data", FixedKeySource())
    with pytest.raises(StoreBusyError, match="open in another window"):
        store.save(ProgressDocument(platforms=["a"]))
    assert not store.path.exists()  # nothing written, nothing half-written
    assert not StoreLock(tmp_path / "data").acquire()
    _let_go(other_process)
    store.save(ProgressDocument(platforms=["a"]))  # the other process ended: the lock went with it
    assert ProgressStore(tmp_path / "data", FixedKeySource()).load().platforms == ["a"]


def test_the_lock_sits_beside_the_folder_not_in_it(tmp_path: Path) -> None:
    store = ProgressStore(tmp_path / "data", FixedKeySource())
    store.save(ProgressDocument())
    assert lock_path(tmp_path / "data") == tmp_path / "data.lock" and (tmp_path / "data.lock").exists()
    store.delete_all()
    assert not (tmp_path / "data").exists()  # "delete all" still removes the whole folder


def test_a_second_start_hands_over_to_the_process_holding_the_folder(
    tmp_path: Path, other_process: subprocess.Popen[str]
) -> None:
    assert hand_over(tmp_path / "data")
    assert other_process.stdout is not None
    assert other_process.stdout.readline() == "asked to show the window\n"
    _let_go(other_process)
    assert not hand_over(tmp_path / "data")  # nobody listens any more: nothing to hand over to
