"""The one normaliser: every ordinary spelling and evasion of every organisation term matches; decoys never do.

Terms come from the shipped organisation profile (checklists/organisation.yaml), so a term added
there is covered here without editing this file.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from socially_aware.catalog.loader import load_organisation
from socially_aware.review.detect import Detectors
from socially_aware.review.draft import DraftChecker
from socially_aware.review.folding import fold_with_offsets, normalise
from socially_aware.review.model import Detector

ORGANISATION = load_organisation(Path(__file__).resolve().parents[2] / "checklists" / "organisation.yaml")
DETECTORS = Detectors(ORGANISATION)
TERMS = (
    ORGANISATION.name,
    *ORGANISATION.former_names,
    *ORGANISATION.acronyms,
    *ORGANISATION.flag_terms,
)
INVISIBLE = ("\u200b", "\u200c", "\u200d", "\u00ad", "\u2060", "\ufeff", "\u202e", "\u2066", "\ufe0f", "\U000e0041")
EMOJI = ("🚔", "🇦🇺", "✈️", "👮\u200d♀️", "⭐")
SEPARATORS = ("-", ".", "_", "·", "–", "/")
# Latin letters and a look-alike from another script that Unicode's confusables list pairs them with.
LOOKALIKES = {"a": "а", "e": "е", "o": "о", "c": "с", "p": "р", "i": "і", "B": "В", "A": "Α", "F": "Ϝ", "H": "Н"}
DECOYS = (
    "fabfour tribute night",
    "Went to kabfest last night",
    "I hope the officer at the bakery is well",
    "my border collie loves the beach",
    "she joined the air force",
    "Home Loans at a great rate",
    "Home, affairs of the heart",
    "crossed the border. Force of habit made me wave",
    "the dibpa festival",
    "abfab is still funny",
    "https://t.co/9xAbfQ2k",
    "email me at jo@abfab.com.au",
    "customs. officers of the club",
    "the home and the affairs",
)


def _words(term: str) -> list[str]:
    return term.split()


def _camel(term: str) -> str:
    return "".join(w[:1].upper() + w[1:] for w in _words(term))


def evasions(term: str) -> list[str]:
    """Every way of writing `term` the issue names, each to be found inside a sentence."""
    words = _words(term)
    out = [
        term,
        term.upper(),
        term.lower(),
        "#" + _camel(term),
        "#" + "".join(words).lower(),
        "#" + "".join(words).upper(),
        "@" + "_".join(w.lower() for w in words),
        "#Australian" + _camel(term),
        "#i_love_" + "".join(words).lower(),
        "".join(chr(0xFF00 + ord(c) - 0x20) if "!" <= c <= "~" else c for c in term),  # fullwidth
        "".join(c + "\u0301" if c.isalpha() else c for c in term),  # accents on every letter
        "".join(LOOKALIKES.get(c, c) for c in term),
    ]
    for sep in SEPARATORS:
        out.append(sep.join(words))
    for mark in INVISIBLE:
        out.append(mark.join(term))  # between every character
    for emoji in EMOJI:
        out.append(emoji.join(words) if len(words) > 1 else emoji.join(term))
    if len(words) == 1 and term.isupper():
        out += [".".join(term) + ".", "-".join(term), "_".join(term), "\u200b".join(term)]
    return out


CASES = [(term, spelling) for term in TERMS for spelling in evasions(term)]


@pytest.mark.parametrize(("term", "spelling"), CASES, ids=[f"{t}|{i}" for i, (t, _) in enumerate(CASES)])
def test_every_spelling_of_every_term_is_found(term: str, spelling: str) -> None:
    text = f"Great day at work with the {spelling} team today!"
    matches = [m for m in DETECTORS.text_matches(text) if m.detector is Detector.EMPLOYER]
    assert matches, f"{term!r} written as {spelling!r} was missed"
    start = text.index(spelling)
    # The excerpt is cut from what the person wrote: the match lies within the spelling.
    assert any(start <= m.start and m.end <= start + len(spelling) + 1 for m in matches), (spelling, matches)


@pytest.mark.parametrize("decoy", DECOYS)
def test_decoys_stay_quiet(decoy: str) -> None:
    assert [m for m in DETECTORS.text_matches(decoy) if m.detector is Detector.EMPLOYER] == []


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    term=st.sampled_from(TERMS),
    mark=st.sampled_from(INVISIBLE + EMOJI + SEPARATORS + ("",)),
    before=st.text(alphabet=st.characters(whitelist_categories=("Zs",)), min_size=1, max_size=3),
    prefix=st.sampled_from(("", "#", "@")),
    data=st.data(),
)
def test_any_mix_of_evasions_matches(term: str, mark: str, before: str, prefix: str, data: st.DataObject) -> None:
    words = _words(term)
    # Letters swapped for a look-alike, case changed or accented, at positions hypothesis picks.
    changed = []
    for word in words:
        letters = []
        for c in word:
            how = data.draw(st.sampled_from(("same", "upper", "lower", "lookalike", "accent", "invisible")))
            if how == "upper":
                c = c.upper()
            elif how == "lower":
                c = c.lower()
            elif how == "lookalike":
                c = LOOKALIKES.get(c, c)
            elif how == "accent" and c.isalpha():
                c = c + "\u0308"
            elif how == "invisible":
                c = c + data.draw(st.sampled_from(INVISIBLE))
            letters.append(c)
        changed.append("".join(letters))
    joiner = mark if mark and mark not in INVISIBLE else " "
    spelling = prefix + joiner.join(changed)
    text = f"Hello{before}{spelling} and more"
    assert any(m.detector is Detector.EMPLOYER for m in DETECTORS.text_matches(text)), repr(spelling)


DECOY_WORDS = ("fab", "four", "kab", "fest", "hope", "officer", "collie", "air", "loans", "home", "border", "force")


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from((*DECOY_WORDS, "the", "at", "a", "b", "f")), min_size=1, max_size=8))
def test_decoy_words_in_any_order_stay_quiet(words: list[str]) -> None:
    # Words that share letters with the terms, never forming one: whole words apart, never "border force".
    text = " ".join(words)
    if any(t.casefold() in text.replace("  ", " ") for t in ("border force", "home affairs")):
        return
    if "abf" in text.replace(" ", ""):
        return
    assert [m for m in DETECTORS.text_matches(text) if m.detector is Detector.EMPLOYER] == [], text


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=200))
def test_offsets_always_point_into_the_original(text: str) -> None:
    words = normalise(text)
    assert len(words.text) == len(words.offsets)
    assert all(0 <= o < len(text) for o in words.offsets)
    assert words.offsets == sorted(words.offsets)
    for match in DETECTORS.text_matches(text):
        assert 0 <= match.start <= match.end <= len(text)


@pytest.mark.parametrize(
    "address",
    [
        "jo.citizen@abf.gov.au",
        "jo.citizen＠abf.gov.au",  # fullwidth at sign
        "jo.citizen@abf\u200b.gov.au",  # zero-width space inside
        "jo.citizen@ＡＢＦ.ＧＯＶ.ＡＵ",
        "jo.citizen@home\u00adaffairs.gov.au",  # soft hyphen
        "jo.citizen@іmmі.gov.au",  # Cyrillic і
        "JO@Customs.Gov.Au",
    ],
)
def test_official_addresses_after_the_same_normalising(address: str) -> None:
    assert DETECTORS.official(address)
    text = f"Contact me at {address} any time"
    contact = [m for m in DETECTORS.text_matches(text) if m.detector is Detector.CONTACT]
    assert contact and text[contact[0].start : contact[0].end].endswith(address[-6:])
    # The "abf" inside the address is the address, not a second employer finding.
    assert not [m for m in DETECTORS.text_matches(text) if m.detector is Detector.EMPLOYER]


@pytest.mark.parametrize("address", ["jo@abfab.com.au", "jo@notabf.gov.au.example.com", "jo@gmail.com"])
def test_other_addresses_are_not_official(address: str) -> None:
    assert DETECTORS.official(address) is None


def test_the_draft_check_uses_the_same_normaliser() -> None:
    checker = DraftChecker(ORGANISATION)
    kinds = {f.kind for f in checker.check("Loving my #Bor\u200bderForce shift at Sydney\u00a0Air\u00adport")}
    assert "Names your employer" in kinds and "Names a work location" in kinds


def test_cleaned_form_keeps_addresses_whole() -> None:
    cleaned, offsets = fold_with_offsets("Jo＠ABF\u200b.gov.au")
    assert cleaned == "jo@abf.gov.au" and len(offsets) == len(cleaned)
