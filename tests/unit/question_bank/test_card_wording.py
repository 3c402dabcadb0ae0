"""What a learner sees on cards of small invented texts, one test per failure class the blind
judges found: false statements and options that give themselves away (impossible dates, an
order or a change turned round, a value the article states elsewhere), garbled question stems,
references left unresolved."""

from __future__ import annotations

import re

import pytest
from spacy.language import Language
from spacy.tokens import Span

from question_bank.context import Context, substitutions
from question_bank.distractors import pick_distractors
from question_bank.facts.sentence import sentence_facts
from question_bank.models import AnswerType, QuestionDraft, QuestionKind
from question_bank.nlp import load_pipeline
from question_bank.questions.checks import well_formed
from question_bank.questions.open_question import open_questions
from question_bank.swaps import keeps_values, valid_dates
from tests.support.cards import every_card


@pytest.fixture(scope="module")
def nlp() -> Language:
    return load_pipeline()


def false_statements(cards: list[QuestionDraft]) -> list[str]:
    return [c.prompt for c in cards if c.kind == QuestionKind.TRUEFALSE and c.answer == "False"]


def choices(cards: list[QuestionDraft]) -> list[tuple[str, ...]]:
    return [c.choices for c in cards if c.kind == QuestionKind.CHOICE]


# --- values in their sentence ------------------------------------------------------------------


def test_a_day_of_the_month_stays_in_the_calendar() -> None:
    assert not valid_dates("The plant reopened on April 31.")
    assert valid_dates("The plant reopened on April 30 and 3 May.")
    options = pick_distractors("April 30", AnswerType.DATE, key=("k",), count=3)
    assert len(options) == 3
    assert all(valid_dates(o) for o in options)


def test_a_weekday_gets_weekdays() -> None:
    options = pick_distractors(
        "Tuesday", AnswerType.DATE, key=("k",), article_pool=["last year", "Friday", "1990"]
    )
    assert options == ["Friday"]


def test_a_swapped_amount_keeps_the_direction_of_its_change() -> None:
    cut = "The firm cut its budget to 40 dlrs from 60 dlrs."
    assert keeps_values(cut, cut.replace("40", "50"))
    assert not keeps_values(cut, cut.replace("40", "80"))
    rose = "Output rose from 3 to 5 tonnes."
    assert not keeps_values(rose, rose.replace("5 tonnes", "2 tonnes"))


def test_an_ordered_pair_keeps_its_order() -> None:
    built = "The tower was built between the 10th and 11th centuries."
    assert not keeps_values(built, built.replace("10th", "12th"))
    assert keeps_values(built, built.replace("10th", "9th"))
    options = pick_distractors("the 10th and 11th centuries", AnswerType.DATE, key=("k",))
    # Both bounds move together (final-10's judges: "the 5th and 9th centuries" beside "the
    # 8th and 9th" gave the key away): every option is again two neighbouring centuries.
    pairs = [[int(n) for n in re.findall(r"\d+", o)] for o in options]
    assert pairs and all(second == first + 1 for first, second in pairs), options


def test_a_share_stays_at_most_a_hundred_percent() -> None:
    stake = "The bank raised its stake to 60 pct."
    assert not keeps_values(stake, stake.replace("60", "120"))
    growth = "Profit jumped 150 pct."
    assert keeps_values(growth, growth.replace("150", "300"))


CANAL = """The Marlow Canal

The Marlow Canal was dug between 1790 and 1796 by local farmers. Its traffic fell to 200 barges
a year in 1850 from 900 barges in 1820. The canal company cut its tolls to 4 pence from 6 pence
in 1851.

The railway reached Marlow in 1851, and the canal closed in 1896. A trust reopened it on
June 30, 1996.
"""


