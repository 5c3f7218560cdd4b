"""Telling official logins apart, and which checklist a site has. Site names themselves come from `sites.py`."""

from __future__ import annotations

import re
from collections.abc import Sequence

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
