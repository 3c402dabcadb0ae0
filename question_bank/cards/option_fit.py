"""Whether a wrong option fits the answer's place: it reads as a possible fact that is surely
false (its dates exist, the amounts keep their order, no sentence of the article says it).
"""

from __future__ import annotations

from question_bank.cards.answers import NUMERIC
from question_bank.facts.model import Fact
from question_bank.genders import name_gender, pronoun_gender
from question_bank.lexicon import is_country
from question_bank.models import AnswerType
from question_bank.sentence_index import SentenceIndex
from question_bank.swaps import beside, keeps_values, qualifies_a_place


def option_fits(
    fact: Fact, option: str, sentences: SentenceIndex, *, truefalse: bool = False
) -> bool:
    """A wrong option in the answer's place reads as a possible fact that is surely false: its
    dates exist, the amounts keep the order the sentence states ("cut to 1.2bn from 1.5bn"
    never becomes "cut to 1.8bn from 1.5bn"), and no sentence of the article says it
    (`sentences`: the part's, indexed once)."""
    if any(q in option for q in '‘’“”"'):
        return False  # "the ‘House of God’": a nickname in quotes, no thing of the answer's kind
    start, end = fact.span
    swapped = fact.sentence[:start] + option + fact.sentence[end:]
    if not keeps_values(fact.sentence, swapped):
        return False
    if beside(fact, option) or qualifies_a_place(fact):
        return False  # "Dayton, Ohio": Ohio is right too; "Dayton, Soviet Union" is absurd
    if fact.answer_type == AnswerType.PERSON and not _person_fits(fact, option):
        return False
    if fact.answer_type == AnswerType.PLACE and is_country(option) != is_country(fact.answer):
        return False  # "the local Anangu do not climb [Japan]": a country for a rock
    if fact.answer_type in NUMERIC:
        # A year or an amount the article gives for the same thing elsewhere is also right.
        return not sentences.stated_elsewhere(fact, option, whole_part=True)
    # Names are the article's own (that is where options come from): only a sentence of the
    # same paragraph saying the swapped-in name likewise makes it possibly right.
    return not truefalse or not sentences.stated_elsewhere(fact, option, whole_part=False)


def _person_fits(fact: Fact, option: str) -> bool:
    """Another person fits the answer's place only as the sentence would still read: of the
    gender its pronouns give the answer ("Bob Regier … said she liked…" is false at a glance),
    and not behind a noun that describes the answer ("Indian spy [Kulbhushan Jadhav]": any
    other name there is absurd)."""
    doc = fact.sent.doc
    before = doc[fact.start - 1] if fact.start > fact.sent.start else None
    if before is not None and before.pos_ == "NOUN" and fact.start <= before.head.i < fact.end:
        return False
    genders = {
        pronoun_gender(t.lower_)
        for t in fact.sent
        if t.i >= fact.end
        and t.lower_ in ("he", "she", "him", "his", "her", "hers", "himself", "herself")
    }
    genders.discard(None)
    if not genders:
        return True
    return len(genders) == 1 and name_gender(option) in genders
