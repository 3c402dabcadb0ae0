"""Wrong options of the same type as the answer, deterministic for a given card.

Order of preference: numbers near the right one (same unit, same format) for numbers and years;
other answers of the same type from the article. Made-up options (Faker names, peoples, months)
only when the article has no answer of that type at all, so that invented people are never mixed
with real ones; never made-up places or companies ("Lake Jenniferview" gives itself away). Every
choice is drawn from a random generator seeded with a hash of the card's identity, so
regenerating a bank gives the same options in the same order.
"""

from __future__ import annotations

import hashlib
import random
import re
from collections.abc import Callable, Iterable, Sequence
from collections.abc import Set as AbstractSet
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING

from question_bank.models import AnswerType
from question_bank.swaps import keeps_values, same_number_in

if TYPE_CHECKING:
    from faker import Faker

_NUMBER = re.compile(r"\d+(?:,\d{3})*(?:\.\d+)?")
_YEAR = re.compile(r"\b(1[0-9]{3}|20[0-9]{2})(?=s?\b)")
_WORD_NUMBERS = (
    "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen "
    "fifteen sixteen seventeen eighteen nineteen twenty"
).split()
_STOP = frozenset({"the", "a", "an", "of", "and", "s"})
# Used only when neither the article nor the bank has enough groups of people.
_GROUPS = (
    "Americans Britons Canadians Chinese Dutch Egyptians French Germans Greeks Indians Italians "
    "Japanese Mexicans Poles Russians Spaniards Swedes Turks Ukrainians"
).split()


def rng_for(*parts: object) -> random.Random:
    """A random generator seeded from the card's identity (not from the process)."""
    key = "\x1f".join(str(p) for p in parts)
    return random.Random(int(hashlib.sha256(key.encode("utf-8")).hexdigest()[:16], 16))


@lru_cache(maxsize=65536)
def normalise(text: str) -> str:
    words = re.findall(r"\w+", text.lower())
    return " ".join(w for w in words if w not in _STOP)


def _mentioned(option: str, avoid_words: AbstractSet[str]) -> bool:
    """The option, or a spelling of it ("Khublai" for "Kublai"), is already in the text."""
    if any(ch.isdigit() for ch in option):
        return False  # numbers are told apart by value, not by the words around them
    words = {_stem(w) for w in normalise(option).split()}
    if words & avoid_words:
        return True
    if len(words) == 1 and not any(ch.isdigit() for ch in option):
        word = next(iter(words))
        return any(len(w) > 3 and _similarity(word, w) >= 85 for w in avoid_words)
    return False


def _prefixes(words: list[str]) -> set[str]:
    """Word beginnings, so that "Serbs" and "Serbian" count as the same word."""
    return {w[:4] if len(w) >= 4 else w for w in words}


def _stem(word: str) -> str:
    return word[:-1] if len(word) > 3 and word.endswith("s") else word


def alike(a: str, b: str) -> bool:
    """Two options a learner could not tell apart, or one contained in the other."""
    na, nb = normalise(a), normalise(b)
    if not na or not nb:
        return True
    if na == nb:
        return True
    wa, wb = set(na.split()), set(nb.split())
    if wa <= wb or wb <= wa:
        return True
    # "Kublai" / "Khublai": spelling variants of one name are the same option (numbers that
    # differ are different options however close they look: "3,800" / "3,900").
    if any(ch.isdigit() for ch in na + nb):
        return False
    return _similarity(na, nb) >= 85


def _similarity(a: str, b: str) -> float:
    from rapidfuzz import fuzz

    return float(fuzz.ratio(a, b))


