"""Whose "she" and whose "he": the gender a person's name or title states, if any.

A pronoun resolved to the nearest person regardless of gender writes cards that are false
("Pierre Curie became the first female professor", "Pierre Curie's husband"). The name's first
word decides, from a title ("Madame", "Sir") or from a first-name list (gender-guesser's
dictionary of 40,000 names across countries, loaded on first use); a name it cannot vouch for
("Meng", an initial, most surnames) has no gender and fits either pronoun.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Literal

Gender = Literal["female", "male"]

_TITLES: dict[str, Gender] = {
    **dict.fromkeys(
        "mr mister sir lord king prince duke count baron monsieur herr signor senor".split(),
        "male",
    ),
    **dict.fromkeys(
        """mrs ms miss madame mme mademoiselle lady queen princess duchess countess baroness
        dame frau signora senora""".split(),
        "female",
    ),
}

_PRONOUNS: dict[str, Gender] = {
    **dict.fromkeys("he him his himself".split(), "male"),
    **dict.fromkeys("she her hers herself".split(), "female"),
}

# Titles that say nothing about gender, skipped to reach the first name ("Dr. Jane Porter").
_NEUTRAL_TITLES = frozenset("dr dr. prof prof. professor president chancellor judge".split())


def pronoun_gender(word: str) -> Gender | None:
    """ "she" -> female, "his" -> male; None for any other word."""
    return _PRONOUNS.get(word.lower())


def name_gender(name: str) -> Gender | None:
    """The gender a person's name states: its title's, else its first name's when the name
    list is sure of it (mostly one gender counts); None when nothing says."""
    words = [w.strip(".,").lower() for w in name.split()]
    words = [w for w in words if w and w not in _NEUTRAL_TITLES]
    if not words:
        return None
    if words[0] in _TITLES:
        return _TITLES[words[0]]
    if len(words[0]) < 2:
        return None  # an initial says nothing
    # A word alone is often a surname ("Curie", "Borrell": not in the list, so no gender); one
    # that is also a first name ("Jordan") may be given one, which at worst leaves a pronoun
    # unresolved and its card unmade.
    return _first_name_gender(words[0])


@lru_cache(maxsize=4096)
def _first_name_gender(first: str) -> Gender | None:
    found = _detector().get_gender(first.capitalize())
    if found in ("male", "mostly_male"):
        return "male"
    if found in ("female", "mostly_female"):
        return "female"
    return None


@lru_cache(maxsize=1)
def _detector():  # type: ignore[no-untyped-def]
    import gender_guesser.detector as detector

    return detector.Detector(case_sensitive=False)


def fits(name: str, gender: Gender | None) -> bool:
    """Whether a pronoun of `gender` can mean the person `name`: yes unless the name states the
    other gender."""
    stated = name_gender(name)
    return gender is None or stated is None or stated == gender
