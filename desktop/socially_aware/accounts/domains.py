"""Telling official logins apart, and which checklist a site has. Site names themselves come from `sites.py`."""

from __future__ import annotations

import re
from collections.abc import Sequence

from socially_aware.accounts.platform_sites import PLATFORM_BY_SITE as PLATFORM_BY_DOMAIN  # noqa: F401  (declared there, once)
from socially_aware.accounts.platform_sites import platform_for  # noqa: F401

# An email address in free text (notes, custom fields): bounded parts, so a long note is read in linear time.
_ADDRESS = re.compile(r"[\w.+'-]{1,64}@[\w-]{1,63}(?:\.[\w-]{1,63}){1,8}")


def addresses_in(text: str) -> list[str]:
    """Every email address written in free text; nothing else of the text is kept."""
    return _ADDRESS.findall(text) if "@" in text else []


def domain_of_address(address: str) -> str:
    return address.rsplit("@", 1)[1].strip().strip(">").lower() if "@" in address else ""


def is_official(login: str, domains: Sequence[str], corporate_id: re.Pattern[str] | None) -> bool:
    """Whether a login name is an official address (or a subdomain's) or looks like a corporate ID."""
    login = login.strip()
    domain = domain_of_address(login)
    if domain and any(domain == d or domain.endswith("." + d) for d in domains):
        return True
    return bool(corporate_id and "@" not in login and corporate_id.fullmatch(login))