@dataclass(frozen=True)
class _Plausible:
    """Whether an option may stand beside the answer: of its shape, unlike it and the options
    already chosen, not named in the question, and fitting the card's own test."""

    answer: str
    answer_type: AnswerType
    avoid: str
    avoid_words: frozenset[str]
    answer_prefixes: frozenset[str]
    fits: Callable[[str], bool] | None

    @classmethod
    def for_answer(
        cls, answer: str, answer_type: AnswerType, avoid: str, fits: Callable[[str], bool] | None
    ) -> _Plausible:
        avoid_words = frozenset(_stem(w) for w in normalise(avoid).split())
        prefixes = frozenset(_prefixes(normalise(answer).split()))
        return cls(answer, answer_type, avoid, avoid_words, prefixes, fits)

    @property
    def numeric(self) -> bool:
        return self.answer_type in (AnswerType.NUMBER, AnswerType.QUANTITY, AnswerType.DATE)

    def __call__(self, option: str, chosen: Sequence[str]) -> bool:
        answer, numeric = self.answer, self.numeric
        if len(option) < 2 and not option.isdigit():
            return False  # "C": a stray letter is no option
        if not option or alike(option, answer) or any(alike(option, c) for c in chosen):
            return False
        if _shape_mismatch(option, answer, self.answer_type):
            return False
        if " and " not in answer and " and " in option:
            return False
        if not numeric and _prefixes(normalise(option).split()) & self.answer_prefixes:
            return False  # "Serbian men" or "Serbs" for "Serbian protesters": maybe right too
        if self.avoid_words and _mentioned(option, self.avoid_words):
            return False
        if numeric and not keeps_values(answer, option):
            return False  # "April 33", "the 14th and 13th centuries", "a 114 pct stake"
        if numeric and same_number_in(option, self.avoid):
            return False  # "1985" for "1986" when the sentence says 1985 too: also right
        return self.fits is None or self.fits(option)


def pick_distractors(
    answer: str,
    answer_type: AnswerType,
    *,
    key: Sequence[object],
    article_pool: Sequence[str] = (),
    bank_pool: Sequence[str] = (),
    count: int = 3,
    avoid: str = "",
    fill: bool = False,
    fits: Callable[[str], bool] | None = None,
) -> list[str]:
    """`count` distinct wrong options of the answer's type, or fewer when none are plausible.

    Options that appear in `avoid` (the question) are skipped: "Kosovo declared its independence
    from which country?" must not offer Kosovo. `fill` lets made-up options complete a short
    list (study's choice mode on a stored card); cards the generator stores never mix them.
    `fits` is the card's own test of an option in its place (a valid date, the order the
    sentence states, not true elsewhere in the article).
    """
    rng = rng_for(*key)
    chosen: list[str] = []
    plausible = _Plausible.for_answer(answer, answer_type, avoid, fits)

    def offer(options: Iterable[str]) -> None:
        for option in options:
            if len(chosen) >= count:
                return
            option = option.strip()
            if plausible(option, chosen):
                chosen.append(option)

    # One generator per source, so that a bigger bank pool never shifts the Faker draws: the
    # same card gets the same options whatever else the bank holds.
    if answer_type in (AnswerType.NUMBER, AnswerType.QUANTITY, AnswerType.DATE):
        numbers = rng_for(*key, "numbers")
        offer(nearby_numbers(answer, numbers, count + 3, date=answer_type == AnswerType.DATE))
    coordinated = " and " in answer and answer_type in (
        AnswerType.PLACE,
        AnswerType.PERSON,
        AnswerType.ORGANISATION,
        AnswerType.GROUP,
    )
    article = _shuffled(article_pool, rng_for(*key, "article"))
    if coordinated:
        bank = _shuffled(bank_pool, rng_for(*key, "bank"))
        singles = [o for o in article + bank if " and " not in o]
        offer(_pairs(singles, rng, answer))
        return chosen[:count]
    before = len(chosen)
    offer(article)
    if len(chosen) < count:
        offer(_shuffled(bank_pool, rng_for(*key, "bank")))
    unmixed = len(chosen) == before and not _usable(article_pool, answer)
    if len(chosen) < count and (fill or unmixed):
        # Invented options only when the article has none of this type: a made-up name beside
        # real ones is the odd one out.
        offer(_faker_options(answer_type, answer, rng_for(*key, "faker"), count * 3))
    return chosen[:count]


def _usable(pool: Sequence[str], answer: str) -> bool:
    """The pool has an entry other than the answer itself."""
    return any(not alike(option, answer) for option in pool)


# How many pool entries one card looks at: enough to find three good ones, bounded so that a
# long article (thousands of answers) costs the same per card as a short one.
POOL_SAMPLE = 40


