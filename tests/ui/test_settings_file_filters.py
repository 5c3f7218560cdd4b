"""Settings' file dialogs offer the suffixes the packs and step-report modules declare.

The page names its filters itself: the modules that declare these suffixes load `cryptography` and
the catalog writer, which the widgets may not import. This test keeps the two in step instead.
"""

from __future__ import annotations

from socially_aware.catalog import packs
from socially_aware.progress import step_reports
from socially_aware.ui import settings_page


def _offered(dialog_filter: str) -> list[str]:
    first = dialog_filter.split(";;")[0]
    return [pattern.removeprefix("*") for pattern in first[first.index("(") + 1 : first.index(")")].split()]


def test_the_pack_dialog_offers_the_pack_suffix() -> None:
    assert _offered(settings_page.PACK_FILTER) == [packs.SUFFIX]


def test_the_step_reports_dialog_offers_their_suffix() -> None:
    assert _offered(settings_page.REPORTS_FILTER) == [step_reports.SUFFIX]
