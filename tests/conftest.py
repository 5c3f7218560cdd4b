"""Shared test set-up. Qt must be told to stay headless before anything imports it."""

from __future__ import annotations

import gc
import itertools
import os
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
