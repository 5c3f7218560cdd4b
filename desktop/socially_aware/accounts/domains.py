"""Telling official logins apart, and which checklist a site has. Site names themselves come from `sites.py`."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence

from socially_aware.accounts.platform_sites import PLATFORM_BY_SITE as PLATFORM_BY_DOMAIN  # noqa: F401  (declared there, once)
from socially_aware.accounts.platform_sites import platform_for  # noqa: F401
from socially_aware.review.folding import fold_with_offsets, is_ignorable

# An email address in free text (notes, custom fields): bounded parts, so a long note is read in linear time.
_ADDRESS = re.compile(r"[\w.+'-]{1,64}@[\w-]{1,63}(?:\.[\w-]{1,63}){1,8}")


def addresses_in(text: str) -> list[str]:
    """Every email address written in free text, after the same normalising; nothing else of the text is kept.

    Only "@" and the two characters NFKC turns into one (fullwidth and small commercial at) can start
    an address, so text without them is not folded at all."""
    if "@" not in text and "\uff20" not in text and "\ufe6b" not in text:  # most notes: nothing to fold
        return []
    return _ADDRESS.findall(fold_with_offsets(text)[0])


def domain_of_address(address: str) -> str:
    return address.rsplit("@", 1)[1].strip().strip(">").lower() if "@" in address else ""


def is_official(login: str, domains: Sequence[str], corporate_id: re.Pattern[str] | None) -> bool:
    """Whether a login name is an official address (or a subdomain's) or looks like a corporate ID.

    Read after the review's one normaliser (`review.folding`): a fullwidth "＠", a zero-width
    character inside, a look-alike letter or a different case does not hide an official address.
    """
    # ASCII folds to its lower case (nothing to drop or map): skip the normaliser's offset bookkeeping.
    folded = (login.lower() if login.isascii() else fold_with_offsets(login)[0]).strip()
    domain = domain_of_address(folded)
    if domain and any(domain == d or domain.endswith("." + d) for d in domains):
        return True
    return bool(
        corporate_id
        and "@" not in folded
        and (corporate_id.fullmatch(login.strip()) or corporate_id.fullmatch(_without_ignorables(login).strip()))
    )


def _without_ignorables(text: str) -> str:
    return "".join(ch for ch in unicodedata.normalize("NFKC", text) if not is_ignorable(ch))
