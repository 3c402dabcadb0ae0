"""People named with a description ("X, NATO's Secretary-General", "EU chief X"): asked
"Who is <description>?".
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from question_bank.facts.model import Fact
from question_bank.models import AnswerType

if TYPE_CHECKING:
    from spacy.tokens import Span


def title_facts(sent: Span, section: str, found: list[Fact]) -> list[Fact]:
    """People named with a description: "X, NATO's Secretary-General," and "EU chief X"."""
    out: list[Fact] = []
    doc = sent.doc
    for fact in found:
        if fact.label != "PERSON" or fact.plural:
            continue
        head = doc[fact.start : fact.end].root
        description = ""
        for child in head.children:
            if child.dep_ == "appos" and child.i > head.i:
                tokens = [t for t in child.subtree]
                if (
                    1 <= len(tokens) <= 8
                    and not any(t.ent_type_ == "PERSON" for t in tokens)
                    and any(t.pos_ in ("NOUN", "PROPN") for t in tokens)
                    and not any(t.is_punct and t.text in "()[]" for t in tokens)
                ):
                    description = doc[tokens[0].i : tokens[-1].i + 1].text
                break
        if not description:
            # Lowercase title nouns right before the name: "EU foreign policy chief Josep Borrell".
            titles = [
                t
                for t in head.children
                if t.dep_ == "compound" and t.pos_ == "NOUN" and t.i < fact.start
            ]
            if titles:
                title = titles[-1]
                left = title.left_edge.i
                lead_tokens = doc[left : title.i + 1]
                words = [t for t in lead_tokens if t.lower_ not in ("the", "a", "an")]
                # "EU foreign policy chief" names one post; a bare "Economist" names many people.
                possessive = any(t.dep_ in ("poss", "case") for t in lead_tokens)
                # "EU foreign policy chief", "Phillips' superior officer": a post of one named
                # body; "American actor" names thousands of people.
                named = any(t.pos_ == "PROPN" and t.ent_type_ != "NORP" for t in lead_tokens)
                if len(words) >= 2 and len(lead_tokens) <= 6 and named:
                    if possessive or lead_tokens[0].lower_ in ("the", "a", "an"):
                        description = lead_tokens.text  # "Phillips' superior officer"
                    else:
                        description = "the " + lead_tokens.text
        if description:
            out.append(
                Fact(
                    sent=sent,
                    section=section,
                    start=fact.start,
                    end=fact.end,
                    answer_type=AnswerType.PERSON,
                    role="title",
                    score=0.5,
                    label="PERSON",
                    description=description,
                )
            )
    return out
