"""The one place a raw web address, host or title becomes a site name, or nothing.

What leaves the accounts finder is shown, printed and stored, and a raw URL can carry a password
(`https://user:pass@host/`), a host with no dot, or, when a password holds "/" or "@", text that
looks like a host but isn't. So only two kinds of value ever come out of `site_from`: a registrable
domain (by the Public Suffix List shipped with the `publicsuffixlist` package, read offline), or a
vetted site name from our own list. Anything else is None, and the caller counts it as dropped.
"""

from __future__ import annotations

import functools
import re

from publicsuffixlist import PublicSuffixList

from socially_aware.accounts.platform_sites import PLATFORM_BY_SITE as PLATFORM_BY_DOMAIN

MAX_URL_CHARS = 4096
"""Longer than any real login address; a longer cell is not a URL."""

_SCHEME = re.compile(r"^([a-z][a-z0-9+.-]{0,31})://", re.IGNORECASE)
# Browsers end the host at "/", "?", "#" and, for web addresses, "\".
_AUTHORITY_END = re.compile(r"[/?#\\]")
_LABEL = re.compile(r"^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$")
# Apps save logins as android://<hash>@com.strava/ (Chrome) or androidapp://com.strava (Bitwarden).
_APP_SCHEMES = frozenset({"android", "androidapp"})

# Titles (the name a person gave a login) that are our own known services: "Strava" -> strava.com.
VETTED_NAMES: dict[str, str] = {}
for _domain in PLATFORM_BY_DOMAIN:
    VETTED_NAMES.setdefault(_domain.split(".")[0], _domain)
VETTED_NAMES.update({"twitter": "x.com", "gmail": "gmail.com", "google": "google.com", "icloud": "icloud.com"})


@functools.cache
def _suffixes() -> PublicSuffixList:
    # accept_unknown=False: a made-up last label ("intranet.corp", "com.strava") is not a site.
    return PublicSuffixList(accept_unknown=False)


def _host_part(rest: str) -> str:
    """The host in what follows a scheme (or in a bare host or address), as a browser would find it.

    Like the WHATWG URL parser, the authority ends at the first "/", "?", "#" or "\\", and the host
    follows its last "@". When a password holds one of those characters the authority is cut inside
    the credentials ("user:pa/ss@host"): browsers refuse such an address, and so do we (no host),
    rather than guess and perhaps call part of the password a site.
    """
    end = _AUTHORITY_END.search(rest)
    authority = rest[: end.start()] if end else rest
    host_and_port = authority.rpartition("@")[2]
    if host_and_port.startswith("["):  # an IPv6 literal is never a site
        return ""
    host, _, port = host_and_port.partition(":")
    if port and not (port.isascii() and port.isdigit()):
        return ""
    return host


def _ascii_host(host: str) -> str | None:
    host = host.lower().removesuffix(".")
    if not host or len(host) > 253:
        return None
    if not host.isascii():
        try:
            host = host.encode("idna").decode("ascii")
        except UnicodeError:
            return None
    labels = host.split(".")
    if len(labels) < 2 or not all(_LABEL.fullmatch(label) for label in labels) or labels[-1].isdigit():
        return None
    return host


def registrable(host: str) -> str | None:
    """The registrable domain of a host ("accounts.google.com" -> "google.com"), or None."""
    ascii_host = _ascii_host(host)
    if ascii_host is None:
        return None
    found = _suffixes().privatesuffix(ascii_host)
    return found if isinstance(found, str) else None


def _app_site(rest: str) -> str | None:
    """An app's package name ("com.strava.android") read back to front, when it is a service we know."""
    host = _host_part(rest)
    labels = host.lower().split(".")
    reversed_host = ".".join(reversed(labels))
    site = registrable(reversed_host)
    return site if site in PLATFORM_BY_DOMAIN else None


def site_from(address: str, title: str = "") -> str | None:
    """The site a web address, host or mail domain names, or, when there is no address, the login's title; else None.

    "https://user:pass@accounts.google.com/x" -> "google.com"; ("", "Strava") -> "strava.com";
    "https://intranet/", "hunter2", "192.168.1.1" -> None. A title is only ever a vetted name or a
    bare host name, so a person's free text ("Gmail, pw hunter2") never comes out.
    """
    text = address.strip()
    if not text:
        name = title.strip()
        return VETTED_NAMES.get(name.lower()) or (_site_in(name) if name else None)
    return _site_in(text)


def _site_in(text: str) -> str | None:
    if len(text) > MAX_URL_CHARS:
        return None
    scheme = _SCHEME.match(text)
    rest = text[scheme.end() :] if scheme else text.removeprefix("mailto:")
    if scheme and scheme.group(1).lower() in _APP_SCHEMES:
        return _app_site(rest)
    host = _host_part(rest)
    return registrable(host) if host else None
