"""The seed article yields natural questions for the facts a reader of it should learn."""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

import pytest
from spacy.language import Language

from question_bank.distractors import normalise
from question_bank.generator import article_drafts
from question_bank.models import CLOZE_GAP, Article, QuestionDraft, QuestionKind
from question_bank.nlp import load_pipeline
from question_bank.questions.checks import leaks
from question_bank.readers import read_article

SEED = Path(__file__).resolve().parents[3] / "seeds" / "nato-kfor-kosovo-clashes.txt"


@pytest.fixture(scope="session")
def nlp() -> Language:
    return load_pipeline()


@pytest.fixture(scope="module")
def seed() -> Article:
    return read_article(SEED)


@pytest.fixture(scope="module")
def drafts(seed: Article, nlp: Language) -> list[QuestionDraft]:
    return article_drafts(seed, nlp)


# (answer, words the question must contain) — issue 2, "Must show" 1.
EXPECTED = [
    ("700", ["how many troops", "NATO", "increas"]),
    ("Jens Stoltenberg", ["who", "NATO", "Secretary-General"]),
    ("Oslo", ["where", "Stoltenberg", "announce"]),
    ("the disputed municipal elections", ["tensions", "due to"]),
    ("Zvecan", ["where", "storm city hall"]),
    ("30", ["how many", "soldiers", "injuries"]),
    ("Hungary and Italy", ["which countries", "soldiers", "injuries"]),
    ("53", ["how many Serbs", "injured"]),
    ("Leposavic", ["where", "attack", "cars"]),
    ("Josep Borrell", ["who", "EU foreign policy chief"]),
    ("2008", ["when", "Kosovo", "declare", "independence"]),
    ("1999", ["since when", "KFOR", "deployed"]),
]


def _matches(draft: QuestionDraft, answer: str) -> bool:
    wanted = normalise(answer)
    return normalise(draft.answer) == wanted or any(
        normalise(a) == wanted for a in draft.accepted_answers
    )


# Known gap (issue 9, see its closing note): the card ranker, trained on 1,693 blind-judged
# cards, stores an open or choice card only where judges are predicted to accept >= 86% of such
# cards (floors per kind and stratum, chosen on cross-validation by article title). Judges
# accepted 56-64% of open questions about people and numbers within the budget, and the ranker
# cannot tell these seed questions ("Who is NATO's Secretary-General?", p 0.54) from the
# rejected ones, so they are not stored. Quality first (issue 9, "Must show" 1); marked, not
# dropped, so that the gap shows in every run until the questions or the ranker improve.
RANKER_GAP = {
    "700",
    "Jens Stoltenberg",
    "Oslo",
    "the disputed municipal elections",
    "30",
    "Hungary and Italy",
    "53",
    "Josep Borrell",
}
CASES = [
    pytest.param(
        answer,
        words,
        id=answer,
        marks=[pytest.mark.xfail(reason="card ranker gap, issue 9", strict=False)]
        if answer in RANKER_GAP
        else [],
    )
    for answer, words in EXPECTED
]


@pytest.mark.parametrize(("answer", "words"), CASES)
def test_seed_fact_has_a_natural_question(
    drafts: list[QuestionDraft], answer: str, words: list[str]
) -> None:
    cards = [
        d
        for d in drafts
        if d.kind in (QuestionKind.OPEN, QuestionKind.CHOICE) and _matches(d, answer)
    ]
    assert cards, f"no open or choice card answers {answer!r}"
    good = [c for c in cards if all(w.lower() in c.prompt.lower() for w in words)]
    assert good, f"{answer!r}: no prompt with {words}: {[c.prompt for c in cards]}"
    for card in good:
        assert card.prompt.endswith("?")
        assert not card.prompt[0].islower()
        assert not leaks(card.answer, card.prompt)


def test_every_choice_card_has_four_distinct_options_with_the_answer(
    drafts: list[QuestionDraft],
) -> None:
    choices = [d for d in drafts if d.kind == QuestionKind.CHOICE]
    assert choices  # the card ranker stores few; each must be well formed
    for card in choices:
        assert len(card.choices) == 4, card
        assert card.answer in card.choices
        assert len({normalise(c) for c in card.choices}) == 4, card.choices


def test_cloze_cards_gap_the_answer_once(drafts: list[QuestionDraft]) -> None:
    clozes = [d for d in drafts if d.kind == QuestionKind.CLOZE]
    assert len(clozes) >= 10
    for card in clozes:
        assert card.prompt.count(CLOZE_GAP) == 1
        assert not leaks(card.answer, card.prompt.replace(CLOZE_GAP, ""))
        start, end = card.answer_span
        assert card.sentence[start:end], card


def test_truefalse_cards_are_statements_with_a_true_or_false_answer(
    drafts: list[QuestionDraft],
) -> None:
    statements = [d for d in drafts if d.kind == QuestionKind.TRUEFALSE]
    assert statements
    answers = Counter(d.answer for d in statements)
    assert set(answers) <= {"True", "False"}
    assert answers["True"] and answers["False"]
    for card in statements:
        assert card.prompt.endswith(".")
        assert card.choices == ("True", "False")


def test_one_card_per_fact_and_form(drafts: list[QuestionDraft]) -> None:
    keys = [(d.kind, d.sentence, d.answer_span) for d in drafts]
    assert len(keys) == len(set(keys))
    prompts = [(d.kind, d.prompt) for d in drafts]
    assert len(prompts) == len(set(prompts))


def test_headings_never_reach_a_card(seed: Article, drafts: list[QuestionDraft]) -> None:
    headings = [s.heading for s in seed.sections]
    assert "NATO to increase KFOR mission in response to clashes in Kosovo" in headings
    for draft in drafts:
        for heading in headings:
            assert heading not in draft.sentence
            assert heading not in draft.prompt


def test_no_dangling_pronoun_subject_in_questions(drafts: list[QuestionDraft]) -> None:
    for draft in drafts:
        if draft.kind in (QuestionKind.OPEN, QuestionKind.CHOICE):
            assert not re.match(r"^(He|She|It|They)\b", draft.prompt), draft.prompt
            assert not re.search(
                r"\b(did|does|do|was|is|were|has|will) (he|she|it|they)\b", draft.prompt
            )
        # "The country declared its independence" names the country.
        if "declare" in draft.prompt and "independence" in draft.prompt:
            assert "Kosovo" in draft.prompt, draft.prompt


def test_scores_are_in_range_and_regeneration_is_identical(
    seed: Article, nlp: Language, drafts: list[QuestionDraft]
) -> None:
    assert all(0.0 <= d.score <= 1.0 for d in drafts)
    assert article_drafts(seed, nlp) == drafts
