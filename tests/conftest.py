"""Shared test set-up. Qt must be told to stay headless before anything imports it."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("QT_ACCESSIBILITY", "1")

import pytest  # noqa: E402


@pytest.fixture
def require_real_keyring() -> None:
    """Skip (or, under the README's test command, fail) when no real keyring backend is reachable."""
    import keyring
    from keyring.backends import fail

    backend = keyring.get_keyring()
    if isinstance(backend, fail.Keyring) or "chainer" in type(backend).__module__ and not backend.backends:
        if os.environ.get("SOCIALLY_AWARE_REQUIRE_KEYRING") == "1":
            pytest.fail("no keyring backend: run the tests with scripts/run-tests.sh")
        pytest.skip("no keyring backend; scripts/run-tests.sh provides gnome-keyring")