def test_false_statements_and_options_never_turn_a_stated_order_round(nlp: Language) -> None:
    cards = every_card(nlp, CANAL)
    shown = false_statements(cards) + [" | ".join(c) for c in choices(cards)]
    assert shown
    for text in false_statements(cards):
        years = re.search(r"between (\d+) and (\d+)", text)
        assert years is None or int(years[1]) < int(years[2]), text
        fell = re.search(r"fell to (\d+) barges a year in 1850 from (\d+)", text)
        assert fell is None or int(fell[1]) < int(fell[2]), text
        tolls = re.search(r"to (\d+) pence from (\d+)", text)
        assert tolls is None or int(tolls[1]) < int(tolls[2]), text
        assert valid_dates(text), text


def test_a_wrong_option_is_never_a_value_the_article_states_alike(nlp: Language) -> None:
    # 1851 is the year of the railway as well as of the tolls: "The railway reached Marlow in
    # 1851" is true, so 1851 is never a wrong option or a false statement's year beside it.
    cards = every_card(nlp, CANAL)
    for card in cards:
        if card.kind == QuestionKind.CHOICE and card.answer in ("1851", "1896"):
            wrong = set(card.choices) - {card.answer}
            assert not wrong & {"1851", "1896"}, card.choices
    for text in false_statements(cards):
        assert "railway reached Marlow in 1896" not in text, text
        assert "canal closed in 1851" not in text, text


# --- open questions: what the rewording must never produce --------------------------------------


def questions_for(
    nlp: Language, text: str, answer: str, context: Context | None = None
) -> list[str]:
    """Every open question of every fact with this answer (empty when all were refused)."""
    out = []
    for sent in nlp(text).sents:
        for fact in sentence_facts(sent, "", ""):
            if fact.answer == answer and fact.role != "title":
                out += [r.text for r in open_questions(fact, context or Context.empty())]
    return out


def test_a_rate_is_never_asked_as_the_whole(nlp: Language) -> None:
    # "45 dlrs a share": "How many dlrs may Brackley raise a share offer?" garbles the offer.
    text = "Brackley Mills may raise its 45 dlrs a share offer for Tanfield Foods, dealers said."
    assert questions_for(nlp, text, "45") == []
    assert questions_for(nlp, text, "45 dlrs") == []


def test_money_and_percentages_are_amounts_not_counts(nlp: Language) -> None:
    text = "Brackley Mills raised its stake in Tanfield Foods to 57 pct from 45 pct last year."
    for found in questions_for(nlp, text, "57") + questions_for(nlp, text, "45"):
        assert "how many pct" not in found.lower(), found
    assert any(q.startswith("To what percentage did") for q in questions_for(nlp, text, "57"))


def test_when_and_where_never_leave_their_preposition_behind(nlp: Language) -> None:
    text = "The old chapel was rebuilt between 1420 and 1460 by the monks."
    for found in questions_for(nlp, text, "between 1420 and 1460") + questions_for(
        nlp, text, "1420 and 1460"
    ):
        assert not found.endswith(" between?"), found


def test_a_capitalised_first_word_is_lowercased_inside_a_question(nlp: Language) -> None:
    text = "Earlier Danish traders had begun arriving in Dublin in the 9th century."
    found = questions_for(nlp, text, "Dublin")
    assert found and all("had earlier Danish traders" in q for q in found), found


def test_a_description_beside_a_name_is_not_asked_through_the_verb(nlp: Language) -> None:
    # "At which organisation did Tom Reyes say?": the bank is in "an economist at …".
    text = "Tom Reyes, an economist at Pellman Bank, said on Monday the cut came too late."
    assert questions_for(nlp, text, "Pellman Bank") == []
    assert questions_for(nlp, text, "Tom Reyes") == ["Who said on Monday the cut came too late?"]


def test_a_reporting_verb_is_never_asked_without_what_was_said(nlp: Language) -> None:
    # "Where did Ann Lowe tell reporters?" asks nothing about what she told them.
    text = "The bid was too low, Ann Lowe told reporters in Leeds."
    for answer in ("Leeds", "Ann Lowe", "reporters"):
        assert questions_for(nlp, text, answer) == [], answer


