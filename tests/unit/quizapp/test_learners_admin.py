"""`quizapp learners add | list | remove`, and one learner per name wherever one studies."""

from __future__ import annotations

from datetime import UTC

import pytest
from sqlalchemy import func, select

import quizapp.study.learner_admin as admin
from question_bank.store import Bank, open_bank
from question_bank.store.schema import CardRow, LearnerRow, ReviewLogRow
from quizapp.settings import Settings
from quizapp.study.browse import search
from quizapp.study.learner_admin import (
    LearnerError,
    add_learner,
    learner_infos,
    remove_learner,
)
from quizapp.study.session import StudyService
from quizapp.study.stats import stats
from quizapp.study.views import BrowseFilter
from tests.support.bank import bank_contents
from tests.support.history import (
    T0,
    Clock,
    bank_with_history,
    bank_with_history_at,
    import_questions,
    quizapp,
    study,
)


def counts(bank: Bank, name: str) -> tuple[int, int]:
    with bank.transaction() as session:
        learner_id = session.scalar(select(LearnerRow.id).where(LearnerRow.name == name))
        cards = session.scalar(select(func.count()).where(CardRow.learner_id == learner_id))
        logs = session.scalar(select(func.count()).where(ReviewLogRow.learner_id == learner_id))
    return cards or 0, logs or 0


def test_learners_commands_add_list_and_remove(bank_url: str) -> None:
    bank_with_history_at(bank_url)
    bank = open_bank(bank_url)
    try:
        cards, reviews = counts(bank, "Ann")  # 18 answers over 3 days, on some cards
        bob = counts(bank, "Bob")
    finally:
        bank.dispose()
    assert reviews == 18 and 0 < cards <= 18

    added = quizapp("learners", "add", "  Cleo   Dupont ", "--db", bank_url)
    assert added.returncode == 0, added.stderr
    assert "added learner 'Cleo Dupont'" in added.stdout
    twice = quizapp("learners", "add", "Cleo Dupont", "--db", bank_url)
    assert twice.returncode == 1
    assert twice.stderr == "quizapp: error: learner 'Cleo Dupont' already exists\n"

    listed = quizapp("learners", "list", "--db", bank_url)
    assert listed.returncode == 0, listed.stderr
    lines = listed.stdout.splitlines()
    assert [line.split()[0] for line in lines] == ["Ann", "Bob", "Cleo"]
    assert f"{cards} cards" in lines[0] and "18 reviews" in lines[0]
    assert "0 reviews" in lines[2] and "never" in lines[2]

    declined = quizapp("learners", "remove", "Ann", "--db", bank_url, stdin="n\n")
    assert declined.returncode == 1
    assert f"remove learner 'Ann' with {cards} cards and 18 reviews?" in declined.stdout
    assert "nothing removed" in declined.stderr
    bank = open_bank(bank_url)
    try:
        assert counts(bank, "Ann") == (cards, 18)
    finally:
        bank.dispose()

    removed = quizapp("learners", "remove", "Ann", "--yes", "--db", bank_url)
    assert removed.returncode == 0, removed.stderr
    assert f"removed learner 'Ann': {cards} cards, 18 reviews" in removed.stdout
    bank = open_bank(bank_url)
    try:
        assert counts(bank, "Ann") == (0, 0)
        assert counts(bank, "Bob") == bob == (3, 3)  # the others keep everything
        assert [info.name for info in learner_infos(bank)] == ["Bob", "Cleo Dupont"]
    finally:
        bank.dispose()


def test_removing_an_unknown_learner_is_one_line_and_suggests_the_name(bank_url: str) -> None:
    bank = open_bank(bank_url)
    try:
        add_learner(bank, "Bob")
    finally:
        bank.dispose()
    result = quizapp("learners", "remove", "bob", "--yes", "--db", bank_url)
    assert result.returncode == 1
    assert result.stderr == "quizapp: error: no learner 'bob' in this bank (did you mean 'Bob'?)\n"
    empty = quizapp("learners", "add", "   ", "--db", bank_url)
    assert empty.returncode == 1 and empty.stderr == "quizapp: error: a learner needs a name\n"


def test_remove_is_one_transaction(bank: Bank, monkeypatch: pytest.MonkeyPatch) -> None:
    bank_with_history(bank)
    before = bank_contents(bank)

    # Crash after the review logs are deleted but before the cards and the learner are.
    real_delete = admin.delete
    calls: list[object] = []

    def delete_then_crash(table: object) -> object:
        calls.append(table)
        if len(calls) == 2:
            raise RuntimeError("crash after the first delete")
        return real_delete(table)  # type: ignore[arg-type]

    monkeypatch.setattr(admin, "delete", delete_then_crash)
    with pytest.raises(RuntimeError):
        remove_learner(bank, "Ann")
    assert bank_contents(bank) == before


def test_learner_added_by_command_is_the_one_who_studies(bank: Bank) -> None:
    import_questions(bank)
    add_learner(bank, "Ann Lee")
    service = StudyService(bank, Settings(), "  Ann   Lee ", clock=Clock(T0))
    card = service.next_card()
    assert card is not None
    service.answer(card.question_id, 3, duration_ms=1000, mode="flip")
    infos = learner_infos(bank)
    assert [(info.name, info.cards, info.reviews) for info in infos] == [("Ann Lee", 1, 1)]
    with pytest.raises(LearnerError, match="already exists"):
        add_learner(bank, "Ann Lee")


def test_learners_list_on_an_empty_bank_says_how_to_add_one(bank_url: str) -> None:
    result = quizapp("learners", "list", "--db", bank_url)
    assert result.returncode == 0
    assert "no learners yet" in result.stdout


def test_last_review_is_listed(bank: Bank) -> None:
    import_questions(bank)
    clock = study(bank, "Eve", 2)
    (info,) = learner_infos(bank)
    assert info.last_review is not None
    assert T0 <= info.last_review < clock.now


def test_every_view_finds_the_learner_under_the_same_name(bank: Bank) -> None:
    """Names are trimmed the same way by study, stats, browse and the learner commands."""
    import_questions(bank)
    study(bank, "Ann Lee", 2)
    spelled = "  Ann   Lee "
    assert stats(bank, spelled, T0, timezone=UTC).total_reviews == 2
    rows = search(bank, spelled, BrowseFilter())
    assert sum(1 for row in rows if row.state != 0) == 2
