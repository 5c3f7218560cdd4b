"""Turning addresses and web links into a site name, and telling official logins apart."""

from __future__ import annotations

import re
from collections.abc import Sequence

from socially_aware.accounts.platform_sites import platform_for  # noqa: F401  (declared there, once)

# Second-level labels under which organisations register (example.com.au, example.co.uk).
_SECOND_LEVEL = {"com", "net", "org", "gov", "edu", "co", "ac", "id", "asn", "csiro"}
_HOST = re.compile(r"^(?:[a-z][a-z0-9+.-]*://)?(?:[^@/]*@)?([^/:?#\s]+)", re.IGNORECASE)
_STRIP = ("www.", "m.", "mobile.", "login.", "accounts.", "account.", "secure.", "signin.", "auth.", "app.", "my.")


def host_of(text: str) -> str:
    """The host name in a URL, an address or a bare domain, lower-case; "" when there is none."""
    match = _HOST.match(text.strip())
    host = match.group(1).lower().rstrip(".") if match else ""
    return host if "." in host and " " not in host else ""


def site_of(host: str) -> str:
    """A registrable domain: "accounts.google.com" -> "google.com", "id.rsvp.com.au" -> "rsvp.com.au"."""
    labels = [label for label in host.lower().split(".") if label]
    if len(labels) >= 3 and len(labels[-1]) == 2 and labels[-2] in _SECOND_LEVEL:
        return ".".join(labels[-3:])
    return ".".join(labels[-2:])


def domain_of_address(address: str) -> str:
    return address.rsplit("@", 1)[1].strip().strip(">").lower() if "@" in address else ""


def is_official(login: str, domains: Sequence[str], corporate_id: re.Pattern[str] | None) -> bool:
    """Whether a login name is an official address (or a subdomain's) or looks like a corporate ID."""
    login = login.strip()
    domain = domain_of_address(login)
    if domain and any(domain == d or domain.endswith("." + d) for d in domains):
        return True
    return bool(corporate_id and "@" not in login and corporate_id.fullmatch(login))
