"""Question forms on small hand-written sentences: wh-words, inversion, do-support, gaps, leaks."""

from __future__ import annotations

import pytest
from spacy.language import Language

from question_bank.context import Context
from question_bank.facts.model import Fact
from question_bank.facts.sentence import sentence_facts
from question_bank.models import CLOZE_GAP, AnswerType
from question_bank.nlp import load_pipeline
from question_bank.questions.checks import leaks
from question_bank.questions.cloze import cloze, statement
from question_bank.questions.open_question import open_questions


@pytest.fixture(scope="session")
def nlp() -> Language:
    return load_pipeline()


def fact_for(nlp: Language, text: str, answer: str, context: Context | None = None) -> Fact:
    doc = nlp(text)
    for sent in doc.sents:
        for fact in sentence_facts(sent, "", ""):
            if fact.answer == answer and fact.role != "title":
                return fact
    raise AssertionError(f"no fact {answer!r} in {text!r}")


def question(nlp: Language, text: str, answer: str, context: Context | None = None) -> str | None:
    fact = fact_for(nlp, text, answer)
    found = open_questions(fact, context or Context.empty())
    return found[0].text if found else None


@pytest.mark.parametrize(
    ("text", "answer", "expected"),
    [
        # do-support with the verb's tense: "announced" -> "did … announce"
        (
            "Jens Stoltenberg announced the decision in Oslo.",
            "Oslo",
            "Where did Jens Stoltenberg announce the decision?",
        ),
        # present tense: "flows" -> "does … flow", the preposition stays behind
        ("The Danube flows through Vienna.", "Vienna", "Which place does the Danube flow through?"),
        (
            "Tesla moved to New York in 1884.",
            "1884",
            "When did Tesla move to New York?",
        ),
        ("Shakespeare wrote Hamlet around 1600.", "Shakespeare", "Who wrote Hamlet around 1600?"),
        # lemmas of regular verbs: "staged" -> "stage", "readied" -> "ready"
        (
            "The museum staged an exhibition in 1990.",
            "1990",
            "When did the museum stage an exhibition?",
        ),
        (
            "The company readied a new factory in 1990.",
            "1990",
            "When did the company ready a new factory?",
        ),
        # "had to" is a main verb: do-support
        (
            "The trees had to be watered by tank wagon.",
            "tank wagon",
            "What did the trees have to be watered by?",
        ),
        # a cause phrase modifying the verb asks "why"
        (
            "As a result of the storm, 30 flights were cancelled at the airport.",
            "the storm",
            "Why were 30 flights cancelled at the airport?",
        ),
        # the first auxiliary inverts: "will be increasing" -> "will NATO be increasing"
        (
            "NATO will be increasing the mission by 700 troops.",
            "700",
            "By how many troops will NATO be increasing the mission?",
        ),
        # passive with a counted subject: no inversion
        (
            "53 Serbs were injured in the clashes.",
            "53",
            "How many Serbs were injured in the clashes?",
        ),
        # perfect with "since": "Since when has …"
        (
            "The company has been based in Paris since 1999.",
            "1999",
            "Since when has the company been based in Paris?",
        ),
        # a person as subject: "Who …"
        (
            "Marie Curie discovered polonium in 1898.",
            "Marie Curie",
            "Who discovered polonium in 1898?",
        ),
        # a year in a time phrase: "When did …"
        (
            "Marie Curie discovered polonium in 1898.",
            "1898",
            "When did Marie Curie discover polonium?",
        ),
        # a cause after "due to": the preposition stays
        (
            "The delays were due to the heavy snowfall.",
            "the heavy snowfall",
            "What were the delays due to?",
        ),
        # "has" as a main verb takes do-support
        ("The museum has 3,000 paintings.", "3,000", "How many paintings does the museum have?"),
        # a country: "Which country"
        (
            "The peace treaty was signed by Germany in 1919.",
            "Germany",
            # the preposition moves along rather than stand before another ("by in 1919")
            "By which country was the peace treaty signed in 1919?",
        ),
        # a name's leading "The" is an ordinary article once it moves inside the question
        (
            "The Golden Gate Bridge opened to traffic in 1937.",
            "1937",
            "When did the Golden Gate Bridge open to traffic?",
        ),
    ],
)
def test_open_questions_read_naturally(
    nlp: Language, text: str, answer: str, expected: str
) -> None:
    assert question(nlp, text, answer) == expected


