"""Choice mode's options: the card's own, its fact's choice form's, or built distractors."""

from __future__ import annotations

from dataclasses import replace

from question_bank.store import Bank
from question_bank.store.schema import QuestionRow
from quizapp.settings import Settings
from quizapp.study.options import choice_options
from quizapp.study.session import StudyService
from tests.support.study import add_article


def test_options_for_every_kind(bank: Bank) -> None:
    add_article(bank, "a", 6)
    with bank.transaction() as session:
        for number, (kind, answer) in enumerate(
            [("open", "1969"), ("choice", "1969"), ("truefalse", "True")]
        ):
            question = session.get(QuestionRow, f"a-q00{number}")
            assert question is not None
            question.kind, question.answer, question.answer_type = kind, answer, "date"
            question.source_sentence = "Apollo 11 landed in 1969."
        chooser = session.get(QuestionRow, "a-q001")
        assert chooser is not None
        chooser.choices = ["1967", "1969", "1971", "1972"]
    service = StudyService(bank, Settings(), "me")
    open_card, choice_card, truth, other = (service.card(f"a-q00{n}") for n in range(4))
    assert choice_options(bank, choice_card) == ("1967", "1969", "1971", "1972")
    assert choice_options(bank, open_card) == ("1967", "1969", "1971", "1972")  # its fact's
    assert choice_options(bank, truth) == ("True", "False")
    # No choice form: distractors of the answer's type (nearby years for a date).
    built = choice_options(bank, replace(open_card, source_sentence="Elsewhere."))
    assert len(built) == 4 and "1969" in built and len(set(built)) == 4
    assert choice_options(bank, replace(open_card, source_sentence="Elsewhere.")) == built
    assert len(choice_options(bank, other)) in (0, 4)
