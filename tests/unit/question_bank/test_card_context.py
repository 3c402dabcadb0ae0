"""Cards of small invented texts for the failure classes a blind round (final-9: sixteen
unseen articles, two judges) found: a parenthesis torn out of its commas, a contraction read
as a possessive, one item of a list asked as the whole answer, who said a quote, a person
described but not named, a false statement that gives itself away by a pronoun, options for
"the 1800s" that the century includes."""

from __future__ import annotations

import pytest
from spacy.language import Language

from question_bank.distractors import pick_distractors
from question_bank.models import AnswerType, QuestionDraft, QuestionKind
from question_bank.nlp import load_pipeline
from question_bank.readers import parse_article
from tests.support.cards import every_card


@pytest.fixture(scope="module")
def nlp() -> Language:
    return load_pipeline()


def questions(cards: list[QuestionDraft]) -> list[str]:
    return [c.prompt for c in cards if c.kind in (QuestionKind.OPEN, QuestionKind.CHOICE)]


def test_a_subject_keeps_the_comma_that_closes_its_aside(nlp: Language) -> None:
    cards = every_card(
        nlp,
        "Bicycles\n\nA French father-and-son, Pierre and Ernest Michaux, in the 1860s, "
        "invented an improved version of the bicycle.",
    )
    asked = [q for q in questions(cards) if "Michaux" in q]
    assert asked
    assert all("Michaux," in q for q in asked), asked


def test_a_parenthesis_between_subject_and_verb_is_left_out(nlp: Language) -> None:
    cards = every_card(
        nlp,
        "The park\n\nCongress established the park in 1872. The park, while mostly in "
        "Wyoming at its northwest corner, also includes land in Idaho and Montana.",
    )
    asked = [q for q in questions(cards) if "include" in q]
    assert asked
    assert not any("while mostly" in q for q in asked), asked


def test_a_contraction_after_a_name_put_in_for_a_pronoun_is_written_out(nlp: Language) -> None:
    cards = every_card(
        nlp,
        "Mary Keitany\n\nMary Keitany won the race in 2014. She's the winner of three London "
        "Marathons.",
    )
    texts = [c.prompt for c in cards]
    assert any("Mary Keitany is the winner" in t for t in texts), texts
    assert not any("Keitany’s the" in t or "Keitany's the" in t for t in texts)


def test_one_item_of_a_list_is_not_asked_as_the_answer(nlp: Language) -> None:
    cards = every_card(
        nlp,
        "Marathon\n\nKeitany won the New York City Marathon in 2014, 2015, and 2016. She came "
        "second last year.",
    )
    assert not [c for c in cards if c.kind == QuestionKind.OPEN and c.answer == "2014"]
    # the list stays whole where the question asks something else
    assert not any("in 2014 and 2016" in q for q in questions(cards))


def test_who_said_a_quote_is_not_asked(nlp: Language) -> None:
    cards = every_card(
        nlp,
        "Museum opens\n\nThe museum opened two new exhibits on Saturday. “I think the "
        "facility is beautiful,” Karen Scharf said. Bob Lee said he liked the fossils.",
    )
    speakers = [c for c in cards if c.answer in ("Karen Scharf", "Bob Lee")]
    assert not speakers, [(c.kind.value, c.prompt) for c in speakers]


def test_a_described_person_needs_a_name_nearby(nlp: Language) -> None:
    cards = every_card(
        nlp,
        "The marathon\n\nThe race started at nine. Between 1978 and 1988, the Norwegian runner "
        "won the marathon nine times.",
    )
    vague = [c for c in cards if "Norwegian runner" in c.prompt and c.kind != QuestionKind.CLOZE]
    assert not vague, [c.prompt for c in vague]


def test_a_false_person_agrees_with_the_pronoun_that_follows(nlp: Language) -> None:
    cards = every_card(
        nlp,
        "Museum visitors\n\nMaya Charlesworth lost her hat in the main hall on Monday. John "
        "Miller parked his car outside the museum. Robert Brown walked his dog around the "
        "museum. Anna Smith sold her bike outside the museum. Peter Green painted his fence "
        "near the museum.",
    )
    false = [c.prompt for c in cards if c.kind == QuestionKind.TRUEFALSE and c.answer == "False"]
    men, women = ("John Miller", "Robert Brown", "Peter Green"), ("Maya Charlesworth", "Anna Smith")
    swapped = [s for s in false if s.startswith(men + women)]
    assert swapped  # people are swapped…
    for statement in swapped:  # …but never across the pronoun's gender
        assert not (statement.startswith(men) and " her " in statement), statement
        assert not (statement.startswith(women) and " his " in statement), statement