def _shuffled(pool: Sequence[str], rng: random.Random) -> list[str]:
    """A seeded sample of the pool (callers pass sorted, unique lists; other iterables are
    sorted here so that the draw never depends on their order)."""
    unique = pool if isinstance(pool, list) else sorted(set(pool))
    if len(unique) > POOL_SAMPLE:
        return rng.sample(unique, POOL_SAMPLE)
    shuffled = list(unique)
    rng.shuffle(shuffled)
    return shuffled


def _shape_mismatch(option: str, answer: str, answer_type: AnswerType) -> bool:
    """Numbers stay numbers and words stay words: "1999" is no option for "May 2008"; a month
    gets months ("in year" is no option for "in July"), a weekday weekdays ("on last year")."""
    months = _months()
    if answer_type == AnswerType.DATE and answer.split()[0] in _weekdays():
        return option.split()[0] not in _weekdays()
    if answer_type == AnswerType.DATE and not _NUMBER.search(answer):
        from question_bank.questions.wh_words import is_duration

        # "the fourth quarter" / "the second quarter"; never "a year earlier" -> "a previous
        # week" or "annual" -> "previous week": a time without a number is told by its head.
        if answer.split()[0] not in months and not is_duration(answer):
            return option.split()[-1].lower() != answer.split()[-1].lower()
    if answer_type == AnswerType.DATE and answer.split()[0] in months:
        return option.split()[0] not in months
    if answer_type in (AnswerType.NUMBER, AnswerType.QUANTITY, AnswerType.DATE):
        return bool(_NUMBER.search(answer)) != bool(_NUMBER.search(option))
    if _name_like(answer) != _name_like(option):
        return True  # "the county council" for "Thomas Avery": a phrase is no option for a name
    return len(option.split()) > max(6, 2 * len(answer.split()) + 2)


def _name_like(text: str) -> bool:
    """Written as a name: its words start with capitals (a leading "the" aside)."""
    words = [w for w in re.findall(r"[^\W\d_][\w'’.-]*", text) if w.lower() not in _STOP]
    return bool(words) and words[0][:1].isupper()


def _pairs(singles: list[str], rng: random.Random, answer: str) -> list[str]:
    """Pairs of the article's other answers ("Germany and Norway") for a pair answer."""
    parts = [p.strip() for p in re.split(r",| and ", answer) if p.strip()]
    singles = [s for s in singles if not any(alike(s, p) for p in parts)][:8]
    out = [f"{a} and {b}" for i, a in enumerate(singles) for b in singles[i + 1 :]]
    rng.shuffle(out)
    return out


_ORDINAL = re.compile(r"\b(\d+)(st|nd|rd|th)\b")


def _ordinal(number: int) -> str:
    if 10 <= number % 100 <= 20:
        return f"{number}th"
    return f"{number}{ {1: 'st', 2: 'nd', 3: 'rd'}.get(number % 10, 'th') }"


def nearby_numbers(answer: str, rng: random.Random, count: int, *, date: bool = False) -> list[str]:
    """Variants of the answer with its number moved a little, format and unit kept. In a date
    the year moves ("July 20, 1969" -> "July 20, 1968"), never the day; an ordinal keeps a
    right suffix ("the 21st century" -> "the 19th century", never "the 2st")."""
    return [
        _ORDINAL.sub(lambda m: _ordinal(int(m.group(1))), option)
        for option in _nearby_numbers(answer, rng, count, date=date)
    ]


