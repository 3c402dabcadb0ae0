"""Cards of an invented text as the generator overgenerates them (every candidate's cards,
before the card ranker's cut): a rule about what is never made must hold for all of them."""

from __future__ import annotations

from spacy.language import Language

from question_bank.generator import generate
from question_bank.models import QuestionDraft
from question_bank.readers import parse_article


def every_card(nlp: Language, text: str) -> list[QuestionDraft]:
    """Every candidate's cards of `text` (a title line, a blank line, the body)."""
    article = parse_article(text, source="invented.txt")
    return next(generate([article], nlp=nlp, overgenerate=True))[1]