def test_the_eighteen_hundreds_get_other_centuries() -> None:
    options = pick_distractors("1800s", AnswerType.DATE, key=("k",), count=3)
    assert len(options) == 3
    assert all(o.endswith("00s") for o in options), options


# --- final-10 (sixteen more unseen articles) -----------------------------------------------


def test_a_main_verb_the_parser_took_for_an_auxiliary_never_inverts(nlp: Language) -> None:
    cards = every_card(
        nlp,
        "Castle Rising\n\nDuring the 15th century the castle became increasingly valued for "
        "its hunting facilities.",
    )
    assert not any(q.startswith("When became") for q in questions(cards))


def test_the_time_a_superlative_counts_from_is_not_asked_when(nlp: Language) -> None:
    cards = every_card(
        nlp, "Election\n\nLabour suffered its worst defeat since 1987, losing 40 seats."
    )
    assert not any(
        "since" in q.lower() and q.startswith(("Since", "When")) for q in questions(cards)
    )


def test_a_time_told_from_the_day_of_writing_is_not_asked(nlp: Language) -> None:
    cards = every_card(
        nlp,
        "Fire in Waco\n\nThe Red Cross arranged shelter for residents on Saturday. The "
        "ceremony took place at 4 o'clock this afternoon at Sevres.",
    )
    assert not [c for c in cards if c.answer in ("Saturday", "4 o'clock this afternoon")]


def test_the_party_among_several_needs_its_name(nlp: Language) -> None:
    cards = every_card(
        nlp,
        "Cameron's Conservative Party wins\n\nThe Conservative Party won 326 seats and the "
        "Labour Party won 228. The Scottish National Party gained 50 seats. The party won "
        "six seats in 2010.",
    )
    vague = [c.prompt for c in cards if "party won six" in c.prompt.lower()]
    assert not [p for p in vague if not p.startswith("The Scottish National Party gained")]


def test_a_name_that_took_in_a_possessive_is_put_in_without_it(nlp: Language) -> None:
    cards = every_card(
        nlp,
        "Election\n\nPrime Minister David Cameron’s Conservative Party won a majority. He said "
        "the Conservatives published a manifesto for working people.",
    )
    assert not any("Cameron’s said" in c.prompt for c in cards)
    assert any(c.prompt.startswith("David Cameron said") for c in cards)


def test_a_country_never_stands_in_for_a_landmark(nlp: Language) -> None:
    cards = every_card(
        nlp,
        "Mountains\n\nMount Fuji is the symbol of Japan. Tourists travel to Kenya to see "
        "wildlife. The local Anangu do not climb Uluru because of its spiritual significance. "
        "Visitors walk around Uluru and Kata Tjuta.",
    )
    assert not any("climb Japan" in s or "climb Kenya" in s for s in [c.prompt for c in cards])


# --- final-11 (eighteen more unseen articles) ----------------------------------------------


def test_a_role_in_the_title_is_nobody_she_can_be(nlp: Language) -> None:
    cards = every_card(
        nlp,
        "Prime Minister of Sweden resigns hours after election\n\nThe Prime Minister of Sweden "
        "has resigned only hours after her election, as the coalition government she helmed "
        "falls apart over a budget vote.\n\nShe hopes to be reelected soon, as head of a "
        "minority government within her party of Social Democrats.",
    )
    assert not any(c.prompt.startswith("Minister hopes") for c in cards)


def test_given_names_typed_as_places_are_neither_asked_nor_swapped(nlp: Language) -> None:
    cards = every_card(
        nlp,
        "Amelia Earhart\n\nAmelia Earhart was born in Atchison. Her father worked for the "
        "railroad.\n\nFive years later, in 1914, he was fired from The Rock Island Railroad. Amy "
        "Earhart took Amelia and Muriel to Chicago where they lived with friends.",
    )
    took = [c for c in cards if "to Chicago where" in c.prompt]
    assert took
    assert not any(q.startswith("Which places") for q in questions(took))
    assert not any(
        c.kind == QuestionKind.TRUEFALSE
        and "Amelia and Muriel" not in c.prompt
        and c.prompt.startswith("Amy Earhart took")
        for c in took
    )


def test_a_copula_with_a_where_clause_is_not_asked_what(nlp: Language) -> None:
    cards = every_card(
        nlp,
        "Coronations\n\nSince the coronation of King William I (the Conqueror) on Christmas Day "
        "1066, Westminster Abbey has been where England’s monarchs have been crowned.",
    )
    assert not any(q.startswith("What has been where") for q in questions(cards))


# --- final-12 (eighteen more unseen articles) ----------------------------------------------


