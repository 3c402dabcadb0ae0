"""In-situ questions: the declarative clause with the answer replaced by a wh-phrase in place
("30 KFOR soldiers from which countries suffered injuries?"), only where that reads as English.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from question_bank.facts.model import Fact
from question_bank.facts.spans import in_list
from question_bank.models import AnswerType
from question_bank.questions.clause import clause_subject, clause_verb, connected
from question_bank.questions.wh_words import WhWords, counted_noun, how_many_phrase
from question_bank.questions.wording import Rendering, finish_question, render_tokens

if TYPE_CHECKING:
    from spacy.tokens import Token

IN_SITU_REFUSED = frozenset(
    {AnswerType.THING, AnswerType.GROUP, AnswerType.QUANTITY, AnswerType.DATE, AnswerType.EVENT}
)

IN_WORD_DEPS = frozenset("compound poss amod nmod".split())

IN_SITU_PATH = frozenset(
    "prep pobj dobj nsubj nsubjpass attr acomp xcomp dative agent npadvmod oprd".split()
)


def in_situ_question(
    fact: Fact, tokens: list[Token], subs: dict[int, str], wh: WhWords, quality: float
) -> Rendering | None:
    """The declarative clause with the answer replaced by a wh-phrase: a quiz-style question.

    Only where that reads as English: the answer is a noun phrase reached from the verb through
    arguments and prepositions (not a modifier inside a word like "EU-brokered", not inside a
    participle clause), and it has no trailing modifier that would dangle ("what in Zvecan").
    """
    number_noun = counted_noun(fact)
    verb, _ = clause_verb(fact)
    if _never_in_place(fact, number_noun, verb):
        return None
    stretch = _replaced_stretch(fact, wh, number_noun)
    if stretch is None:
        return None
    start, end, word = stretch
    kept = [t for t in tokens if not (start < t.i < end)]
    if verb is not None and not connected(kept, set(range(start, end)), verb, clause_subject(verb)):
        return None
    if not _reads_in_place(fact, start, end, verb):
        return None
    local = dict(subs)
    local[start] = word
    text = render_tokens(kept, local)
    return Rendering(finish_question(text), quality, "in-situ")


def _never_in_place(fact: Fact, number_noun: Token | None, verb: Token | None) -> bool:
    """An answer no wh-word can stand in for where it is: a type that reads wrong in place, a
    list item, an aside, or a word reached from the verb through anything but arguments and
    prepositions."""
    if fact.answer_type in IN_SITU_REFUSED and fact.label != "NORP":
        # "They desisted from their calumny and what?", "over how much (2 ft 6 in) gauge?"
        return True
    root = fact.tokens.root
    if fact.answer_type == AnswerType.NUMBER and number_noun is None:
        return True  # "How many are located…?": how many what?
    if in_list(root):
        return True  # "the patents of which organisation, Oliver Lodge, and John Stone?"
    if any(t.lower_ == "according" for t in root.ancestors):
        return True  # "according to which organisation": an aside, not the statement
    node = number_noun if number_noun is not None else root
    while verb is not None and node.i != verb.i:
        if node.dep_ not in IN_SITU_PATH and not (node is root and number_noun is not None):
            return True
        node = node.head
    doc = root.doc
    end = fact.end
    return (end < len(doc) and doc[end].text in ("-", "–")) or root.dep_ in IN_WORD_DEPS


def _replaced_stretch(
    fact: Fact, wh: WhWords, number_noun: Token | None
) -> tuple[int, int, str] | None:
    """The tokens the wh-word replaces (from `start` to `end`, the answer with the modifiers
    that go with it) and the wh-word itself."""
    start, end = fact.start, fact.end
    root = fact.tokens.root
    doc = root.doc
    if number_noun is None:
        if any(c.dep_ in ("prep", "acl", "relcl") for c in root.rights) and fact.answer_type in (
            AnswerType.THING,
            AnswerType.GROUP,
        ):
            return None
        # Modifiers left of the answer go with it: "militant Serbs" -> "which group".
        while (
            start > fact.sent.start
            and doc[start - 1].head.i == root.i
            and doc[start - 1].dep_ in ("amod", "compound", "det", "nmod", "poss", "nummod")
        ):
            start -= 1
        return start, end, wh.in_situ
    word = "how many" if wh.subject.startswith("How many") else wh.in_situ
    amount = how_many_phrase(fact, number_noun) or ""
    if amount in ("How much", "What percentage"):  # never "to how many mln dlrs"
        word, end = amount.lower(), number_noun.i + 1
    while (
        start > fact.sent.start
        and doc[start - 1].dep_ in ("det", "quantmod", "advmod")
        and (doc[start - 1].head.i in (root.i, number_noun.i))
    ):
        start -= 1
    return start, end, word


def _reads_in_place(fact: Fact, start: int, end: int, verb: Token | None) -> bool:
    """Only right after a preposition ("soldiers from which countries", "between how many
    groups"): elsewhere a wh-word in place reads as a broken sentence ("played by American
    whom?", "the Great and which organisation")."""
    doc = fact.sent.doc
    before = doc[start - 1] if start > fact.sent.start else None
    if before is None or before.pos_ != "ADP":
        return False
    if before.lower_ == "of":
        return False  # "The town of whom was founded…?": "of" + wh-word inside a noun phrase
    if before.i > fact.sent.start and doc[before.i - 1].text == ",":
        return False  # ", through which organisation, had …": an aside asked in place
    if end < fact.sent.end and doc[end].text == "(":
        return False  # "which organisation (AFL)?": the abbreviation gives it away
    if verb is not None:
        subject = clause_subject(verb)
        if subject is not None and start < subject.left_edge.i:
            return False  # "As a result of what 30 soldiers suffered…": not English
    return True