def test_no_word_of_the_answer_is_left_behind(nlp: Language) -> None:
    # "$930m" is three tokens; moving "$930" alone left "… from m a year earlier?".
    text = "Profits jumped 76% to $2.1bn for the year, from $930m year-earlier."
    found = questions_for(nlp, text, "$930m")
    assert all(not re.search(r"\bm\b", q) for q in found), found
    assert questions_for(nlp, text, "$2.1bn") == ["To how much did profits jump 76% for the year?"]


# --- context: references the card must name or not make ---------------------------------------


def test_an_object_pronoun_never_means_its_own_subject(nlp: Language) -> None:
    text = "A local trust reopened it in 1996."
    assert questions_for(nlp, text, "1996") == []


def test_such_and_a_noun_needs_what_it_refers_to(nlp: Language) -> None:
    text = "Such disposals are expected to continue until 1990, dealers said."
    assert questions_for(nlp, text, "1990") == []
    cards = every_card(nlp, "Timber\n\nThe mills sold their forests. " + text + "\n")
    assert not [c for c in cards if c.answer.lower() == "such disposals"]
    assert not [c for c in cards if c.prompt.startswith("Such disposals")]


def observed(nlp: Language, text: str) -> tuple[Context, Span]:
    """The context after every sentence but the last, and the last sentence."""
    *before, last = list(nlp(text).sents)
    context = Context.empty()
    for sent in before:
        context.observe(sent)
    return context, last


def asked(sent: Span, answer: str, context: Context) -> list[str]:
    return [
        r.text
        for f in sentence_facts(sent, "", "")
        if f.answer == answer
        for r in open_questions(f, context)
    ]


def test_a_role_noun_names_the_person_the_article_gave_it(nlp: Language) -> None:
    context, sent = observed(
        nlp,
        "Maria Olsen, an analyst at Fenwick Capital, expects more sales. "
        "The analyst visited the plant in Leeds in March.",
    )
    assert asked(sent, "March", context) == ["When did Maria Olsen visit the plant in Leeds?"]
    # With no one named before, "the analyst" is nobody: the sentence before leads in.
    alone = asked(sent, "March", Context.empty())
    assert alone and all(q.startswith("Maria Olsen, an analyst") for q in alone), alone


def test_the_company_is_the_one_the_article_is_about(nlp: Language) -> None:
    context, sent = observed(
        nlp,
        "Fenwick Motors sold more cars. Fenwick Motors hired 300 workers. "
        "The Transport Board opened an inquiry. The company sold 400 trucks in May.",
    )
    assert asked(sent, "May", context) == ["When did Fenwick Motors sell 400 trucks?"]


def test_a_name_gets_names_and_a_phrase_gets_phrases() -> None:
    pool = ["the county council", "Henry Wood", "local farmers", "Mary Ash"]
    people = pick_distractors("Thomas Avery", AnswerType.PERSON, key=("k",), article_pool=pool)
    assert sorted(people) == ["Henry Wood", "Mary Ash"]
    groups = pick_distractors("the monks", AnswerType.GROUP, key=("k",), article_pool=pool)
    assert sorted(groups) == ["local farmers", "the county council"]


@pytest.mark.parametrize(
    "garbled",
    [
        "Which signed by which organisation 1790?",  # two question words
        "Which river did the boats sail to to reach the sea?",  # a doubled word
        "How many counties does the town belong to one of?",  # cut before its noun
    ],
)
def test_a_garbled_rewording_is_refused(garbled: str) -> None:
    assert not well_formed(garbled)


def test_a_what_clause_inside_a_question_is_fine() -> None:
    assert well_formed("Who was born in Tarnow in what was then Galicia?")
    sentence = "The crowd grew in Tarnow when the mayor spoke."
    assert well_formed("Where did the crowd grow when the mayor spoke?", sentence)
    assert not well_formed("Where did the crowd grow when the mayor spoke?")


def test_a_name_is_never_counted(nlp: Language) -> None:
    text = "The film opens as 007 James Bond kills three men in Rome."
    for found in questions_for(nlp, text, "007"):
        assert "how many james bond" not in found.lower(), found


