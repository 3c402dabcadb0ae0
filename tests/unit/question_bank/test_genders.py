"""Whose "she" and whose "he": a pronoun never names a person whose name states the other
gender (judged: 14 of 32 rejected cards of one biography said "Pierre became the first female
professor", "Pierre's husband")."""

from __future__ import annotations

import pytest
from spacy.language import Language

from question_bank.card_ranker import CardRanker
from question_bank.cards import selection
from question_bank.genders import fits, name_gender, pronoun_gender
from question_bank.generator import article_drafts
from question_bank.nlp import load_pipeline
from question_bank.readers import parse_article

CURIE = """Marie Curie

Marya Sklodowska was born in Warsaw in 1867. She studied physics at the Sorbonne in Paris and
married Pierre Curie in 1895. After Pierre's death in 1906 she continued her research alone.
In 1908 she became the first female professor at the Sorbonne. In 1911 she received the Nobel
Prize for chemistry.
"""


@pytest.fixture(scope="session")
def nlp() -> Language:
    return load_pipeline()


@pytest.mark.parametrize(
    ("name", "gender"),
    [
        ("Pierre Curie", "male"),
        ("Marie Curie", "female"),
        ("Madame Curie", "female"),
        ("Sir Ian Blair", "male"),
        ("Dr. Jane Porter", "female"),
        ("Curie", None),  # a surname says nothing
        ("J. Smith", None),  # nor does an initial
    ],
)
def test_a_name_states_a_gender_only_when_its_title_or_first_name_does(
    name: str, gender: str | None
) -> None:
    assert name_gender(name) == gender


def test_a_pronoun_fits_everyone_but_a_name_of_the_other_gender() -> None:
    assert pronoun_gender("Her") == "female" and pronoun_gender("his") == "male"
    assert pronoun_gender("they") is None
    assert not fits("Pierre Curie", "female")
    assert fits("Curie", "female") and fits("Marie Curie", "female") and fits("Pierre", None)


def test_she_never_becomes_the_man_named_before(
    nlp: Language, monkeypatch: pytest.MonkeyPatch
) -> None:
    # A ranker that keeps every card: whatever it would cut, no card may say it.
    keep_all = CardRanker(weights={}, bias=5.0, thresholds={})
    monkeypatch.setattr(selection, "load_ranker", lambda: keep_all)
    drafts = article_drafts(parse_article(CURIE, source="/tmp/curie.txt"), nlp)
    assert drafts
    for draft in drafts:
        text = draft.prompt
        assert "Pierre became" not in text and "Pierre Curie became" not in text, text
        assert "Pierre Curie received" not in text and "Pierre received" not in text, text
        assert "Pierre’s research" not in text and "Pierre Curie’s research" not in text, text
