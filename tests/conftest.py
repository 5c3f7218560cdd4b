"""Shared test set-up. Qt must be told to stay headless before anything imports it."""

from __future__ import annotations

import gc
import itertools
import os
import sys
from collections.abc import Iterator
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("QT_ACCESSIBILITY", "1")

import pytest
from hypothesis import settings

# Property tests have no time limit per example (a busy machine must not fail them); under CI they
# run a fixed, seeded set of examples so a submission's result does not depend on luck, while a
# developer's run keeps exploring new ones.
settings.register_profile("local", deadline=None, print_blob=True)
settings.register_profile("ci", deadline=None, print_blob=True, derandomize=True)
settings.load_profile("ci" if os.environ.get("CI") else "local")


WATCH_REFCOUNTS = os.environ.get("SOCIALLY_AWARE_WATCH_REFCOUNTS") == "1"
"""Set to 1 to list the tests after which True, False or None hold fewer references than before.

On Python 3.11 these three are ordinary objects: a binding that releases a reference it never took
makes the interpreter abort at exit ("bool_dealloc: deallocating True or False", exit 134) after every
test passed. A test may lower a count honestly (it freed something made earlier), so look for the
same test losing again, or losses that grow with what the test does. See tests/ui/test_refcounts.py."""

_refcount_changes: list[tuple[str, tuple[int, int, int]]] = []
_refcounts_at_start: tuple[int, int, int] | None = None


def _shared_refcounts() -> tuple[int, int, int]:
    """(True, False, None) reference counts once garbage and Qt's deferred deletions are gone."""
    gc.collect()
    qt_core = sys.modules.get("PySide6.QtCore")
    if qt_core is not None and qt_core.QCoreApplication.instance() is not None:
        qt_core.QCoreApplication.sendPostedEvents(None, qt_core.QEvent.Type.DeferredDelete)
        gc.collect()
    return sys.getrefcount(True), sys.getrefcount(False), sys.getrefcount(None)


@pytest.hookimpl(wrapper=True)
def pytest_runtest_protocol(item: pytest.Item, nextitem: pytest.Item | None) -> Iterator[object]:
    """Measured around the whole protocol (set-up, call, tear-down), where pytest's own frames are the same."""
    global _refcounts_at_start
    if not WATCH_REFCOUNTS:
        return (yield)
    before = _shared_refcounts()
    if _refcounts_at_start is None:
        _refcounts_at_start = before
    result = yield
    after = _shared_refcounts()
    change = (after[0] - before[0], after[1] - before[1], after[2] - before[2])
    if min(change) < 0:
        _refcount_changes.append((item.nodeid, change))
    return result


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    if not WATCH_REFCOUNTS or _refcounts_at_start is None:
        return
    write = terminalreporter.write_line
    terminalreporter.section("tests after which True / False / None had fewer references")
    for nodeid, (true, false, none) in _refcount_changes:
        write(f"{true:+6d} {false:+6d} {none:+6d}  {nodeid}")
    now = _shared_refcounts()
    write(
        f"first test to last: True {_refcounts_at_start[0]} -> {now[0]}, False {_refcounts_at_start[1]} -> {now[1]}, "
        f"None {_refcounts_at_start[2]} -> {now[2]}"
    )


@pytest.fixture
def require_real_keyring() -> None:
    """Skip (or, under the README's test command, fail) when no real keyring backend is reachable."""
    import keyring
    from keyring.backends import fail

    backend = keyring.get_keyring()
    if isinstance(backend, fail.Keyring) or ("chainer" in type(backend).__module__ and not backend.backends):
        if os.environ.get("SOCIALLY_AWARE_REQUIRE_KEYRING") == "1":
            pytest.fail("no keyring backend: run the tests with scripts/run-tests.sh")
        pytest.skip("no keyring backend; scripts/run-tests.sh provides gnome-keyring")


class NetworkAttempt(AssertionError):
    """Raised in place of any attempt to reach a network; the app must never make one."""


@pytest.fixture
def no_network(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Make internet sockets and name lookups fail, and record every attempt.

    Local IPC (AF_UNIX, used by D-Bus for the keyring) stays allowed. Tests assert the returned
    list is empty at the end, so an attempt that the app caught and hid still fails the test.
    """
    import socket

    attempts: list[str] = []
    real_socket = socket.socket

    class GuardedSocket(real_socket):  # type: ignore[misc, valid-type]
        def __init__(self, family: int = -1, *args: object, **kwargs: object) -> None:
            if family in (socket.AF_INET, socket.AF_INET6) or family == -1:
                attempts.append(f"socket(family={family})")
                raise NetworkAttempt("the app tried to open an internet socket")
            super().__init__(family, *args, **kwargs)  # type: ignore[arg-type]

    def refuse(name: str):
        def _refused(*args: object, **kwargs: object) -> None:
            attempts.append(f"{name}{args!r}")
            raise NetworkAttempt(f"the app tried {name}")

        return _refused

    monkeypatch.setattr(socket, "socket", GuardedSocket)
    for name in ("getaddrinfo", "gethostbyname", "gethostbyname_ex", "gethostbyaddr", "create_connection"):
        monkeypatch.setattr(socket, name, refuse(name))
    return attempts


@pytest.fixture(scope="session")
def _config_folders(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """Each test's own config folder, numbered under one parent. (`tmp_path_factory.mktemp` per test
    lists pytest's whole temporary folder to number the next one: about 6 CPU seconds over the suite.)"""
    parent = tmp_path_factory.mktemp("config")
    return (parent / str(number) for number in itertools.count())


@pytest.fixture(autouse=True)
def _qt_settings_in_tmp(_config_folders: Iterator[Path]) -> None:
    """The window keeps its size with QSettings in the per-user config folder: never the real one in a test."""
    from PySide6.QtCore import QSettings

    folder = next(_config_folders)
    folder.mkdir()
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(folder))


@pytest.fixture(autouse=True)
def _collect_garbage_on_the_main_thread():  # type: ignore[no-untyped-def]
    """As the app does (`ui/collector.py`): no automatic collection, which could run in a worker
    thread and destroy a widget there; what is due is collected between tests, on the main thread."""
    from socially_aware.ui.collector import collect_due

    gc.disable()
    yield
    collect_due()


@pytest.fixture(autouse=True)
def _store_locks_end_with_the_test() -> Iterator[None]:
    """A process keeps the progress folder's lock until it ends (`progress/lock.py`); each test acts
    as its own process, so a later test's window is not told its folder is busy (and no descriptors pile up)."""
    yield
    from socially_aware.progress import lock

    for path in list(lock._HELD):
        os.close(lock._HELD.pop(path))


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Every test that drives Qt is a `gui` test, so `-m "not gui"` is the quick run for domain work."""
    for item in items:
        if {"qtbot", "qapp"} & set(getattr(item, "fixturenames", ())):
            item.add_marker(pytest.mark.gui)