def _nearby_numbers(answer: str, rng: random.Random, count: int, *, date: bool) -> list[str]:
    pair = _PAIR.fullmatch(answer)
    if pair is not None and int(pair.group("first")) < int(pair.group("second")):
        return _shifted_pair(pair, rng, count)
    if pair is not None and _YEAR.fullmatch(pair.group("first")) and len(pair.group("second")) == 2:
        return _shifted_pair(pair, rng, count, season=True)  # "2010-11", never "2010-10"
    year = _YEAR.search(answer)
    if year and (date or answer.strip() == year.group(0) or len(_NUMBER.findall(answer)) == 1):
        return _nearby_years(answer, year, rng, count)
    match = _NUMBER.search(answer)
    if match is None:
        word = next((w for w in answer.lower().split() if w in _WORD_NUMBERS), None)
        if word is None:
            return []
        index = _WORD_NUMBERS.index(word)
        # "three companies" never becomes "one companies": plurals stay plural.
        values = [v for v in range(max(2 if index >= 2 else 1, index - 4), index + 6) if v != index]
        rng.shuffle(values)
        return [
            re.sub(rf"\b{word}\b", _WORD_NUMBERS[v], answer, count=1, flags=re.IGNORECASE)
            for v in values[:count]
            if v < len(_WORD_NUMBERS)
        ]
    raw = match.group(0)
    decimals = len(raw.split(".")[1]) if "." in raw else 0
    value = float(raw.replace(",", ""))
    if answer[match.end() : match.end() + 2] in ("st", "nd", "rd", "th") and decimals == 0:
        return _nearby_ordinals(answer, match, int(value), rng, count)
    # Within about a third of the answer: judges threw out halved and doubled options as
    # absurd ("70 US states", "the 140th minute" of a league match).
    factors = [0.6, 0.7, 0.75, 0.8, 0.9, 1.1, 1.2, 1.25, 1.3]
    rng.shuffle(factors)
    out: list[str] = []
    for factor in factors:
        new: float = value * factor
        if value >= 1 and decimals == 0:
            new = _round_like(new, value)
            if new == value or new < 0:
                continue
        text = _format_like(new, raw, decimals)
        candidate = answer[: match.start()] + text + answer[match.end() :]
        if candidate not in out and text != raw:
            out.append(candidate)
        if len(out) >= count:
            break
    if value < 20 and decimals == 0:
        # Small counts: neighbours read better than multiples ("3" -> 2, 4, 5).
        low = 2 if value >= 2 else 1
        small = [int(value) + d for d in (-2, -1, 1, 2, 3) if int(value) + d >= low]
        rng.shuffle(small)
        out = [answer[: match.start()] + str(v) + answer[match.end() :] for v in small] + out
    return out


_APPROXIMATE = re.compile(r"\b(?:around|about|circa|c\.|approximately|roughly|some)\s", re.I)


def _nearby_years(answer: str, year: re.Match[str], rng: random.Random, count: int) -> list[str]:
    year_value = int(year.group(0))
    decade = answer[year.end() : year.end() + 1] == "s"
    # "the 1800s" is as often the century as the decade: its options are other centuries
    # ("the 1700s"), never "the 1810s", which the century includes.
    step = (100 if year_value % 100 == 0 else 10) if decade else 1
    if step == 1 and _APPROXIMATE.search(answer):
        step = 10  # "around 1150": "around 1151" is as right; other decades are not
    offsets = _nearest_offsets(rng, 12, step, above_zero_from=year_value)
    return [
        answer[: year.start()] + str(year_value + d) + answer[year.end() :]
        for d in offsets[: count + 2]
    ]


def _nearest_offsets(
    rng: random.Random, reach: int, step: int = 1, *, above_zero_from: int | None = None
) -> list[int]:
    """Offsets of ±1 … ±`reach` steps, nearest first and in a seeded order within each
    distance; none that would take `above_zero_from` to zero or below."""
    offsets = [
        d * step
        for d in range(-reach, reach + 1)
        if d and (above_zero_from is None or above_zero_from + d * step > 0)
    ]
    rng.shuffle(offsets)
    offsets.sort(key=abs)
    return offsets


# Two numbers that bound one thing: "the 8th and 9th centuries", "between 1978 and 1988".
_PAIR = re.compile(
    r"(?P<before>\D*?)(?P<first>\d+)(?P<mid>(?:st|nd|rd|th)?\s*(?:and|to|–|—|-)\s*)"
    r"(?P<second>\d+)(?P<after>\D*)"
)


