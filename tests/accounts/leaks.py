"""The one check every accounts test makes: run the files through every way out, and prove no password got out.

`scan_everywhere` reads the given files the ways a person can: `accounts scan` (human output and
`--json`), the window's accounts page (the whole widget tree is walked after the import), and the
encrypted progress store (saved, then decrypted and read back). Logs are captured throughout. Every
fixture password must be absent from all of it, in any letter case (an old bug lower-cased them).
"""

from __future__ import annotations

import contextlib
import functools
import json
import logging
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from unittest import mock

import pytest
from PySide6.QtWidgets import QAbstractItemView, QWidget

from socially_aware import cli
from socially_aware.accounts import scan_paths, search_queries
from socially_aware.accounts.scan import ScanReport
from socially_aware.catalog.loader import load_catalog
from socially_aware.locations import bundled_root
from socially_aware.progress.model import ProgressDocument
from socially_aware.progress.store import ProgressStore
from socially_aware.progress.tracker import Tracker
from socially_aware.ui.accounts_page import AccountsPage
from tests.accounts.exports import PASSWORDS
from tests.progress.fakes import FixedKeySource

# The bundled organisation profile's domains and corporate ID, which the command line uses too.
DOMAINS = (
    "homeaffairs.gov.au",
    "abf.gov.au",
    "border.gov.au",
    "mbc.gov.au",
    "mara.gov.au",
    "immi.gov.au",
    "customs.gov.au",
)
CORPORATE_ID = r"^[A-Za-z][0-9]{5,6}$"


@dataclass
class Seen:
    """Everything a person or a file could see after the import."""

    report: ScanReport
    exit_code: int
    out: str
    err: str
    json: dict[str, Any]
    json_text: str
    document: str
    widgets: str
    logs: str

    @property
    def sites(self) -> list[str]:
        return [r.site for r in self.report.rows]

    @property
    def errors(self) -> list[str]:
        return [f.error for f in self.report.files]


@functools.cache
def _catalog() -> Any:
    return load_catalog([bundled_root() / "checklists"])


def widget_text(root: QWidget) -> str:
    """Every string a widget tree shows or speaks: labels, buttons, tooltips, accessible names, table cells."""
    parts: list[str] = [root.windowTitle()]
    for widget in [root, *root.findChildren(QWidget)]:
        for getter in (
            "text",
            "toolTip",
            "statusTip",
            "whatsThis",
            "accessibleName",
            "accessibleDescription",
            "currentText",
            "toPlainText",
            "placeholderText",
            "windowTitle",
        ):
            value = getattr(widget, getter, None)
            if callable(value):
                with contextlib.suppress(TypeError):
                    parts.append(str(value()))
        if isinstance(widget, QAbstractItemView) and widget.model() is not None:
            model = widget.model()
            for row in range(model.rowCount()):
                for column in range(model.columnCount()):
                    index = model.index(row, column)
                    for role in (0, 3, 5):  # display, tooltip, whats-this
                        parts.append(str(model.data(index, role) or ""))
    return "\n".join(parts)


def assert_no_secret(texts: Iterable[str], secrets: Sequence[str]) -> None:
    """No secret in any text, in any letter case."""
    haystack = "\n".join(texts).casefold()
    for secret in secrets:
        assert secret.casefold() not in haystack, f"a fixture password got out: {secret!r}"


def scan_everywhere(
    paths: Sequence[Path],
    tmp_path: Path,
    qtbot: Any,
    capsys: pytest.CaptureFixture[str],
    caplog: pytest.LogCaptureFixture,
    secrets: Sequence[str] = (),
) -> Seen:
    """Read `paths` every way a person can and assert that no fixture password (nor any of `secrets`) shows anywhere."""
    caplog.set_level(logging.DEBUG)
    strings = [str(p) for p in paths]
    capsys.readouterr()
    # The bundled profile, loaded once: the command line would otherwise load the whole catalog
    # (and the real per-user folders) on every call, which is neither under test nor wanted here.
    with mock.patch.object(cli, "_organisation", lambda: _catalog().organisation):
        exit_code = cli.main(["accounts", "scan", *strings])
        human = capsys.readouterr()
        json_code = cli.main(["accounts", "scan", "--json", *strings])
        machine = capsys.readouterr()
    assert json_code == exit_code
    data = json.loads(machine.out)

    report = scan_paths(paths, DOMAINS, CORPORATE_ID)
    store = ProgressStore(tmp_path / "store-for-leak-check", FixedKeySource())
    doc = ProgressDocument(welcomed=True)
    Tracker(_catalog(), doc).add_accounts(report.rows)
    store.save(doc)
    document = json.dumps(store.load().to_dict(), ensure_ascii=False)
    raw_store = b"".join(p.read_bytes() for p in store.path.parent.iterdir() if p.is_file())

    tracker = Tracker(_catalog(), ProgressDocument(welcomed=True))
    page = AccountsPage(tracker, lambda chosen: scan_paths(chosen, DOMAINS, CORPORATE_ID), search_queries(DOMAINS))
    qtbot.addWidget(page)
    page.show()
    with qtbot.waitSignal(page.worker.finished, timeout=20000):
        page.scan_paths(list(paths))
    widgets = widget_text(page)
    page_document = json.dumps(tracker.doc.to_dict(), ensure_ascii=False)

    seen = Seen(
        report, exit_code, human.out, human.err + machine.err, data, machine.out, document, widgets, caplog.text
    )
    assert_no_secret(
        [
            seen.out,
            seen.err,
            seen.json_text,
            json.dumps(data, ensure_ascii=False),
            document,
            page_document,
            widgets,
            seen.logs,
            repr(report),
            raw_store.decode("latin-1"),
        ],
        [*PASSWORDS, *secrets],
    )
    # The window and the command line read the same files the same way.
    assert [r.site for r in report.rows] == [s["site"] for s in data["services"]]
    assert sorted(tracker.doc.accounts) == [r.site for r in report.rows]
    return seen
