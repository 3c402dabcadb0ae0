"""The class view (`quizapp class-stats`): each learner's progress, retention and due load.

Expected figures are worked out here from the cards and logs themselves, independently of the
grouped queries under test.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from sqlalchemy import select, update

from question_bank.store import Bank
from question_bank.store.schema import CardRow, LearnerRow, QuestionRow, ReviewLogRow
from quizapp.study.class_stats import class_view, format_class_view
from quizapp.study.learner_admin import add_learner
from quizapp.study.views import AGAIN, STATE_NEW, STATE_REVIEW
from tests.support.history import T0, bank_with_history, bank_with_history_at, quizapp


def expected(bank: Bank, now: datetime) -> dict[str, tuple[int, float | None, int, int]]:
    """(seen, retention, due today, due in 7 days) per learner, by brute force (UTC days, 4 am)."""
    day_start = now.replace(hour=4, minute=0, second=0, microsecond=0)
    if now < day_start:
        day_start -= timedelta(days=1)
    end_today, end_week = day_start + timedelta(days=1), day_start + timedelta(days=7)
    since = day_start - timedelta(days=29)
    with bank.transaction() as session:
        live = set(session.scalars(select(QuestionRow.id).where(QuestionRow.retired.is_(False))))
        learners = dict(session.execute(select(LearnerRow.id, LearnerRow.name)).all())
        cards = list(session.scalars(select(CardRow)))
        logs = list(session.scalars(select(ReviewLogRow)))
    result = {}
    for learner_id, name in learners.items():
        mine = [c for c in cards if c.learner_id == learner_id and c.question_id in live]
        answered = [c for c in mine if c.state != STATE_NEW]
        due = [c for c in answered if not c.suspended]
        graded = [
            log.rating
            for log in logs
            if log.learner_id == learner_id
            and log.state_before == STATE_REVIEW
            and log.reviewed_at >= since
        ]
        retention = sum(r != AGAIN for r in graded) / len(graded) if graded else None
        result[name] = (
            len(answered),
            retention,
            sum(c.due < end_today for c in due),
            sum(c.due < end_week for c in due),
        )
    return result


def test_class_view_matches_the_cards_and_logs(bank: Bank) -> None:
    bank_with_history(bank)
    add_learner(bank, "Zoe")  # a learner who never studied
    with bank.transaction() as session:
        ann = session.scalar(select(LearnerRow.id).where(LearnerRow.name == "Ann"))
        # Some review answers in the window, one of them a lapse, so retention is not trivial.
        first = session.scalars(select(ReviewLogRow).where(ReviewLogRow.learner_id == ann)).first()
        assert first is not None
        for rating in (AGAIN, 3, 3):
            session.add(
                ReviewLogRow(
                    learner_id=ann,
                    question_id=first.question_id,
                    rating=rating,
                    reviewed_at=T0 - timedelta(days=3),
                    state_before=STATE_REVIEW,
                    state_after=STATE_REVIEW,
                )
            )
        # One of Ann's cards is suspended: it does not count in her due load.
        session.execute(
            update(CardRow)
            .where(CardRow.learner_id == ann, CardRow.question_id == first.question_id)
            .values(suspended=True)
        )
    for now in (T0 + timedelta(days=3), T0 + timedelta(days=9, hours=2)):
        view = class_view(bank, now, timezone=UTC)
        assert view.total == 10  # one of the 11 questions is retired
        got = {
            row.name: (row.seen, row.retention, row.due_today, row.due_week)
            for row in view.learners
        }
        assert got == expected(bank, now)
    (ann_row, bob_row, zoe_row) = class_view(bank, T0 + timedelta(days=3), timezone=UTC).learners
    assert ann_row.retention is not None and 0 < ann_row.retention < 1
    assert ann_row.due_week >= ann_row.due_today > 0
    assert (zoe_row.seen, zoe_row.retention, zoe_row.last_review) == (0, None, None)
    assert 0 < bob_row.seen < ann_row.seen  # Bob answered 3 cards once, Ann 18 times


def test_retired_questions_leave_the_totals(bank: Bank) -> None:
    bank_with_history(bank)
    with bank.transaction() as session:
        session.execute(update(QuestionRow).values(retired=True))
    view = class_view(bank, T0 + timedelta(days=3), timezone=UTC)
    assert view.total == 0
    assert all((row.seen, row.due_today, row.due_week) == (0, 0, 0) for row in view.learners)


def test_class_table_text(bank: Bank) -> None:
    bank_with_history(bank)
    view = class_view(bank, T0 + timedelta(days=3), timezone=UTC)
    lines = format_class_view(view).splitlines()
    assert lines[0] == "class on 2026-03-05: 2 learners, 10 questions"
    assert lines[1].split()[:3] == ["learner", "seen", "progress"]
    # The counts depend on the queue and FSRS (checked above against the cards themselves).
    for line, row, last in zip(lines[3:], view.learners, ("2026-03-04", "2026-03-02"), strict=True):
        due = [str(row.due_today), str(row.due_week)]
        progress = f"{round(100 * row.seen / 10)}%"
        assert line.split() == [row.name, f"{row.seen}/10", progress, "-", *due, last]
    assert [row.name for row in view.learners] == ["Ann", "Bob"]


def test_class_stats_command(bank_url: str) -> None:
    bank_with_history_at(bank_url)
    result = quizapp("class-stats", "--db", bank_url)
    assert result.returncode == 0, result.stderr
    assert "2 learners, 10 questions" in result.stdout
    assert [line.split()[0] for line in result.stdout.splitlines()[3:]] == ["Ann", "Bob"]


def test_stats_class_flag_prints_the_same_table(bank_url: str) -> None:
    bank_with_history_at(bank_url)
    result = quizapp("stats", "--class", "--db", bank_url)
    assert result.returncode == 0, result.stderr
    assert "2 learners, 10 questions" in result.stdout
    assert result.stdout.splitlines()[1].split()[:3] == ["learner", "seen", "progress"]
