"""The `no_network` fixture itself must catch what it claims to, or the scenarios prove nothing."""

from __future__ import annotations

import socket

import pytest

from tests.conftest import NetworkAttempt


def test_internet_socket_is_refused_and_recorded(no_network: list[str]) -> None:
    with pytest.raises(NetworkAttempt):
        socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    with pytest.raises(NetworkAttempt):
        socket.getaddrinfo("example.org", 443)
    assert len(no_network) == 2


def test_local_ipc_is_still_allowed(no_network: list[str]) -> None:
    left, right = socket.socketpair(socket.AF_UNIX)
    left.close()
    right.close()
    assert no_network == []
