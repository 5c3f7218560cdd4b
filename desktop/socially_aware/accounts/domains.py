"""Turning addresses and web links into a site name, and telling official logins apart."""

from __future__ import annotations

import re
from collections.abc import Sequence

# Second-level labels under which organisations register (example.com.au, example.co.uk).
_SECOND_LEVEL = {"com", "net", "org", "gov", "edu", "co", "ac", "id", "asn", "csiro"}
_HOST = re.compile(r"^(?:[a-z][a-z0-9+.-]*://)?(?:[^@/]*@)?([^/:?#\s]+)", re.IGNORECASE)
_STRIP = ("www.", "m.", "mobile.", "login.", "accounts.", "account.", "secure.", "signin.", "auth.", "app.", "my.")

# Where a site is one of our checklists, its id; the same service can live on several domains.
PLATFORM_BY_DOMAIN = {
    "facebook.com": "facebook", "fb.com": "facebook", "facebookmail.com": "facebook", "meta.com": "facebook",
    "instagram.com": "instagram", "threads.net": "threads", "threads.com": "threads",
    "linkedin.com": "linkedin", "x.com": "x", "twitter.com": "x", "tiktok.com": "tiktok",
    "snapchat.com": "snapchat", "reddit.com": "reddit", "redditmail.com": "reddit", "tumblr.com": "tumblr",
    "pinterest.com": "pinterest", "youtube.com": "youtube", "flickr.com": "flickr", "meetup.com": "meetup",
    "whatsapp.com": "whatsapp", "telegram.org": "telegram", "signal.org": "signal", "discord.com": "discord",
    "discordapp.com": "discord", "tinder.com": "tinder", "gotinder.com": "tinder", "bumble.com": "bumble",
    "hinge.co": "hinge", "rsvp.com.au": "rsvp", "strava.com": "strava", "google.com": "google",
    "gmail.com": "personal-email", "outlook.com": "personal-email", "hotmail.com": "personal-email",
    "live.com": "personal-email", "apple.com": "iphone", "icloud.com": "iphone", "samsung.com": "android",
    "microsoft.com": "windows",
}


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


def platform_for(site: str) -> str:
    return PLATFORM_BY_DOMAIN.get(site, "other-sites")
