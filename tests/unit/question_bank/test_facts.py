"""Fact extraction: answers, their types and spans, on hand-written sentences."""

from __future__ import annotations

import pytest
from spacy.language import Language

from question_bank.cards.answers import accepted_answers
from question_bank.facts.entities import entity_spans
from question_bank.facts.model import Fact
from question_bank.facts.sentence import sentence_facts
from question_bank.models import AnswerType
from question_bank.nlp import load_pipeline


@pytest.fixture(scope="session")
def nlp() -> Language:
    return load_pipeline()


def facts(nlp: Language, text: str, title: str = "") -> list[Fact]:
    return [f for s in nlp(text).sents for f in sentence_facts(s, "Section", title)]


def by_answer(found: list[Fact], answer: str) -> Fact:
    matches = [f for f in found if f.answer == answer]
    assert matches, f"{answer!r} not among {[f.answer for f in found]}"
    return max(matches, key=lambda f: f.score)


def test_entities_get_their_answer_types(nlp: Language) -> None:
    found = facts(
        nlp,
        "In March 2019, Angela Merkel met 40 delegates from the European Union in Berlin.",
    )
    assert by_answer(found, "March 2019").answer_type == AnswerType.DATE
    assert by_answer(found, "Angela Merkel").answer_type == AnswerType.PERSON
    assert by_answer(found, "40").answer_type == AnswerType.NUMBER
    assert by_answer(found, "European Union").answer_type == AnswerType.ORGANISATION
    assert by_answer(found, "Berlin").answer_type == AnswerType.PLACE


def test_span_points_at_the_answer_inside_the_sentence(nlp: Language) -> None:
    found = facts(nlp, "The tower was finished in 1889. It is 330 metres tall.")
    fact = by_answer(found, "1889")
    start, end = fact.span
    assert fact.sentence == "The tower was finished in 1889."
    assert fact.sentence[start:end] == "1889"
    assert fact.section == "Section"


def test_numbers_keep_their_unit_as_an_accepted_answer(nlp: Language) -> None:
    fact = by_answer(facts(nlp, "NATO will send 700 troops to the region."), "700")
    assert fact.answer_type == AnswerType.NUMBER
    assert "700 troops" in accepted_answers(fact)


def test_approximate_numbers_accept_the_bare_number(nlp: Language) -> None:
    found = facts(nlp, "The fire destroyed more than 2,000 buildings.")
    fact = by_answer(found, "more than 2,000")
    assert accepted_answers(fact) == ("2,000", "more than 2,000 buildings")


def test_people_named_with_a_title_or_an_apposition(nlp: Language) -> None:
    found = facts(
        nlp,
        "Jens Stoltenberg, NATO's Secretary-General, met EU foreign policy chief Josep Borrell.",
    )
    titles = {f.answer: f.description for f in found if f.role == "title"}
    assert titles.get("Jens Stoltenberg") == "NATO's Secretary-General"
    assert titles.get("Josep Borrell") == "the EU foreign policy chief"
    assert "Stoltenberg" in accepted_answers(by_answer(found, "Jens Stoltenberg"))


def test_cause_after_due_to_is_a_fact(nlp: Language) -> None:
    found = facts(nlp, "The flights were cancelled due to the volcanic ash cloud.")
    cause = by_answer(found, "the volcanic ash cloud")
    assert cause.role == "cause"


def test_pairs_of_places_are_one_answer(nlp: Language) -> None:
    found = facts(nlp, "Soldiers from Hungary and Italy were injured.")
    pair = by_answer(found, "Hungary and Italy")
    assert pair.plural and pair.answer_type == AnswerType.PLACE


def test_pronouns_and_vague_words_are_never_answers(nlp: Language) -> None:
    found = facts(nlp, "They said it was part of the country and he agreed with them.")
    answers = {f.answer.lower() for f in found}
    assert not answers & {"they", "it", "he", "them", "part", "the country"}


def test_the_articles_own_topic_scores_lower(nlp: Language) -> None:
    text = "Kosovo declared independence in 2008."
    plain = by_answer(facts(nlp, text), "Kosovo").score
    topical = by_answer(facts(nlp, text, title="Kosovo tensions rise"), "Kosovo").score
    assert topical < plain


