"""The card ranker: shipped weights load without scikit-learn; a rejected card is never stored;
card text is the article's own characters."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from spacy.language import Language

from question_bank.card_ranker import (
    CardRanker,
    CardView,
    article_word_counts,
    features,
    names_the_title,
)
from question_bank.cards import selection
from question_bank.generator import article_drafts
from question_bank.models import CLOZE_GAP, QuestionKind
from question_bank.nlp import load_pipeline
from question_bank.readers import parse_article

ROOT = Path(__file__).resolve().parents[3]


@pytest.fixture(scope="session")
def nlp() -> Language:
    return load_pipeline()


def test_the_shipped_weights_load_and_score_without_scikit_learn() -> None:
    code = (
        "import sys; sys.modules['sklearn'] = None\n"
        "from question_bank.card_ranker import load_ranker\n"
        "r = load_ranker(); assert r is not None and r.weights\n"
        "p = r.probability({'kind=cloze': 1.0}); assert 0.0 < p < 1.0\n"
        "kinds = {k.split(':')[0] for k in r.thresholds}\n"
        "assert kinds == {'open', 'cloze', 'choice', 'truefalse'}\n"
        "assert 'sklearn' not in [m for m in sys.modules if sys.modules[m] is not None]\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stderr


def test_features_describe_the_card(nlp: Language) -> None:
    doc = nlp("Jens Stoltenberg announced the plan in Oslo.")
    sent = next(doc.sents)
    view = CardView(
        kind="open",
        prompt="Where did Jens Stoltenberg announce the plan?",
        answer="Oslo",
        choices=(),
        answer_type="place",
        role="entity",
        label="GPE",
        sent=sent,
        start=6,
        end=7,
        title="NATO",
        article_words=article_word_counts(doc.text),
    )
    found = features(view)
    assert found["kind=open"] == 1.0
    assert "wh=where" in found and "kind_label=open:GPE" in found
    assert "shell_noun" in found  # "the plan": a reference back a card may leave unresolved
    assert features(view) == found


TEXT = """Law lords rule on detention

Lord Bingham - a senior law lord - said the detention of the detainee 'A' at Belmarsh prison in London was unlawful. The ruling, delivered on 16 December 2004 by nine judges, was a blow to Home Secretary Charles Clarke. Zürich's mayor, Corine Mauch, welcomed the ruling "without reservation".
"""  # noqa: E501


def test_cards_are_the_article_s_own_characters(
    nlp: Language, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(selection, "load_ranker", lambda: None)  # every card, unranked
    drafts = article_drafts(parse_article(TEXT, source="x"), nlp)
    clozes = [d for d in drafts if d.kind == QuestionKind.CLOZE]
    statements = [d for d in drafts if d.kind == QuestionKind.TRUEFALSE and d.answer == "True"]
    assert clozes and any(d.kind == QuestionKind.TRUEFALSE for d in drafts)
    for card in clozes:  # the sentence as written, the answer's characters gapped
        start, end = card.answer_span
        expected = card.sentence[:start] + CLOZE_GAP + card.sentence[end:]
        # ("welcomed the ruling": the sentence before, as written, leads in)
        assert card.prompt.endswith(expected[:1].upper() + expected[1:])
        lead = card.prompt.removesuffix(expected).strip()
        assert not lead or lead in TEXT
    for card in statements:  # a true statement is the sentence itself
        assert card.prompt == card.sentence
    shown = " ".join(d.prompt for d in drafts)
    for piece in ("Bingham - ", " - said", "detainee 'A'", "Zürich", '"without reservation"'):
        assert piece in shown


def test_a_card_the_ranker_rejects_is_not_stored(
    nlp: Language, monkeypatch: pytest.MonkeyPatch
) -> None:
    strict = CardRanker(
        weights={},
        bias=0.0,
        thresholds={"open": 0.0, "cloze": 1.0, "choice": 0.0, "truefalse": 0.0},
    )
    monkeypatch.setattr(selection, "load_ranker", lambda: strict)
    drafts = article_drafts(parse_article(TEXT, source="x"), nlp)
    assert drafts
    assert not [d for d in drafts if d.kind == QuestionKind.CLOZE]
    assert all(d.score == 0.5 for d in drafts)  # the ranker's probability is the card's score


def test_an_answer_names_the_title_either_way_round() -> None:
    assert names_the_title("the Rhine", "Rhine")
    assert names_the_title("Alexandre Gustave Eiffel", "Gustave Eiffel")
    assert not names_the_title("Eiffel Tower", "Gustave Eiffel")
    assert not names_the_title("Pristina", "NATO strengthens KFOR mission in Kosovo")
