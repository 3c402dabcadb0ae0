"""Many learners answering at once on one bank: no answer lost, no card state corrupted.

Threads each hold their own study service (their own sessions and connections), as separate
quizapp processes would. Afterwards every acknowledged answer must be in the review log, and
every card's state must be exactly its log replayed through FSRS (`check_history`). Runs on
SQLite and, when configured, on PostgreSQL.
"""

from __future__ import annotations

import threading
from collections import Counter

from sqlalchemy import func, select

from question_bank.errors import QuestionBankError
from question_bank.store import Bank
from question_bank.store.schema import LearnerRow, ReviewLogRow
from quizapp.settings import Settings
from quizapp.study.learner_admin import check_history
from quizapp.study.session import StudyService
from quizapp.study.views import GOOD, HARD
from tests.support.history import T0, Clock, import_questions

LEARNERS = 6
ANSWERS = 12


def answer_cards(
    bank: Bank, learner: str, acknowledged: Counter[str], barrier: threading.Barrier
) -> None:
    clock = Clock(T0)
    service = StudyService(bank, Settings(), learner, clock=clock)
    barrier.wait(timeout=60)
    for number in range(ANSWERS):
        card = service.next_card()
        if card is None:
            return
        service.answer(card.question_id, GOOD if number % 3 else HARD, duration_ms=900, mode="flip")
        acknowledged[learner] += 1
        clock.now = clock.now.replace(second=(number + 1) % 60)


def test_learners_answering_at_once_lose_nothing(bank: Bank) -> None:
    import_questions(bank)
    names = [f"learner-{n}" for n in range(LEARNERS)]
    for name in names:  # learners exist before the rush, as after `quizapp learners add`
        StudyService(bank, Settings(), name)
    acknowledged: Counter[str] = Counter()
    barrier = threading.Barrier(LEARNERS)
    errors: list[BaseException] = []

    def run(name: str) -> None:
        try:
            answer_cards(bank, name, acknowledged, barrier)
        except BaseException as error:  # reported below, with the learner's name
            errors.append(error)

    threads = [threading.Thread(target=run, args=(name,)) for name in names]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    assert errors == []
    with bank.transaction() as session:
        logged = dict(
            session.execute(
                select(LearnerRow.name, func.count())
                .join(ReviewLogRow, ReviewLogRow.learner_id == LearnerRow.id)
                .group_by(LearnerRow.name)
            ).all()
        )
    assert logged == dict(acknowledged)
    assert sum(acknowledged.values()) == LEARNERS * ANSWERS
    assert check_history(bank, Settings()) == []


def test_one_card_answered_from_two_places_at_once_keeps_a_true_state(bank: Bank) -> None:
    """The same learner in two windows hammering one card: each answer applies to the last."""
    import_questions(bank)
    first = StudyService(bank, Settings(), "Ann", clock=Clock(T0))
    card = first.next_card()
    assert card is not None
    first.answer(card.question_id, GOOD, duration_ms=500, mode="flip")
    acknowledged: list[int] = []
    barrier = threading.Barrier(2)
    refused: list[str] = []

    def hammer(offset: int) -> None:
        service = StudyService(bank, Settings(), "Ann", clock=Clock(T0))
        barrier.wait(timeout=60)
        for number in range(15):
            service.clock = Clock(T0.replace(minute=offset + number))  # type: ignore[method-assign]
            try:
                service.answer(card.question_id, GOOD, duration_ms=500, mode="flip")
            except QuestionBankError as error:  # a locked bank: the answer was not taken
                refused.append(str(error))
                continue
            acknowledged.append(1)

    threads = [threading.Thread(target=hammer, args=(offset,)) for offset in (0, 20)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    with bank.transaction() as session:
        logs = session.scalar(select(func.count()).select_from(ReviewLogRow))
    assert logs == 1 + len(acknowledged)
    assert check_history(bank, Settings()) == []
