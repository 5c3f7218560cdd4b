"""The progress saver: one listener of the Tracker among others, and one serialisation per save."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from socially_aware import app
from socially_aware.progress import store as store_module
from socially_aware.progress.model import ProgressDocument
from socially_aware.progress.store import ProgressStore
from tests.progress.fakes import FixedKeySource


def test_a_save_serialises_the_document_once_and_an_unchanged_flush_writes_nothing(
    qtbot: Any, tmp_path: Path, monkeypatch: Any
) -> None:
    store = ProgressStore(tmp_path / "data", FixedKeySource())
    doc = ProgressDocument()
    errors: list[str] = []
    saver = app.ProgressSaver(store, doc, lambda: doc, errors.append)
    calls: list[None] = []
    real = store_module.encode_document

    def counting(document: ProgressDocument) -> bytes:
        calls.append(None)
        return real(document)

    monkeypatch.setattr(app, "encode_document", counting)
    monkeypatch.setattr(store_module, "encode_document", counting)
    doc.platforms.append("alpha")
    saver.flush()
    assert len(calls) == 1 and store.load().platforms == ["alpha"] and errors == []
    saver.flush()
    assert len(calls) == 2 and store.load().platforms == ["alpha"]  # compared, not written again