def _shifted_pair(
    pair: re.Match[str], rng: random.Random, count: int, *, season: bool = False
) -> list[str]:
    """Both bounds move together ("the 7th and 8th centuries", "2009-10"): moving one alone
    ("the 5th and 9th centuries", "2010-10") leaves the answer the only pair that reads as
    one. A season's second year is written with two digits."""
    first, second = int(pair.group("first")), int(pair.group("second"))
    offsets = _nearest_offsets(rng, 4, above_zero_from=None if season else first)
    return [
        f"{pair.group('before')}{first + d}{pair.group('mid')}"
        f"{f'{(second + d) % 100:02d}' if season else second + d}{pair.group('after')}"
        for d in offsets[: count + 2]
    ]


def _nearby_ordinals(
    answer: str, match: re.Match[str], value: int, rng: random.Random, count: int
) -> list[str]:
    """A place in an order ("the 18th century", "the 93rd minute") moves a few places, never by
    half: "the 21st century" for a colonial lighthouse or "the 140th minute" of a match is an
    option nobody has to think about."""
    if value < 20:
        values = [value + d for d in (-3, -2, -1, 1, 2) if value + d >= 1]
    else:
        values = sorted({round(value * f) for f in (0.8, 0.85, 0.9, 0.95, 1.05, 1.1)} - {value})
    rng.shuffle(values)
    return [answer[: match.start()] + str(v) + answer[match.end() :] for v in values[: count + 2]]


def _round_like(new: float, value: float) -> float:
    """Round to the answer's granularity: 3,800 -> hundreds, 700 -> tens or hundreds."""
    magnitude = 1
    integer = int(value)
    while integer and integer % (magnitude * 10) == 0:
        magnitude *= 10
    step = max(1, min(magnitude, 10 ** max(0, len(str(int(new))) - 2)))
    return float(round(new / step) * step)


def _format_like(value: float, raw: str, decimals: int) -> str:
    if decimals:
        return f"{value:.{decimals}f}"
    if "," in raw:
        return f"{int(value):,}"
    return str(int(value))


@lru_cache(maxsize=1)
def _faker() -> Faker:
    from faker import Faker

    return Faker("en_US")


def _faker_options(
    answer_type: AnswerType, answer: str, rng: random.Random, count: int
) -> list[str]:
    """Made-up options of the right type, seeded from the card."""
    fake = _faker()
    fake.seed_instance(rng.getrandbits(32))
    # No made-up names at all: companies ("Smith-Jones LLC") and towns ("Port Susanview") give
    # the answer away by their shape, and people did too ("Kimberly Hill DDS" beside a polar
    # explorer of 1914, judged a giveaway every time); real countries are real, so a country
    # gets countries. A person with too few real rivals in the article gets no choice card.
    make: Callable[[], str] | None = None
    named = (AnswerType.PERSON, AnswerType.ORGANISATION, AnswerType.PLACE)
    if answer_type in named and answer[:1].islower():
        return []  # "a sage emperor" is a description: made-up names are no options for it
    if answer_type == AnswerType.PLACE:
        from question_bank.lexicon import is_country

        make = fake.country if is_country(answer) else None
    if answer_type == AnswerType.GROUP and answer[:1].isupper() and answer.endswith("s"):
        # Peoples for a people ("Serbs"); never for a language or adjective ("Greek").
        options = list(_GROUPS)
        rng.shuffle(options)
        return options[:count]
    if answer_type == AnswerType.DATE and not _NUMBER.search(answer):
        from question_bank.questions.wh_words import is_duration

        if is_duration(answer):
            options = [f"{q} {u}" for q in _VAGUE_AMOUNTS for u in _TIME_UNITS]
            rng.shuffle(options)
            return options[:count]
        if answer.split()[0] not in _months() and answer not in _weekdays():
            return []
        make = fake.month_name if answer.split()[0] in _months() else fake.day_of_week
    if make is None:
        return []
    return [make() for _ in range(count)]


_VAGUE_AMOUNTS = ("a few", "several", "many")
_TIME_UNITS = ("days", "weeks", "months", "years", "decades")


@lru_cache(maxsize=1)
def _weekdays() -> frozenset[str]:
    import calendar

    return frozenset(calendar.day_name)


@lru_cache(maxsize=1)
def _months() -> frozenset[str]:
    import calendar

    return frozenset(calendar.month_name[1:])