def test_short_sentences_and_labels_yield_nothing(nlp: Language) -> None:
    assert facts(nlp, "Background of the clashes") == []
    assert facts(nlp, "Berlin, 2019.") == []


def test_a_rank_the_verb_states_is_an_answer_but_first_is_not(nlp: Language) -> None:
    found = facts(nlp, "Victoria's gross state product is ranked second in Australia.")
    assert by_answer(found, "second").answer_type == AnswerType.THING
    answers = {f.answer for f in facts(nlp, "The first manned landing happened in July 1969.")}
    assert "first" not in answers


def test_a_bare_noun_argument_is_an_answer_ranked_below_phrases(nlp: Language) -> None:
    found = facts(nlp, "His patents earned him a considerable fortune.")
    patents = by_answer(found, "patents")
    assert patents.score < by_answer(found, "a considerable fortune").score
    # Stretches of time and "the ..." pointing elsewhere are not answers on their own.
    vague = facts(nlp, "From that moment, the engineers opposed the plan of the mayor.")
    assert not {f.answer for f in vague} & {"moment", "that moment", "plan", "the plan"}


def test_sums_keep_their_currency_sign_and_suffix(nlp: Language) -> None:
    found = facts(nlp, "The agreements include fixed carriage fees of £30m for the channels.")
    assert by_answer(found, "£30m").answer_type == AnswerType.QUANTITY
    assert by_answer(facts(nlp, "The deal was worth €2.5bn to the firm."), "€2.5bn")


def test_a_named_month_outranks_a_vague_date(nlp: Language) -> None:
    found = facts(nlp, "That year, the funfair was held on the Town Moor in June.")
    assert by_answer(found, "June").score > by_answer(found, "That year").score


def test_two_noun_phrases_joined_by_and_are_one_answer(nlp: Language) -> None:
    found = facts(nlp, "In this view, wages and profits are determined by the value added.")
    pair = by_answer(found, "wages and profits")
    assert pair.plural
    assert not {f.answer for f in found} & {"wages", "profits"}
    # An item of a longer list is not paired with its neighbour.
    listed = facts(nlp, "The shop sells fresh bread, ripe cheese and local wine.")
    assert "ripe cheese and local wine" not in {f.answer for f in listed}
    # Nor when the second phrase runs on: "[resignation and the withdrawal] of the police".
    cut = facts(nlp, "Protesters demanded their resignation and the withdrawal of the police.")
    assert "resignation and the withdrawal" not in {f.answer for f in cut}


def test_a_bare_nationality_and_job_is_no_description(nlp: Language) -> None:
    found = facts(nlp, "The Master was played by American actor Eric Roberts in 1996.")
    assert not [f for f in found if f.role == "title"]
    posts = facts(nlp, "The EU strongly condemned it, with EU foreign policy chief Josep Borrell.")
    assert [f.description for f in posts if f.role == "title"] == ["the EU foreign policy chief"]


def test_a_channel_number_is_part_of_its_name(nlp: Language) -> None:
    found = facts(nlp, "The episode was shown on BBC One two days later.")
    assert "BBC" not in {f.answer for f in found}


def test_a_unit_conversion_in_brackets_is_no_answer(nlp: Language) -> None:
    found = facts(nlp, "Heat indices above 110 °F (43.3 °C) are possible in the summer months.")
    answers = {f.answer for f in found}
    assert not any("43.3" in a for a in answers), answers


@pytest.mark.parametrize(
    ("text", "name"),
    [
        # A score glued to a team's name, a descriptor the recogniser took into a person's.
        ("Manchester City beat Fulham 2-1 at the Etihad Stadium on Saturday.", "Fulham"),
        ("Youngster Umar Manaf scored a late penalty kick on Saturday.", "Umar Manaf"),
        # A number that is part of the name stays.
        ("Microsoft released Windows 95 in 1995.", "Windows 95"),
    ],
)
def test_a_name_answer_is_the_name_alone(nlp: Language, text: str, name: str) -> None:
    sent = next(iter(nlp(text).sents))
    names = [sent.doc[start:end].text for start, end, _, _ in entity_spans(sent)]
    assert name in names
    assert not any(n != name and name in n for n in names), names
