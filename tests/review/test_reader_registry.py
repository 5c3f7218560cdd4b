"""The reader registry is the one list of platform downloads the review reads: every reader module is in
it, and each reader names the sites the accounts page files under a checklist, so an official account
marked there covers that platform's downloads (`review/official.py`)."""

from __future__ import annotations

import importlib
import pkgutil

import socially_aware.review.readers
from socially_aware.accounts.platform_sites import GENERIC_PLATFORM, platform_for
from socially_aware.review.readers import READERS
from socially_aware.review.readers.common import PlatformReader


def test_every_module_that_declares_a_reader_is_in_the_registry() -> None:
    """A reader module whose line in READERS was forgotten would never be asked, and no test would say so."""
    declared: dict[str, PlatformReader] = {}
    for info in pkgutil.iter_modules(socially_aware.review.readers.__path__):
        module = importlib.import_module(f"socially_aware.review.readers.{info.name}")
        if isinstance(getattr(module, "READER", None), PlatformReader):
            declared[info.name] = module.READER
    assert {name for name, reader in declared.items() if reader not in READERS} == set()
    assert set(declared.values()) == set(READERS)


def test_every_reader_names_its_sites_as_the_accounts_page_knows_them() -> None:
    for reader in READERS:
        assert reader.sites, (
            f"{reader.platform}: no sites=, so an official account marked on the accounts page is not seen"
        )
        filed = {site: platform_for(site) for site in reader.sites}
        assert GENERIC_PLATFORM not in filed.values(), (reader.platform, filed, "add them to SITES_BY_PLATFORM")
        assert reader.platform in filed.values(), (reader.platform, filed)