def test_wh_word_follows_the_answer_type(nlp: Language) -> None:
    text = "In 2004, Google bought Keyhole for 35 million dollars in California."
    place = fact_for(nlp, text, "California")
    org = fact_for(nlp, text, "Keyhole")
    assert place.answer_type == AnswerType.PLACE
    where = open_questions(place, Context.empty())
    assert where and where[0].text.startswith("Where did Google buy")
    assert org.answer_type in (AnswerType.ORGANISATION, AnswerType.PERSON, AnswerType.PLACE)


def test_apposition_becomes_a_who_is_question(nlp: Language) -> None:
    doc = nlp("Ada Lovelace, the first programmer, wrote the notes in 1843.")
    facts = [f for s in doc.sents for f in sentence_facts(s, "", "")]
    title = [f for f in facts if f.role == "title"]
    assert title and title[0].answer == "Ada Lovelace"
    assert open_questions(title[0], Context.empty())[0].text == "Who is the first programmer?"


def test_pronoun_is_resolved_to_the_named_person_or_the_card_is_refused(nlp: Language) -> None:
    doc = nlp("Marie Curie was born in Warsaw. She discovered polonium in 1898.")
    first, second = list(doc.sents)
    context = Context.empty()
    context.observe(first)
    fact = next(f for f in sentence_facts(second, "", "") if f.answer == "1898")
    assert open_questions(fact, context)[0].text == "When did Marie Curie discover polonium?"
    gapped = cloze(fact, context)
    assert gapped == f"Marie Curie discovered polonium in {CLOZE_GAP}."
    # Unresolved: no question says "she"; the cloze shows the sentence that names her.
    assert open_questions(fact, Context.empty()) == []
    assert cloze(fact, Context.empty()) == (
        f"Marie Curie was born in Warsaw. She discovered polonium in {CLOZE_GAP}."
    )


def test_a_resolved_pronoun_names_the_person_once(nlp: Language) -> None:
    doc = nlp("Maria Lopez spoke on Monday. She also said she expected talks in April.")
    first, second = list(doc.sents)
    context = Context.empty()
    context.observe(first)
    fact = next(f for f in sentence_facts(second, "", "") if f.answer == "April")
    assert cloze(fact, context) == f"Maria Lopez also said she expected talks in {CLOZE_GAP}."


def test_unresolvable_it_with_nothing_before_gives_no_card(nlp: Language) -> None:
    fact = fact_for(nlp, "It was introduced in Norway in 1349.", "1349")
    assert open_questions(fact, Context.empty()) == []
    assert cloze(fact, Context.empty()) is None


def test_cloze_gaps_exactly_the_answer(nlp: Language) -> None:
    fact = fact_for(nlp, "The bridge was opened in 1932 by the mayor of Sydney.", "1932")
    gapped = cloze(fact, Context.empty())
    assert gapped == f"The bridge was opened in {CLOZE_GAP} by the mayor of Sydney."


def test_statement_swaps_only_the_answer(nlp: Language) -> None:
    fact = fact_for(nlp, "The bridge was opened in 1932 by the mayor of Sydney.", "1932")
    assert statement(fact, Context.empty(), "1933") == (
        "The bridge was opened in 1933 by the mayor of Sydney."
    )


def test_no_question_leaks_its_answer(nlp: Language) -> None:
    text = (
        "The Amazon rainforest covers 5,500,000 square kilometres of the Amazon basin, "
        "and Brazil holds 60% of the rainforest."
    )
    doc = nlp(text)
    for sent in doc.sents:
        for fact in sentence_facts(sent, "", ""):
            for rendering in open_questions(fact, Context.empty()):
                assert not leaks(fact.answer, rendering.text), rendering.text