def test_two_subjects_never_meet_in_one_question(nlp: Language) -> None:
    text = (
        "In 1784, after failed attempts to have the Church of England send a priest, "
        "Wesley appointed Thomas Coke as superintendent."
    )
    for answer in ("1784", "a priest"):
        for found in questions_for(nlp, text, answer):
            assert "attempts the church" not in found.lower(), found


def test_when_is_never_fronted_with_another_preposition(nlp: Language) -> None:
    text = "The parish record gives the boy's birthday as 22 February 1810."
    for found in questions_for(nlp, text, "22 February 1810"):
        assert not found.startswith("As when"), found


def test_an_age_is_not_asked_when(nlp: Language) -> None:
    text = "Anna and her friend Clara met the singer Lou Reed at age eight."
    for found in questions_for(nlp, text, "age eight"):
        assert not found.startswith("When"), found


def test_a_predicate_that_says_what_the_answer_is_asks_what(nlp: Language) -> None:
    text = "Mount Tera is the highest peak of the Bolan range."
    found = questions_for(nlp, text, "Mount Tera")
    assert found == ["What is the highest peak of the Bolan range?"]


def test_a_swapped_date_never_lands_in_the_future() -> None:
    early = "By the early 20th century, most scholars agreed."
    assert not keeps_values(early, early.replace("20th", "28th"))
    assert keeps_values(early, early.replace("20th", "21st"))
    year = "The bridge opened in 2014."
    assert not keeps_values(year, year.replace("2014", "2034"))


def test_an_opener_is_never_left_between_the_question_word_and_its_verb(nlp: Language) -> None:
    text = "By the late Middle Ages many scholars counted 1 as the first prime."
    for found in questions_for(nlp, text, "many scholars"):
        assert not re.match(r"\w+ by the late", found, re.I), found


def test_a_plural_predicate_keeps_a_plural_verb(nlp: Language) -> None:
    text = "Most modern dyes are synthetic copies of natural pigments."
    for found in questions_for(nlp, text, "Most modern dyes"):
        assert found.startswith("What are"), found


def test_a_number_in_a_range_is_not_counted_alone(nlp: Language) -> None:
    text = "Such engines use three or four expansion stages in practice."
    for found in questions_for(nlp, text, "three"):
        assert "or four" not in found, found


def test_a_title_needs_a_description_of_more_than_one_word(nlp: Language) -> None:
    text = "Robert Stephenson (motions) built the first engine in 1829."
    assert not [q for q in questions_for(nlp, text, "Robert Stephenson") if "motions" in q]


WIRE = """Corby Mills to close plant

Corby Mills Inc said net income in the third quarter rose to 9.5 mln dlrs from 7.2 mln dlrs a
year earlier. The company said it would close its plant in Akron, Ohio, by May 30 and move the
work to Tulsa. The plant opened in 1971. Sales in Texas rose 8 pct to 310 mln dlrs.
"""


def test_an_amount_in_millions_of_dollars_is_asked_how_much(nlp: Language) -> None:
    cards = every_card(nlp, WIRE)
    prompts = [c.prompt for c in cards if c.kind == QuestionKind.OPEN]
    assert any(p.startswith(("To how much", "From how much")) for p in prompts), prompts
    assert not [p for p in prompts if "many mln" in p]


def test_a_place_beside_the_answer_is_never_a_wrong_option(nlp: Language) -> None:
    cards = every_card(nlp, WIRE)
    for card in cards:
        if card.kind == QuestionKind.CHOICE and card.answer == "Akron":
            assert "Ohio" not in card.choices, card.choices
    # "Akron, Texas" is no false statement: Ohio says where Akron is.
    assert not [s for s in false_statements(cards) if "Akron, " in s and "Akron, Ohio" not in s]


def test_a_time_without_a_number_is_swapped_only_for_one_of_its_kind(nlp: Language) -> None:
    for text in false_statements(every_card(nlp, WIRE)):
        assert "third quarter" in text or "quarter" not in text.split("net income")[0], text
        assert "a year earlier" in text or "net income" not in text, text
    assert pick_distractors(
        "the third quarter",
        AnswerType.DATE,
        key=("k",),
        article_pool=["a year earlier", "the first quarter"],
    ) == ["the first quarter"]


