"""Which checklist a site belongs to, which sites are the organisation's own, and which steps close an account.

The sites of each platform are declared here once, as data; everything else (the inventory's
checklist column, the accounts page's "Close or move") is derived from this table.
"""

from __future__ import annotations

from collections.abc import Iterable

from socially_aware.catalog.model import Catalog, Item, Theme

# The same service can live on several domains (mail often comes from a separate one).
SITES_BY_PLATFORM: dict[str, tuple[str, ...]] = {
    "facebook": ("facebook.com", "fb.com", "facebookmail.com", "meta.com"),
    "instagram": ("instagram.com",),
    "threads": ("threads.net", "threads.com"),
    "linkedin": ("linkedin.com",),
    "x": ("x.com", "twitter.com"),
    "tiktok": ("tiktok.com",),
    "snapchat": ("snapchat.com",),
    "reddit": ("reddit.com", "redditmail.com"),
    "tumblr": ("tumblr.com",),
    "pinterest": ("pinterest.com",),
    "youtube": ("youtube.com",),
    "flickr": ("flickr.com",),
    "meetup": ("meetup.com",),
    "whatsapp": ("whatsapp.com",),
    "messenger": ("messenger.com",),
    "telegram": ("telegram.org",),
    "signal": ("signal.org",),
    "discord": ("discord.com", "discordapp.com"),
    "tinder": ("tinder.com", "gotinder.com"),
    "bumble": ("bumble.com",),
    "hinge": ("hinge.co",),
    "rsvp": ("rsvp.com.au",),
    "strava": ("strava.com",),
    "google": ("google.com",),
    "personal-email": ("gmail.com", "outlook.com", "hotmail.com"),
    "apple-account": ("apple.com", "icloud.com"),
    "android": ("samsung.com",),
    "microsoft-account": ("microsoft.com", "live.com", "xbox.com", "skype.com"),
    "bluesky": ("bsky.app", "bsky.social"),
    "garmin-connect": ("garmin.com",),
    "life360": ("life360.com",),
    "github": ("github.com",),
    "gravatar": ("gravatar.com",),
    "spotify": ("spotify.com",),
    "nextdoor": ("nextdoor.com", "nextdoor.com.au"),
    "gumtree": ("gumtree.com.au", "gumtree.com"),
    "alltrails": ("alltrails.com",),
    "fitbit": ("fitbit.com",),
    "seek": ("seek.com.au", "seek.co.nz"),
    "parkrun": ("parkrun.com", "parkrun.com.au", "parkrun.org.uk"),
}
GENERIC_PLATFORM = "other-sites"
"""The checklist for any site that has none of its own."""
GENERIC_STEPS = f"{GENERIC_PLATFORM}/close-account"
"""Its item that says how to move or close an account anywhere."""

PLATFORM_BY_SITE = {site: platform for platform, sites in SITES_BY_PLATFORM.items() for site in sites}


def platform_for(site: str) -> str:
    """The checklist for a site (a registrable domain such as "linkedin.com"), or the generic one."""
    labels = site.lower().rstrip(".").split(".")
    for start in range(len(labels) - 1):  # "au.linkedin.com" still belongs to LinkedIn
        platform = PLATFORM_BY_SITE.get(".".join(labels[start:]))
        if platform:
            return platform
    return GENERIC_PLATFORM


def is_own_site(site: str, own_domains: Iterable[str]) -> bool:
    """Whether a site is one of the organisation's own domains or under one (its intranet, its mail)."""
    site = site.lower().rstrip(".")
    return any(site == d or site.endswith("." + d) for d in (d.lower().rstrip(".") for d in own_domains) if d)


def close_steps(catalog: Catalog, site: str) -> Item | None:
    """The checklist item that says how to move or close the account on this site.

    The site's platform's official-email item where it has one; otherwise the generic steps.
    """
    platform = catalog.platform(platform_for(site))
    if platform is not None and platform.id != GENERIC_PLATFORM:
        item = next((i for i in platform.items if i.theme is Theme.OFFICIAL_EMAIL), None)
        if item is not None:
            return item
    generic = catalog.item(GENERIC_STEPS)
    if generic is not None:
        return generic
    platform = catalog.platform(GENERIC_PLATFORM)
    return next((i for i in platform.items if i.theme is Theme.OFFICIAL_EMAIL), None) if platform else None
