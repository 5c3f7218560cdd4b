"""Searches to type into a mailbox, for people who can't export their mail."""

from __future__ import annotations

from collections.abc import Sequence

_WORDS = ("welcome", "verify", "confirm", "activate", '"reset your password"', '"sign up"', "registration")


def search_queries(domains: Sequence[str]) -> dict[str, str]:
    """Gmail and Outlook search boxes: mail to an official address about a new or used account."""
    words = " OR ".join(_WORDS)
    gmail_to = " OR ".join(f"to:{d}" for d in domains)
    outlook_to = " OR ".join(f"to:{d}" for d in domains)
    return {
        # Gmail: OR and braces group terms; subject:() searches the subject only.
        "Gmail": f"{{{gmail_to}}} subject:({words})",
        # Outlook (Microsoft 365 and Outlook.com): KQL-style; OR must be upper case.
        "Outlook": f"({outlook_to}) AND subject:({words})",
        # In the official mailbox itself everything was sent to you, so only the subject matters.
        "Your work mailbox": f"subject:({words})",
    }
