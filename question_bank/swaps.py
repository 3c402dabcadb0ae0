"""Whether a wrong value, swapped into the answer's place, still reads as a possible fact.

A false statement or a wrong option that gives itself away teaches nothing: "April 33", "rose
to 45 from 55" (the change goes against its verb), "the 12th and 11th centuries" (an order
broken), "a 114 pct stake", "by the 28th century", or "Ohio" offered for "Dayton" when the
sentence says "Dayton, Ohio". These checks work on the sentence's own text (and, for names
beside the answer, its parse) and are cheap enough to run on every option.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from question_bank.facts.model import Fact
from question_bank.models import AnswerType

_YEAR = re.compile(r"\b(1[0-9]{3}|20[0-9]{2})(?=s?\b)")

_AMOUNT = (
    r"[$£€]?(\d+(?:,\d{3})*(?:\.\d+)?)(?:st|nd|rd|th)?"
    r"(?:\s*(bn|bln|billion|mn|mln|million|m|thousand|k|trillion|tn)\b)?"
)
_SCALES = {"thousand": 1e3, "k": 1e3, "m": 1e6, "mn": 1e6, "mln": 1e6, "million": 1e6}
_SCALES |= {"bn": 1e9, "bln": 1e9}
_SCALES |= {"billion": 1e9, "tn": 1e12, "trillion": 1e12}
_UNIT_WORDS = r"(?:\s+(?!from\b|to\b|and\b|between\b)[^\d\s]+){0,3}?"
# Two amounts a sentence states in an order: "from A to B", "to B from A", "between A and B",
# "A and B centuries", "A to B", "A-B". Swapping one must keep that order: "rose to 45 from
# 55", "the 12th and 11th centuries" or "between 1931 and 1925" give themselves away.
_PAIRS = (
    re.compile(rf"\bfrom\s+(?:the\s+)?{_AMOUNT}{_UNIT_WORDS}\s+to\s+(?:the\s+)?{_AMOUNT}", re.I),
    re.compile(rf"\bto\s+(?:the\s+)?{_AMOUNT}{_UNIT_WORDS}\s+from\s+(?:the\s+)?{_AMOUNT}", re.I),
    re.compile(
        rf"\bbetween\s+(?:the\s+)?{_AMOUNT}{_UNIT_WORDS}\s+and\s+(?:the\s+)?{_AMOUNT}", re.I
    ),
    re.compile(rf"(?<![\w.,]){_AMOUNT}\s*(?:and|to|-|–)\s*(?:the\s+)?{_AMOUNT}(?![\w.,]\d)", re.I),
)
# "to B from A" states the later value first.
_REVERSED = (False, True, False, False)


def _value(number: str, scale: str | None) -> float:
    return float(number.replace(",", "")) * _SCALES.get((scale or "").lower(), 1.0)


def _orders(text: str) -> list[int]:
    """The sign of (later - earlier) for each pair of amounts the text states in an order."""
    out: list[int] = []
    for pattern, reverse in zip(_PAIRS, _REVERSED, strict=True):
        for match in pattern.finditer(text):
            first = _value(match.group(1), match.group(2))
            second = _value(match.group(3), match.group(4))
            if reverse:
                first, second = second, first
            out.append((second > first) - (second < first))
    return out


_DAYS_IN_MONTH = {
    "January": 31, "February": 29, "March": 31, "April": 30, "May": 31, "June": 30,
    "July": 31, "August": 31, "September": 30, "October": 31, "November": 30, "December": 31,
}  # fmt: skip
_MONTHS = "|".join(_DAYS_IN_MONTH)
_MONTH_DAY = re.compile(rf"\b({_MONTHS})\s+(\d{{1,3}})(?:st|nd|rd|th)?\b")
_DAY_MONTH = re.compile(rf"\b(\d{{1,3}})(?:st|nd|rd|th)?\s+({_MONTHS})\b")


def valid_dates(text: str) -> bool:
    """Every "April 3" / "3 April" in the text is a day the calendar has (no "April 33")."""
    for month, day in _MONTH_DAY.findall(text):
        if not 1 <= int(day) <= _DAYS_IN_MONTH[month]:
            return False
    return all(1 <= int(day) <= _DAYS_IN_MONTH[m] for day, m in _DAY_MONTH.findall(text))


def keeps_values(original: str, swapped: str) -> bool:
    """A sentence with one value swapped still reads as a possible fact: its dates exist and
    every pair of amounts it states in an order (from/to, between/and, "A and B centuries")
    keeps the order the article gave, so a change still goes the way its verb says; a share
    stays at most 100 percent."""
    if not valid_dates(swapped) or not _shares_kept(original, swapped):
        return False
    latest, agrees, before = _read_original(original)
    if _latest(swapped) > max(latest, LATEST_YEAR):
        return False  # "by the early 28th century", "in 2095": the future gives itself away
    if agrees and not _change_agrees(swapped):
        return False  # "rose 5% to $11.1bn from $10.9bn": the sentence's own sums say no
    after = _orders(swapped)
    if len(before) != len(after):
        return False
    return all(a == b for a, b in zip(before, after, strict=True) if b != 0) and 0 not in [
        b for a, b in zip(before, after, strict=True) if a != 0
    ]


@lru_cache(maxsize=64)
def _read_original(original: str) -> tuple[int, bool, tuple[int, ...]]:
    """What keeps_values reads of the article's own sentence, once per sentence rather than once
    per option tried in it (speed): its latest year, whether its change agrees, its orders."""
    return _latest(original), _change_agrees(original), tuple(_orders(original))


def _change_agrees(text: str) -> bool:
    """The text states one percentage change and the amounts it went from and to, and they
    agree (to a tenth of the change, or a point): "rose 2% to $11.1bn from $10.9bn"."""
    percents = _PERCENT.findall(text)
    pairs = [m for pattern in _PAIRS[:2] for m in pattern.finditer(text)]
    if len(percents) != 1 or len(pairs) != 1:
        return False
    match = pairs[0]
    first, second = _value(match.group(1), match.group(2)), _value(match.group(3), match.group(4))
    if pairs[0].re is _PAIRS[1]:
        first, second = second, first  # "to B from A"
    if first <= 0:
        return False
    change = abs(second - first) / first * 100
    stated = float(percents[0])
    return abs(change - stated) <= max(1.0, stated / 10)


# The latest year a swapped value may reach (fixed, so that cards never change with the clock).
LATEST_YEAR = 2030
_CENTURY = re.compile(r"\b(\d{1,2})(?:st|nd|rd|th)\s+centur", re.I)


def _latest(text: str) -> int:
    """The latest year the text names: its years, and its centuries' first years."""
    years = [int(y) for y in _YEAR.findall(text)]
    years += [100 * (int(c) - 1) + 1 for c in _CENTURY.findall(text)]
    return max(years, default=0)