GOVERNOR = (
    "Former Mexican governor gets 9 years in prison for bribery\n\nFormer Mexican governor Tomás "
    "Yarrington Ruvalcaba has been sentenced to nine years in prison for accepting over $3.5 "
    "million in illegal bribes, the U.S. Attorney's office announced.\n\nA district judged "
    "sentenced Yarrington, the former governor of the Mexican state of Tamaulipas and a one-time "
    "candidate for president, to 108 months in prison. The 66-year-old, who is not a U.S. "
    "citizen, is expected to be deported following his imprisonment, according to prosecutors."
    "\n\nDuring his time as governor from 1999 to 2005, Yarrington accepted bribes from "
    "individuals and private companies in Mexico to do business with the state of Tamaulipas, "
    "prosecutors said."
)


def test_a_place_after_state_of_is_nobody_his_can_mean(nlp: Language) -> None:
    cards = every_card(nlp, GOVERNOR)
    assert not any("Tamaulipas’s" in c.prompt or "Tamaulipas's" in c.prompt for c in cards)


def test_one_end_of_a_span_is_not_asked_when(nlp: Language) -> None:
    cards = every_card(nlp, GOVERNOR)
    assert any(c.kind == QuestionKind.CLOZE and "from [...] to 2005" in c.prompt for c in cards)
    assert not [c for c in cards if c.kind == QuestionKind.OPEN and c.answer in ("1999", "2005")]


def test_an_approximate_year_gets_other_decades() -> None:
    options = pick_distractors("around 1150", AnswerType.DATE, key=("k",), count=3)
    assert len(options) == 3
    assert all(o.startswith("around ") and o.endswith("0") for o in options), options


def test_a_wire_dateline_is_not_part_of_the_story(nlp: Language) -> None:
    article = parse_article(
        "Senate passes bill\n\nWASHINGTON — The Senate narrowly passed the bill on Tuesday.",
        source="x.txt",
    )
    assert article.sections[0].paragraphs[0].startswith("The Senate")
    london = parse_article(
        "Election\n\nLondon, May 8 (IANS) The Conservative Party won 326 seats.", source="y.txt"
    )
    assert london.sections[0].paragraphs[0].startswith("The Conservative Party")


def test_a_gloss_after_the_gap_gives_it_away(nlp: Language) -> None:
    cards = every_card(
        nlp,
        "Test cricket\n\nTest status is conferred by the International Cricket Council (ICC). "
        "Australia won the first Test in 1877.",
    )
    assert not [c for c in cards if c.kind == QuestionKind.CLOZE and "[...] (ICC)" in c.prompt]


def test_here_needs_a_place(nlp: Language) -> None:
    cards = every_card(
        nlp,
        "About Gion\n\nThe streets are full of visitors in summer. Here, much like Ishibe "
        "Alley, you can see many vacationers dressed in kimono.",
    )
    assert not [c for c in cards if c.prompt.startswith("Here,")]


def test_a_question_ending_in_an_abbreviation_keeps_its_full_stop(nlp: Language) -> None:
    cards = every_card(
        nlp,
        "Extradition\n\nTomás Yarrington was extradited to the U.S. in April 2018, according "
        "to prosecutors.",
    )
    asked = [q for q in questions(cards) if q.endswith("U.S?")]
    assert not asked


# --- final-13 (twenty more unseen articles) ------------------------------------------------


def test_he_after_a_predecessor_is_not_the_predecessor(nlp: Language) -> None:
    cards = every_card(
        nlp,
        "History of Exploration: Henry Hudson, 1607-1611\n\nHenry Hudson is commissioned by "
        "the Muscovy Company in 1607. The route had been tried by Jacques Cartier. He leaves "
        "England, in the Discovery, in April 1610.",
    )
    assert not any(c.prompt.startswith("Jacques Cartier leaves") for c in cards)
    assert not any("does Jacques Cartier leave" in c.prompt for c in cards)


def test_a_gap_never_stops_before_a_possessive_apostrophe(nlp: Language) -> None:
    cards = every_card(
        nlp,
        "Heat records\n\nWeather stations feed data to a database, with fifteen years’ worth "
        "of records for each station since 2005.",
    )
    assert not [c for c in cards if c.kind == QuestionKind.CLOZE and "[...]’" in c.prompt]


def test_the_country_an_article_keeps_naming_is_no_gap(nlp: Language) -> None:
    cards = every_card(
        nlp,
        "US vaccine trial\n\nThe first vaccine tested in the U.S. worked. Dr. Anthony Fauci, "
        "the U.S. government's top infectious disease expert, welcomed the result. The U.S. "
        "trial enrolled 45 people in Seattle.",
    )
    assert not [c for c in cards if c.kind == QuestionKind.CLOZE and c.answer == "U.S."]


# --- final-14 (twenty more unseen articles) ------------------------------------------------


