"""Which web pages an item may cite as its `source`: the platform's own, or a public authority's.

A reviewer from an integrity team accepts the platform's own help page (its domains, declared in
the platform file as `platform.domains`, else the host of its `settings_url`) or a public
authority's guide. Content farms, blogs and archive copies are refused by the validator, naming
the file, line and field, so a secondary site can never slip back in with a content update.
"""

from __future__ import annotations

from collections.abc import Iterable

PUBLIC_AUTHORITIES: dict[str, str] = {
    "esafety.gov.au": "Australia's eSafety Commissioner",
    "oaic.gov.au": "the Office of the Australian Information Commissioner",
    "cyber.gov.au": "the Australian Cyber Security Centre",
    "scamwatch.gov.au": "Scamwatch (ACCC)",
    "netsafe.org.nz": "Netsafe (New Zealand)",
    "privacy.org.nz": "New Zealand's Privacy Commissioner",
    "ncsc.gov.uk": "the UK National Cyber Security Centre",
    "ico.org.uk": "the UK Information Commissioner's Office",
    "ftc.gov": "the US Federal Trade Commission",
    "cisa.gov": "the US Cybersecurity and Infrastructure Security Agency",
    "priv.gc.ca": "the Office of the Privacy Commissioner of Canada",
    "getcybersafe.gc.ca": "the Canadian Centre for Cyber Security's Get Cyber Safe",
}
"""Public authorities whose guides an item may cite, by domain (subdomains included). Declared once."""


def host_of(address: str) -> str | None:
    """The lower-case host of an `https://` address, or None when it has none we would trust
    (user-info or a port could make the text shown differ from the site visited)."""
    if not address.startswith("https://"):
        return None
    authority = address[len("https://") :]
    for end in "/?#":
        authority = authority.split(end, 1)[0]
    if not authority or "@" in authority or ":" in authority or "\\" in authority:
        return None
    return authority.lower().rstrip(".")


def own_domains(settings_url: str, declared: Iterable[str]) -> tuple[str, ...]:
    """The platform's own domains: those its file declares, else its settings page's host (no `www.`)."""
    listed = tuple(d.lower() for d in declared)
    if listed:
        return listed
    host = host_of(settings_url) or ""
    return (host.removeprefix("www."),) if host else ()


def _within(host: str, domain: str) -> bool:
    return host == domain or host.endswith("." + domain)


def source_problem(address: str, platform_name: str, domains: tuple[str, ...]) -> str | None:
    """Why `address` may not be an item's source, or None when it may."""
    host = host_of(address)
    if host is None:
        return f"'{address[:60]}' is not a plain https:// address"
    if any(_within(host, d) for d in domains) or any(_within(host, d) for d in PUBLIC_AUTHORITIES):
        return None
    return (
        f"'{host}' is not one of {platform_name}'s own domains ({', '.join(domains) or 'none declared'}) "
        "nor a public authority's (catalog/sources.py): cite the platform's own help page"
    )
