"""The whole generator on texts other than the seed: forms, ranking budget, determinism."""

from __future__ import annotations

from pathlib import Path

import pytest
from spacy.language import Language

from question_bank.card_ranker import CardRanker
from question_bank.cards import selection
from question_bank.cards.selection import ANSWERS_PER_WORD
from question_bank.distractors import normalise, rng_for
from question_bank.generator import article_drafts, generate
from question_bank.models import CLOZE_GAP, AnswerType, Article, QuestionKind
from question_bank.nlp import load_pipeline
from question_bank.questions.checks import leaks
from question_bank.readers import parse_article, read_article
from question_bank.store import Bank
from question_bank.store.content import known_answers, store_article

TESLA = """Nikola Tesla

Nikola Tesla was a Serbian-American inventor and electrical engineer. He was born in 1856 in
Smiljan, in the Austrian Empire. In 1884 Tesla emigrated to the United States, where he worked
for Thomas Edison in New York City before founding his own laboratory. His alternating current
system was adopted by Westinghouse Electric, which paid him 60,000 dollars for his patents. The
SI unit of magnetic flux density, the tesla, was named in his honour in 1960. Tesla died in
New York on 7 January 1943, at the age of 86.
"""

SEED = Path(__file__).resolve().parents[3] / "seeds" / "nato-kfor-kosovo-clashes.txt"

AMAZON = """Amazon rainforest

The Amazon rainforest covers most of the Amazon basin of South America. This basin
encompasses 7,000,000 square kilometres, of which 5,500,000 square kilometres are covered by
the rainforest. The majority of the forest is contained within Brazil, with 60% of the
rainforest, followed by Peru with 13% and Colombia with 10%. Deforestation is the conversion of
forested areas to non-forested areas, mainly due to cattle ranching and logging.
"""


@pytest.fixture(scope="session")
def nlp() -> Language:
    return load_pipeline()


def article(text: str, name: str) -> Article:
    return parse_article(text, source=f"/tmp/{name}.txt")


# A choice card needs three other answers of the answer's type in the article: the Amazon text
# names one continent and three countries, so it has none (no made-up places, no mixing types).
@pytest.mark.parametrize(
    ("text", "expected"),
    [(TESLA, set(QuestionKind)), (AMAZON, {QuestionKind.CLOZE, QuestionKind.TRUEFALSE})],
    ids=["tesla", "amazon"],
)
def test_every_form_on_other_articles(
    nlp: Language, text: str, expected: set[QuestionKind]
) -> None:
    drafts = article_drafts(article(text, "x"), nlp)
    kinds = {d.kind for d in drafts}
    assert expected <= kinds
    if QuestionKind.CHOICE not in expected:
        assert QuestionKind.CHOICE not in kinds
    for draft in drafts:
        start, end = draft.answer_span
        assert 0 <= start < end <= len(draft.sentence)
        assert 0.0 <= draft.score <= 1.0
        if draft.kind == QuestionKind.CLOZE:
            assert draft.prompt.count(CLOZE_GAP) == 1
        if draft.kind in (QuestionKind.OPEN, QuestionKind.CHOICE):
            assert draft.prompt.endswith("?")
            assert not leaks(draft.answer, draft.prompt)
        if draft.kind == QuestionKind.CHOICE:
            assert len(draft.choices) == 4 and draft.answer in draft.choices
            assert len({normalise(c) for c in draft.choices}) == 4
        if draft.kind == QuestionKind.TRUEFALSE:
            assert draft.answer in ("True", "False")


def test_known_facts_of_another_article(nlp: Language) -> None:
    drafts = article_drafts(article(TESLA, "tesla"), nlp)
    asked = {(d.answer, d.prompt) for d in drafts if d.kind == QuestionKind.OPEN}
    prompts = {a: p for a, p in asked}
    assert prompts.get("1884") == "When did Tesla emigrate to the United States?"
    assert "1960" in prompts and prompts["1960"].startswith("When was")
    # "he" in "He was born in 1856" is Tesla; no card says "he".
    born = [d for d in drafts if "born" in d.sentence and d.kind != QuestionKind.TRUEFALSE]
    assert born
    for draft in born:
        assert not draft.prompt.startswith("He ")


def test_distinct_answers_stay_within_the_budget(nlp: Language) -> None:
    text_article = article(AMAZON, "amazon")
    drafts = article_drafts(text_article, nlp)
    answers = {normalise(d.answer) for d in drafts if d.kind != QuestionKind.TRUEFALSE}
    # At most the budget; fewer when the card ranker finds no card of a fact worth storing.
    assert 1 <= len(answers) <= max(4, round(text_article.word_count * ANSWERS_PER_WORD))


def test_one_card_per_fact_and_form(nlp: Language) -> None:
    for text in (TESLA, AMAZON):
        drafts = article_drafts(article(text, "y"), nlp)
        keys = [(d.kind, d.sentence, d.answer_span) for d in drafts]
        assert len(keys) == len(set(keys))


def test_generate_yields_every_article_in_order_from_one_stream(nlp: Language) -> None:
    articles = [article(TESLA, "a"), article(AMAZON, "b"), article(TESLA, "c")]
    results = list(generate(articles, nlp=nlp))
    assert [a.source for a, _ in results] == ["/tmp/a.txt", "/tmp/b.txt", "/tmp/c.txt"]
    assert results[0][1] == results[2][1]
    assert results[0][1] == article_drafts(articles[0], nlp)


