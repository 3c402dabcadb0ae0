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
    if fact.answer_type in IN_SITU_REFUSED and fact.label != "NORP":
        # "They desisted from their calumny and what?", "over how much (2 ft 6 in) gauge?"
        return None
    root = fact.tokens.root
    number_noun = counted_noun(fact)
    if fact.answer_type == AnswerType.NUMBER and number_noun is None:
        return None  # "How many are located…?": how many what?
    if in_list(root):
        return None  # "the patents of which organisation, Oliver Lodge, and John Stone?"
    if any(t.lower_ == "according" for t in root.ancestors):
        return None  # "according to which organisation": an aside, not the statement
    node = number_noun if number_noun is not None else root
    verb, _ = clause_verb(fact)
    while verb is not None and node.i != verb.i:
        if node.dep_ not in IN_SITU_PATH and not (node is root and number_noun is not None):
            return None
        node = node.head
    start, end = fact.start, fact.end
    doc = root.doc
    if (end < len(doc) and doc[end].text in ("-", "–")) or root.dep_ in IN_WORD_DEPS:
        return None
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
        word = wh.in_situ
    else:
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
    kept = [t for t in tokens if not (start < t.i < end)]
    if verb is not None and not connected(kept, set(range(start, end)), verb, clause_subject(verb)):
        return None
    # Only right after a preposition ("soldiers from which countries", "between how many
    # groups"): elsewhere a wh-word in place reads as a broken sentence ("played by American
    # whom?", "the Great and which organisation").
    before = doc[start - 1] if start > fact.sent.start else None
    if before is None or before.pos_ != "ADP":
        return None
    if before.lower_ == "of":
        return None  # "The town of whom was founded…?": "of" + wh-word inside a noun phrase
    if before.i > fact.sent.start and doc[before.i - 1].text == ",":
        return None  # ", through which organisation, had …": an aside asked in place
    if end < fact.sent.end and doc[end].text == "(":
        return None  # "which organisation (AFL)?": the abbreviation gives it away
    if verb is not None:
        subject = clause_subject(verb)
        if subject is not None and start < subject.left_edge.i:
            return None  # "As a result of what 30 soldiers suffered…": not English
    local = dict(subs)
    local[start] = word
    text = render_tokens(kept, local)
    return Rendering(finish_question(text), quality, "in-situ")