_PERCENT = re.compile(r"(\d+(?:\.\d+)?)\s*(?:%|pct\b|percent\b|per cent\b)", re.I)


def _shares_kept(original: str, swapped: str) -> bool:
    """A percentage that could be a share of a whole stays one (no "a 114 pct stake" for "57
    pct"); one over 100 was a change, and may move anywhere."""
    before, after = _PERCENT.findall(original), _PERCENT.findall(swapped)
    if len(before) != len(after):
        return True
    return all(float(b) > 100 or float(a) <= 100 for b, a in zip(before, after, strict=True))


_WHOLE_NUMBER = re.compile(r"(?<![\d.,])\d+(?:,\d{3})*(?:\.\d+)?(?![\d]|[.,]\d)")


def same_number_in(option: str, text: str) -> bool:
    """The option's number is written in the text (as a whole number, not inside another)."""
    if not text:
        return False
    numbers = set(_WHOLE_NUMBER.findall(option))
    return bool(numbers) and bool(numbers & set(_WHOLE_NUMBER.findall(text)))


def beside(fact: Fact, option: str) -> bool:
    """The option is written right beside the answer as part of one name or place ("Dayton,
    Ohio", "Penfield Bakeries of Toronto", "Kosovo (Serbia)"): it is as right as the answer."""
    start, end = fact.span
    before, after = fact.sentence[:start].rstrip(), fact.sentence[end:].lstrip()
    # Every option of every fact comes here: compile its patterns only when the text beside
    # the answer could match them at all (a comma, a bracket or "of" there, and the option
    # written on that side; speed).
    pattern = re.escape(option)
    if (
        before.endswith((",", "(", " of"))
        and option in before
        and (
            re.search(rf"(?<!\w){pattern}\s*[,(]$", before)
            or re.search(rf"(?<!\w){pattern} of$", before)
        )
    ):
        return True
    if not after.startswith((",", "(", "of")) or option not in after:
        return False
    return re.match(rf"(?:[,(]|of)\s*{pattern}(?!\w)", after) is not None


def qualifies_a_place(fact: Fact) -> bool:
    """The answer follows a place name and a comma ("Dayton, Ohio"): it says where that place
    is, and another place in its stead reads as nonsense. Or a region qualifies the answer
    ("Toronto, Ontario"): another city before it is as absurd ("Chicago, Ontario")."""
    first = fact.tokens[0]
    doc = first.doc
    last = fact.end  # the token after the answer
    if (
        last + 1 < fact.sent.end
        and doc[last].text == ","
        and doc[last + 1].ent_type_
        in (
            "GPE",
            "LOC",
        )
    ):
        return fact.answer_type == AnswerType.PLACE
    if first.i < fact.sent.start + 2 or doc[first.i - 1].text != ",":
        return False
    return doc[first.i - 2].ent_type_ in ("GPE", "LOC")