def test_a_stated_change_keeps_agreeing_with_its_amounts() -> None:
    # 10 -> 11 is a 10% rise: "rose 30%" or "to 15" would be false by the sentence's own sums.
    rise = "Exports rose 10% to 11 mln tonnes from 10 mln tonnes."
    assert not keeps_values(rise, rise.replace("10%", "30%"))
    assert not keeps_values(rise, rise.replace("to 11", "to 15"))
    loose = "Exports rose 10% to 15 mln tonnes from 10 mln tonnes."  # the article's own sums
    assert keeps_values(loose, loose.replace("10%", "30%"))


@pytest.mark.parametrize(
    "question",
    [
        "When did the work on the press begin when he partnered with Andreas Dritzehen?",
        "In which year has 2016 been warmer than was?",
        "In which year was the year 0.16 °C warmer than?",
    ],
)
def test_a_question_its_own_clause_answers_or_emptied_is_refused(question: str) -> None:
    assert not well_formed(question)


def test_the_organisation_a_sentence_names_is_not_replaced_by_another(nlp: Language) -> None:
    # "the organization" after "a member of the Brotherhood of Electrical Workers" is the
    # Brotherhood, not the organisation the article mentions most ("workers in Common Council").
    doc = nlp(
        "According to a member of the Brotherhood of Electrical Workers, 20 percent of workers "
        "in the organization are out of work."
    )
    context = Context.empty()
    context.orgs["Common Council"] = 3
    subs = substitutions(next(iter(doc.sents)), context, [])
    assert subs is not None and "Common Council" not in subs.values()


@pytest.mark.parametrize(
    ("text", "stands_alone"),
    [
        ("That translates to about 7% of the total admissions the researchers analyzed.", False),
        ("When that diaphragm vibrated, the original sound was replicated in the ear.", False),
        ("Officials said that prices would rise.", True),  # a conjunction, not a reference
        ("It was so cold that rivers froze.", True),
    ],
)
def test_a_sentence_pointing_back_with_that_does_not_stand_alone(
    nlp: Language, text: str, stands_alone: bool
) -> None:
    subs = substitutions(next(iter(nlp(text).sents)), Context.empty(), [])
    assert (subs is not None) == stands_alone


def test_his_after_a_person_noun_of_the_sentence_is_not_someone_named_before(
    nlp: Language,
) -> None:
    doc = nlp(
        "A woman died, said Chen Yunbing, a doctor at the hospital. A duty officer at the "
        "county offices, who gave his surname as Xia, said the quake was short."
    )
    context = Context.empty()
    first, second = list(doc.sents)
    context.observe(first)
    subs = substitutions(second, context, [])
    assert subs is not None and not any("Chen" in v for v in subs.values())


def test_a_name_that_modifies_a_noun_is_nobody_he_can_be(nlp: Language) -> None:
    # "the Nimrod expedition": the recogniser's person is an expedition's name.
    doc = nlp(
        "Shackleton had served in the Antarctic on the Discovery expedition of 1901–1904 and had "
        "led the Nimrod expedition of 1907–1909. In this new venture, he proposed to sail to "
        "the Weddell Sea."
    )
    context = Context.empty()
    first, second = list(doc.sents)
    context.observe(first)
    subs = substitutions(second, context, [])
    assert subs is None or not any("Nimrod" in v for v in subs.values())


def test_he_in_a_page_of_several_people_is_nobody_when_the_sentence_before_names_none(
    nlp: Language,
) -> None:
    # An obituary page: "He was a pupil of Josef Hofmann" in Abbey Simon's paragraph became
    # Jerry Herman, the most named person of the page.
    context = Context.empty("Musician milestones")
    context.people.update({"Jerry Herman": 4, "Dalton Baldwin": 2})
    sent = next(iter(nlp("He was a pupil of Josef Hofmann at the Curtis Institute.").sents))
    assert substitutions(sent, context, []) is None