@pytest.mark.parametrize("text", [TESLA, AMAZON, ""], ids=["tesla", "amazon", "seed"])
def test_regeneration_changes_nothing_in_the_bank(bank: Bank, nlp: Language, text: str) -> None:
    """Same input, same bank: the second run sees the first run's answers in the bank (as
    `quizapp generate` does) and still writes exactly the same cards."""
    source = article(text, "again") if text else read_article(SEED)
    with bank.transaction() as session:
        first = store_article(session, source, article_drafts(source, nlp))
    for _ in range(2):
        with bank.transaction() as session:
            known = known_answers(session)
        drafts = article_drafts(source, nlp, known_answers=known)
        with bank.transaction() as session:
            again = store_article(session, source, drafts)
        assert (again.added, again.updated, again.retired) == (0, 0, 0)
        assert again.unchanged == first.added


def test_an_article_s_cards_never_depend_on_the_rest_of_the_bank(nlp: Language) -> None:
    # Options from another article are off topic, and an unchanged article must regenerate
    # unchanged after others were added: the bank's answers are no distractor material.
    short = article("Notes\n\nAda Lovelace wrote the first program in 1843.\n", "ada")
    alone = article_drafts(short, nlp)
    with_bank = article_drafts(short, nlp, known_answers={"person": ["Charles Babbage"]})
    assert alone == with_bank
    assert not any("Charles Babbage" in d.choices for d in with_bank)


def test_empty_input_yields_nothing(nlp: Language, tmp_path: Path) -> None:
    assert list(generate([], nlp=nlp)) == []


def test_a_false_statement_never_doubles_the_article(nlp: Language) -> None:
    from question_bank.cards.answers import card_fields
    from question_bank.cards.truefalse import truefalse_card
    from question_bank.context import Context
    from question_bank.facts.sentence import sentence_facts

    checked = 0
    for subject in ("Virgin Media", "The company", "The network", "The firm", "Sky", "ITV"):
        doc = nlp(f"{subject} made a number of statements over the years about new channels.")
        fact = next(f for f in sentence_facts(next(doc.sents), "") if f.answer == "years")
        checked += 1
        card = truefalse_card(fact, Context.empty(), ["a few decades"], card_fields(fact), 0.5)
        # No false statement reads "over the a few decades": the sentence stays true instead.
        assert card is None or "the a few" not in card.prompt
    assert checked


def test_no_question_or_cloze_asks_for_the_article_s_own_subject(
    nlp: Language, monkeypatch: pytest.MonkeyPatch
) -> None:
    # "Who was a Serbian-American inventor…? — Nikola Tesla" in an article called "Nikola Tesla"
    # is answered by the title; only true/false statements may be about the subject itself.
    # A ranker that keeps every card: the rule holds whatever the shipped weights would say.
    keep_all = CardRanker(weights={}, bias=5.0, thresholds={})
    monkeypatch.setattr(selection, "load_ranker", lambda: keep_all)
    drafts = article_drafts(article(TESLA, "tesla"), nlp)
    assert drafts
    for draft in drafts:
        if draft.kind != QuestionKind.TRUEFALSE:
            assert normalise(draft.answer) not in ("tesla", "nikola tesla"), draft.prompt


def test_about_half_the_true_statements_are_kept_each_by_its_own_sentence(
    nlp: Language, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Judged: 43 of 48 statements were true, so "always True" scored about 90%. Which true
    # statements stay depends on their own sentence only (stable when another one is edited).
    keep_all = CardRanker(weights={}, bias=5.0, thresholds={})
    monkeypatch.setattr(selection, "load_ranker", lambda: keep_all)
    drafts = [
        d
        for t in (SEED.read_text("utf-8"), TESLA, AMAZON)
        for d in article_drafts(article(t, "b"), nlp)
    ]
    true = [d for d in drafts if d.kind == QuestionKind.TRUEFALSE and d.answer == "True"]
    sentences = {d.sentence for d in drafts}
    assert true and len(true) < 0.75 * len(sentences)
    for card in true:
        assert rng_for(card.sentence, "true statement").random() < 0.5


def test_no_cloze_gaps_a_common_noun_phrase(nlp: Language, monkeypatch: pytest.MonkeyPatch) -> None:
    # "[devastation]", "on [an aggressive timeline]": other fair fillers, rarely the fact
    # (blind judges accepted 37% of such stored clozes); names, numbers and dates are gapped.
    keep_all = CardRanker(weights={}, bias=5.0, thresholds={})
    monkeypatch.setattr(selection, "load_ranker", lambda: keep_all)
    drafts = [d for text in (TESLA, AMAZON) for d in article_drafts(article(text, "z"), nlp)]
    clozes = [d for d in drafts if d.kind == QuestionKind.CLOZE]
    assert clozes
    assert all(d.answer_type != AnswerType.THING or d.tags[1] == "entity" for d in clozes), [
        (d.answer, d.tags) for d in clozes if d.answer_type == AnswerType.THING
    ]


@pytest.mark.parametrize(
    ("text", "answer"),
    [
        ("By 1700, London alone had more than 500 coffeehouses.", "1700"),
        ("The company began trading tea around 1660.", "1660"),
    ],
)
def test_a_bound_or_an_estimate_is_never_made_false(nlp: Language, text: str, answer: str) -> None:
    # "by 1699" for "by 1700", "around 1659" for "around 1660": not surely false.
    from question_bank.cards.answers import card_fields
    from question_bank.cards.truefalse import truefalse_card
    from question_bank.context import Context
    from question_bank.facts.sentence import sentence_facts

    fact = next(f for f in sentence_facts(next(nlp(text).sents), "") if answer in f.answer)
    pool = ["1650", "1710", "1600"]
    card = truefalse_card(fact, Context.empty(), pool, card_fields(fact), 0.5)
    assert card is None or card.answer == "True"
