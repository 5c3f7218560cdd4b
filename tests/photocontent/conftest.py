"""Fixtures for looking inside photos: the real organisation profile and stand-in readers."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

from socially_aware.catalog.loader import load_organisation
from socially_aware.catalog.model import Organisation
from socially_aware.photocontent.engines import Engines, ModelUnavailable, TextLine

PROFILE = Path(__file__).resolve().parents[2] / "checklists" / "organisation.yaml"


@pytest.fixture(scope="session")
def org() -> Organisation:
    return load_organisation(PROFILE)


def line(text: str, x: float, y: float, w: float, h: float) -> TextLine:
    return TextLine(((x, y), (x + w, y), (x + w, y + h), (x, y + h)), text, 0.9)


@dataclass
class FakeEngines(Engines):
    """Readers that return what the test says, so matching, boxes and wording are tested without models."""

    lines: list[TextLine] = field(default_factory=list)
    faces_found: list[tuple[int, int, int, int]] = field(default_factory=list)
    codes_found: list[tuple[tuple[float, float], ...]] = field(default_factory=list)
    broken: frozenset[str] = frozenset()

    def text(self) -> Any:
        if "text" in self.broken:
            raise ModelUnavailable("The text reader's model is missing or damaged (test).")
        return _Returns((self.lines, False))

    def faces(self) -> Any:
        return _Returns((self.faces_found, False))

    def codes(self) -> Any:
        return _Returns(self.codes_found)


class _Returns:
    def __init__(self, value: object) -> None:
        self.value = value

    def read(self, _picture: object) -> object:
        return self.value

    find = read
