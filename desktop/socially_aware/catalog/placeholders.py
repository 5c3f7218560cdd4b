"""`{org.name}`-style placeholders in checklist text, filled from the organisation profile."""

from __future__ import annotations

import re

from socially_aware.catalog.model import Organisation

PLACEHOLDER = re.compile(r"\{([a-z_.]+)\}")


def placeholder_values(org: Organisation) -> dict[str, str]:
    domains = [f"@{d}" for d in org.email_domains]
    joined = ", ".join(domains[:-1]) + f" or {domains[-1]}" if len(domains) > 1 else "".join(domains)
    return {
        "org.name": org.name,
        "org.short_name": org.short_name,
        "org.acronyms": ", ".join(org.acronyms) if org.acronyms else org.short_name,
        "org.email_domains": joined,
        "org.policy_title": org.policy_title,
    }


def unknown_placeholders(text: str, values: dict[str, str]) -> list[str]:
    return [m.group(0) for m in PLACEHOLDER.finditer(text) if m.group(1) not in values]


def fill(text: str, values: dict[str, str]) -> str:
    return PLACEHOLDER.sub(lambda m: values.get(m.group(1), m.group(0)), text)
