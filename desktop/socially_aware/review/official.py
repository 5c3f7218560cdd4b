"""Downloads of official accounts the person runs for the Department: found, kept apart, not problems.

The department's social media team runs official accounts on official addresses. The accounts
page lets a person mark a site as "an official account I run for the Department" (the Tracker's
`is_official_account`). A download is that account's when the platform's site is marked so *and*
the download's own account is registered with an official address: then every finding in that
download is expected (it names the employer because it is the employer's account). A personal
download of the same platform, registered with a personal address, is reviewed as usual.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping

from socially_aware.review.model import Detector, Finding
from socially_aware.review.platforms import ReaderTable

SITES: Mapping[str, tuple[str, ...]] = ReaderTable(lambda reader: reader.sites)


def official_downloads(findings: Iterable[Finding], is_official_site: Callable[[str], bool]) -> set[tuple[str, str]]:
    """(download, platform) pairs that are an official account the person marked as theirs to run."""
    return {
        (f.source, f.platform)
        for f in findings
        if f.detector is Detector.OFFICIAL_EMAIL and any(is_official_site(site) for site in SITES.get(f.platform, ()))
    }


def split_official(
    findings: Iterable[Finding], is_official_site: Callable[[str], bool]
) -> tuple[list[Finding], list[Finding]]:
    """(findings to deal with, findings from official accounts the person runs), order kept."""
    listed = list(findings)
    official = official_downloads(listed, is_official_site)
    apart = [f for f in listed if (f.source, f.platform) in official]
    return [f for f in listed if (f.source, f.platform) not in official], apart