def test_he_goes_on_meaning_the_subject_not_the_teacher_it_named(nlp: Language) -> None:
    cards = every_card(
        nlp,
        "Beethoven's Symphony No. 1\n\nBeethoven had moved to Vienna in 1792, and he intended "
        "to study with Joseph Haydn. He wrote the Pathétique Sonata in 1798.",
    )
    assert not any(c.prompt.startswith("Joseph Haydn wrote") for c in cards)


def test_a_person_told_by_age_and_a_relative_time_need_the_sentence_before(
    nlp: Language,
) -> None:
    cards = every_card(
        nlp,
        "Finke wins\n\nThe race was held in Tokyo. The 26-year-old finished in 14 minutes. "
        "Three years later, Diego Rivera painted the mural.",
    )
    alone = [c for c in cards if c.kind in (QuestionKind.TRUEFALSE, QuestionKind.OPEN)]
    assert not [c for c in alone if c.prompt.startswith(("The 26-year-old", "Three years", "Six"))]


def test_a_season_gets_seasons() -> None:
    options = pick_distractors("2010-11", AnswerType.DATE, key=("k",), count=3)
    assert len(options) == 3
    for option in options:
        first, second = option.split("-")
        assert (int(first) + 1) % 100 == int(second), options


# --- final-15 (twenty more unseen articles) ------------------------------------------------


def test_the_kind_of_a_name_named_once_is_that_name_and_twice_is_either(nlp: Language) -> None:
    cards = every_card(
        nlp,
        "Cathedrals\n\nSiena Cathedral (Duomo di Siena) construction was begun sometime after "
        "1196 when the Cathedral Masons Guild was placed in charge of the build.\n\nA second "
        "massive addition of the main body of the cathedral was planned in 1339.\n\nThe "
        "construction of Cologne Cathedral (Kölner Dom) began in 1248. The structure was damaged "
        "in 1942. After the war the cathedral was restored in 1956.",
    )
    prompts = [c.prompt for c in cards]
    assert any("main body of Siena Cathedral" in p for p in prompts), prompts
    assert not any(p.startswith("After the war the cathedral") for p in prompts), prompts


def test_that_same_year_and_another_need_the_sentence_before(nlp: Language) -> None:
    cards = every_card(
        nlp,
        "Unluckiest chemist\n\nScheele studied pyrolusite. That same year, Scheele discovered "
        "chlorine in Uppsala. One ferry runs to Manly. Another links Rose Bay and Darling "
        "Harbour.",
    )
    statements = [c.prompt for c in cards if c.kind == QuestionKind.TRUEFALSE]
    assert not [s for s in statements if s.startswith(("That same year", "Another"))]


def test_an_adverb_that_says_which_event_stays_in_the_question(nlp: Language) -> None:
    cards = every_card(
        nlp, "Ottoman Empire\n\nOttoman troops first invaded Europe in 1345, sweeping north."
    )
    asked = [q for q in questions(cards) if "invade" in q]
    assert asked and all("first invade" in q for q in asked), asked


# --- final-16 (seventeen more unseen articles) ---------------------------------------------


def test_a_subject_keeps_the_name_that_says_who_it_is(nlp: Language) -> None:
    cards = every_card(
        nlp,
        "Samurai\n\nDuring the 10th century, the samurai lord (daimyo) Taira Masakado became the "
        "first of the warrior class to rebel against the imperial court.",
    )
    asked = [q for q in questions(cards) if "samurai lord" in q]
    assert asked and all("Taira Masakado" in q for q in asked), asked


def test_an_all_capitals_opening_is_written_as_the_article_has_it(nlp: Language) -> None:
    cards = every_card(
        nlp,
        "Mechanical clocks\n\nTHE EARLIEST RECORDED weight-driven mechanical clock was "
        "installed at Dunstable Priory in Bedfordshire in 1283.",
    )
    assert not any("tHE" in c.prompt for c in cards)


def test_a_passer_by_s_given_name_is_not_asked(nlp: Language) -> None:
    cards = every_card(
        nlp,
        "Metro opens in Bhopal\n\nHundreds of residents took rides on the new metro on Sunday. "
        "Office-goers will benefit a lot due to the Metro service, said a young man named "
        "Akshay. Another passenger, who identified himself as Chetan, was happy.",
    )
    assert not [c for c in cards if c.answer in ("Akshay", "Chetan")]


def test_that_with_an_adjective_still_points_back(nlp: Language) -> None:
    cards = every_card(
        nlp,
        "Vikings\n\nVikings never wore horned helmets. That little touch was invented by "
        "Richard Wagner for his operas in 1876.",
    )
    alone = [c for c in cards if c.kind in (QuestionKind.TRUEFALSE, QuestionKind.OPEN)]
    assert not [c for c in alone if c.prompt.startswith("That little touch")]
