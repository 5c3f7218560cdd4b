"""An in-process key source for unit tests that are not about the keyring itself."""

from __future__ import annotations

from typing import Any


class FixedKeySource:
    kind = "keyring"

    def __init__(self, key: bytes = b"k" * 32) -> None:
        self.key = key
        self.forgotten = False

    def new_header(self) -> dict[str, Any]:
        return {}

    def key_for(self, header: dict[str, Any]) -> bytes:
        return self.key

    def forget(self) -> None:
        self.forgotten = True
