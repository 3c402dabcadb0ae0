"""Which wh-words ask for an answer: "who" for a person, "which country", "how long" for a
duration, "how many soldiers" for a number that counts a noun, "what" after a copula.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from question_bank.facts.model import Fact
from question_bank.lexicon import is_country
from question_bank.models import AnswerType
from question_bank.nlp import verb_lemma

if TYPE_CHECKING:
    from spacy.tokens import Token

COPULAR_PARTICIPLES = frozenset("considered called known named regarded".split())


def copular_wh(fact: Fact, verb: Token, wh: WhWords) -> WhWords:
    """ "What" where the predicate says what the answer is: "Which place is considered the
    ancestors of chloroplasts?" and "Which organisation is the largest stadium?" read wrong
    (the recogniser's type is often wrong there); "what" is right whatever the answer is."""
    be = verb_lemma(verb) == "be"
    copular = be or (verb.tag_ == "VBN" and verb.lower_ in COPULAR_PARTICIPLES)
    named = fact.answer_type in (AnswerType.PLACE, AnswerType.ORGANISATION)
    if copular and wh.subject.startswith("Which") and named and not is_country(fact.answer):
        return WhWords("What", "What", "what")
    if fact.answer_type == AnswerType.ORGANISATION and be:
        return WhWords("What", "What", "what")
    return wh


@dataclass(frozen=True)
class WhWords:
    subject: str  # "Who", "Which country", "How many soldiers"
    object: str  # fronted: "Who", "What", "Which country"
    in_situ: str  # "whom", "which country", "what"


def wh_words_for(fact: Fact) -> WhWords:
    kind = fact.answer_type
    plural = fact.plural
    if kind == AnswerType.PERSON:
        return WhWords("Who", "Who", "whom")
    if kind == AnswerType.GROUP:
        if fact.label == "NORP":
            if plural or fact.answer.endswith("s"):
                return WhWords("Which people", "Which people", "which people")
            return WhWords("Which group", "Which group", "which group")
        return WhWords("Who", "Who", "whom")
    if kind == AnswerType.PLACE:
        noun = _place_noun(fact)
        if plural:
            noun = noun[:-1] + "ies" if noun.endswith("y") else noun + "s"
        # "Which place did Kublai expand?" reads wrong: a canal, a building or a region is a
        # "what", as subject or object; towns and countries stay "which place" / "which country".
        # (Judged: "which place" questions were accepted 25% of the time, 45% of them for the
        # wrong type, mostly things the recogniser took for places.)
        asked = f"Which {noun}" if fact.label == "GPE" else "What"
        return WhWords(asked, asked, f"which {noun}")
    if kind == AnswerType.ORGANISATION:
        # "Which organisation" named the type wrong in 62% of the judged questions that used it
        # (software, albums, landforms, people the recogniser took for organisations): "what"
        # asks the same without claiming a type the parse cannot vouch for.
        return WhWords("What", "What", "what")
    if kind == AnswerType.DATE:
        if is_duration(fact.answer):
            return WhWords("How long", "How long", "how long")
        if re.fullmatch(r"\d{4}s?", fact.answer):
            return WhWords("What year", "In which year", "which year")
        return WhWords("When", "When", "when")
    if kind == AnswerType.NUMBER:
        return WhWords("How many", "How many", "how many")
    if kind == AnswerType.QUANTITY:
        if fact.label == "PERCENT" or "%" in fact.answer or "percent" in fact.answer:
            return WhWords("What percentage", "What percentage", "what percentage")
        return WhWords("How much", "How much", "how much")
    if kind == AnswerType.EVENT:
        # As with organisations, the recogniser's "event" is often something else ("Which
        # event was up to the task? — World No.1"): "what" claims no type.
        return WhWords("What", "What", "what")
    return WhWords("What", "What", "what")


_DURATION = re.compile(
    r"^(?!.*\b1\d{3}\b)(?!.*\b20\d{2}\b)(?:.*\s)?(?:\d[\d,.]*|a|an|one|two|three|four|five|six|"
    r"seven|eight|nine|ten|eleven|twelve|fifteen|twenty|thirty|forty|fifty|hundred|hundreds|"
    r"thousands|several|few|many|some|\w+-\w+)\s+(?:\w+\s+)?(seconds?|minutes?|hours?|days?|"
    r"nights?|weeks?|months?|years?|decades?|centuries|century)$",
    re.IGNORECASE,
)


def is_duration(text: str) -> bool:
    """ "several years", "three months", "four nights": a length of time, asked "how long";
    "summer months" or "the years" are not (no amount)."""
    return bool(_DURATION.match(text.strip()))


def _place_noun(fact: Fact) -> str:
    if fact.label == "GPE" and is_country(fact.answer):
        return "country"
    return "place"


def counted_noun(fact: Fact) -> Token | None:
    """For a number answer, the noun it counts ("700" -> "troops"), if any."""
    if fact.answer_type not in (AnswerType.NUMBER, AnswerType.QUANTITY):
        return None
    root = fact.tokens.root
    head = root.head
    if root.dep_ == "nummod" and head.pos_ in ("NOUN", "PROPN") and head.i >= fact.end:
        if head.pos_ == "PROPN" and head.tag_ != "NNPS":
            return None  # "007 James Bond": a name is not counted ("How many James Bond…?")
        # "How many soldiers", never "How many ° F".
        return head if head.text.isalpha() and len(head.text) > 1 else None
    return None


_NUMBER_WORDS = (
    "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen "
    "fifteen sixteen seventeen eighteen nineteen twenty"
).split()


def _count_value(answer: str) -> int | None:
    """ "three" -> 3, "12" -> 12; None for anything else ("about 4 × 1010", "dozens")."""
    text = answer.strip().lower()
    if text.isdigit():
        return int(text)
    return _NUMBER_WORDS.index(text) if text in _NUMBER_WORDS else None


def _is_one(answer: str) -> bool:
    return _count_value(answer) == 1 or answer.strip().lower() in ("a", "an", "a single")


def _lists_what_it_counts(fact: Fact, noun: Token) -> bool:
    """The sentence names the counted things right after their noun ("three provinces: A, B,
    and C", "two sons, Jean and Paul"): a "how many" question keeping them gives the count
    away, one dropping them asks what the sentence lists. Either way no question."""
    value = _count_value(fact.answer)
    if value is None or value < 2:
        return False
    named = [t for t in noun.children if t.dep_ == "appos"]
    for item in list(named):
        named.extend(t for t in item.subtree if t.dep_ == "conj" and t.pos_ in ("PROPN", "NOUN"))
    return len(named) >= 2


# Words that make a number an amount, asked "how much" / "what percentage", never counted
# ("How many dlrs…?").
MONEY_UNITS = frozenset(
    """dlrs dlr dollars dollar cents cent cts pence penny pounds pound stg euros euro yen marks
    francs lire rupees yuan roubles rubles""".split()
)

PERCENT_UNITS = frozenset("pct percent %".split())

SCALE_WORDS = frozenset("mln bln million billion thousand trillion".split())


def how_many_phrase(fact: Fact, noun: Token) -> str | None:
    """ "How many KFOR soldiers" / "How much money": the counted noun with its modifiers."""
    doc = noun.doc
    scaled = all(doc[i].lower_ in SCALE_WORDS for i in range(fact.end, noun.i))
    if scaled and noun.lower_ in MONEY_UNITS:
        return "How much"  # "45 (mln) dlrs": an amount of money, never "How many mln dlrs"
    if scaled and noun.lower_ in PERCENT_UNITS:
        return "What percentage"
    words = [doc[i] for i in range(fact.end, noun.i + 1)]
    words = [t for t in words if not t.is_punct or t.text == "-"]
    if any(t.dep_ == "cc" or t.pos_ == "NUM" for t in words):
        return None  # "three or four stages": "How many or four stages…?"
    if fact.answer_type == AnswerType.NUMBER and noun.tag_ == "NN" and not _is_one(fact.answer):
        return None  # "12 nun and/or priest": "How many nun…?" counts nothing
    if _lists_what_it_counts(fact, noun):
        return None  # "how many Canadian provinces: British Columbia, Alberta, and …?"
    many = (
        "How many"
        if noun.tag_ in ("NNS", "NNPS") or fact.answer_type == AnswerType.NUMBER
        else "How much"
    )
    # Only the noun's first right dependent may follow it: a short "of"/"in" phrase not set off.
    right: list[Token] = []
    child = next(iter(noun.rights), None)
    sub = list(child.subtree) if child is not None else []
    set_off = bool(sub) and sub[0].i > 0 and doc[sub[0].i - 1].text == ","
    if child is not None and child.dep_ == "prep" and not set_off and len(sub) <= 6:
        right.extend(sub)
    text = " ".join(t.text for t in words + right)
    return f"{many} {text}"
