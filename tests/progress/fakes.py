"""An in-process key source for unit tests that are not about the keyring itself."""

from __future__ import annotations

from typing import Any


class FixedKeySource:
    kind = "keyring"

    def __init__(self, key: bytes = b"k" * 32, remember_generation: bool = False) -> None:
        self.key = key
        self.forgotten = False
        self.remember_generation = remember_generation
        """Keep the save number like the keyring does (off by default: most tests are not about rollback)."""
        self.generation: int | None = None

    def new_header(self) -> dict[str, Any]:
        return {}

    def key_for(self, header: dict[str, Any]) -> bytes:
        return self.key

    def forget(self) -> None:
        self.forgotten = True
        self.generation = None

    def ensure_key(self) -> None:
        pass

    def saved_generation(self) -> int | None:
        return self.generation if self.remember_generation else None

    def record_generation(self, generation: int) -> None:
        self.generation = generation