def test_leak_detection() -> None:
    assert leaks("Jens Stoltenberg", "Who is Stoltenberg's deputy?")
    assert leaks("Oslo", "Where in Oslo did he speak?")
    assert not leaks("Oslo", "Where did he speak?")
    assert not leaks("the disputed municipal elections", "What are the tensions due to?")
    # A word built on the answer's gives it away as surely as the answer itself.
    assert leaks("Pharos", f"The name {CLOZE_GAP} gave the science of pharology its name.")
    assert leaks("Germany", "Which country did the German institute survey?")
    assert leaks("Alzheimer", "Which psychiatrist described Alzheimer's disease?")
    assert not leaks("Norway", "Which country did the Norwegian minister visit?")
    assert not leaks("Paris", "Which city did the parish priest visit?")


def test_dummy_it_needs_no_referent(nlp: Language) -> None:
    text = "It was thought that the Amazon was sparsely populated given the poor soil."
    fact = fact_for(nlp, text, "the poor soil")
    assert cloze(fact, Context.empty()) == (
        f"It was thought that the Amazon was sparsely populated given {CLOZE_GAP}."
    )


def test_leak_by_majority_lets_one_shared_word_through() -> None:
    prompt = "A fire that started as [...] ravaged the city."
    assert leaks("a kitchen fire", prompt)
    assert not leaks("a kitchen fire", prompt, majority=True)
    assert leaks("the Wells Fargo Center", "The Wells Fargo [...] opened.", majority=True)


def test_no_question_from_a_whether_clause(nlp: Language) -> None:
    text = "There is no indication as to whether the new deal includes the HD content."
    assert question(nlp, text, "the HD content") is None


def test_the_country_is_left_as_written_when_the_sentence_names_two(nlp: Language) -> None:
    text = (
        "The plague spread through France for two years, eventually reaching England in 1349, "
        "where it spread through the country in three epidemics."
    )
    gapped = cloze(fact_for(nlp, text, "1349"), Context.empty())
    assert gapped is not None and "spread through the country in three" in gapped


def test_a_full_stop_glued_to_the_last_word_stays_out_of_the_answer(nlp: Language) -> None:
    text = "The new channels had previously been offered to viewers in Britain by BSkyB."
    fact = fact_for(nlp, text, "BSkyB")
    assert cloze(fact, Context.empty()) == (
        f"The new channels had previously been offered to viewers in Britain by {CLOZE_GAP}."
    )


def test_an_organisation_is_asked_what_not_which_organisation(nlp: Language) -> None:
    # The recogniser calls software, albums and landforms organisations: "what" asks the same
    # without naming a type the parse cannot vouch for.
    asked = question(nlp, "Microsoft released Windows 95 in August 1995.", "Microsoft")
    assert asked is not None
    assert asked.startswith("What ") and "organisation" not in asked


def test_a_count_is_not_asked_over_the_things_the_sentence_lists(nlp: Language) -> None:
    text = "Montana borders three Canadian provinces: British Columbia, Alberta, and Saskatchewan."
    asked = question(nlp, text, "three")
    assert asked is None or "how many" not in asked.lower()


def test_a_count_over_a_singular_noun_is_not_asked_how_many(nlp: Language) -> None:
    # "at least one nun": "How many nun do many residence halls have…?" counts nothing.
    text = "Many residence halls have at least one nun and/or priest as a resident."
    asked = question(nlp, text, "at least one")
    assert asked is None or "how many nun" not in asked.lower()


def test_a_time_that_is_the_subject_is_not_asked_when(nlp: Language) -> None:
    # "When was 0.16 °C warmer than 2014?" (the key "year 2015") asks nothing a reader can say.
    asked = question(nlp, "The year 2015 was 0.16 °C warmer than 2014.", "year 2015")
    assert asked is None or not asked.startswith("When ")


@pytest.mark.parametrize(
    ("text", "answer"),
    [
        # An age the recogniser calls a date: "When was the grand master of Finnish music?"
        ("The grand master of Finnish music was 87.", "87"),
        # Another time kept: "When was Yellowstone designated seven years after the Civil War?"
        (
            "Yellowstone was designated in 1872, seven years after the Civil War, decades "
            "before the invention of the automobile.",
            "1872",
        ),
    ],
)
def test_no_when_question_for_an_age_or_beside_another_time(
    nlp: Language, text: str, answer: str
) -> None:
    asked = question(nlp, text, answer)
    assert asked is None or not asked.startswith(("When ", "In which year ", "What year "))
