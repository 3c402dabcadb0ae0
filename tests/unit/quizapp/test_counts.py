"""One figure for what a session delivers: home's header, every article row and the session's
"Left" are the same numbers, and a session delivers exactly them (issue 12, wrong today 2).

A property test over random banks (articles, sentences with sibling cards), limits and
histories (answers on earlier days and today, buried and suspended cards): for every article,
the home row equals that article's session count; the header equals the all-articles session
count; and a session answering every card Easy (so none comes back) delivers exactly the new,
learning and due cards the count promised, by scope.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from hypothesis import HealthCheck, given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st

from question_bank.store import Bank, open_bank
from question_bank.store.schema import ArticleRow, QuestionRow
from quizapp.settings import Settings
from quizapp.study.session import StudyService
from quizapp.study.views import EASY, STATE_LEARNING, STATE_NEW, STATE_RELEARNING, DeckCounts
from tests.support.study import FakeClock

NOW = datetime(2026, 3, 10, 12, tzinfo=UTC)
KINDS = ("open", "cloze", "choice", "truefalse")

BANKS = st.lists(  # articles: each a list of sentences, each its number of sibling cards
    st.lists(st.integers(min_value=1, max_value=3), min_size=1, max_size=5),
    min_size=1,
    max_size=3,
)
HISTORY = st.lists(
    st.tuples(
        st.sampled_from(["answer", "answer", "answer", "bury", "suspend"]),
        st.integers(min_value=1, max_value=4),  # rating
        st.integers(min_value=0, max_value=40),  # which card (modulo the bank)
        st.integers(min_value=0, max_value=12),  # days before today (0: today)
    ),
    max_size=30,
)


def build(bank: Bank, articles: list[list[int]]) -> list[str]:
    ids: list[str] = []
    with bank.transaction() as session:
        for number, sentences in enumerate(articles):
            article_id = f"art{number}"
            session.add(
                ArticleRow(
                    id=article_id,
                    title=f"Article {number}",
                    source=f"/{article_id}.txt",
                    text="",
                    content_hash=article_id,
                    imported_at=NOW - timedelta(days=100 - number),
                )
            )
            session.flush()
            position = 0
            for sentence, cards in enumerate(sentences):
                for card in range(cards):
                    qid = f"{article_id}-s{sentence}-c{card}"
                    ids.append(qid)
                    session.add(
                        QuestionRow(
                            id=qid,
                            article_id=article_id,
                            kind=KINDS[card % len(KINDS)],
                            prompt=f"Question {qid}?",
                            answer=f"answer {qid}",
                            accepted_answers=[],
                            choices=[],
                            source_sentence=f"Sentence {sentence} of article {number}.",
                            section="",
                            position=position,
                        )
                    )
                    position += 1
    return ids


def delivered(service: StudyService, scope: str | None, promised: DeckCounts) -> DeckCounts:
    """Study until nothing is left, answering Easy; the cards served, by state before. Before
    each card, "Left" is what was promised less what was served."""
    served = {STATE_NEW: 0, STATE_LEARNING: 0, STATE_RELEARNING: 0, 2: 0}
    for _ in range(500):
        assert service.counts(scope).total == promised.total - sum(served.values())
        card = service.next_card(scope)
        if card is None:
            break
        served[card.state] += 1
        service.answer(card.question_id, EASY, duration_ms=1, mode="flip")
    return DeckCounts(
        new=served[STATE_NEW],
        learning=served[STATE_LEARNING] + served[STATE_RELEARNING],
        due=served[2],
    )


@hypothesis_settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    articles=BANKS,
    history=HISTORY,
    new_per_day=st.integers(min_value=0, max_value=6),
    reviews_per_day=st.integers(min_value=0, max_value=6),
    scope_pick=st.integers(min_value=0, max_value=3),
    steps_minutes=st.sampled_from([[1, 10], [10, 60], [30, 240]]),
)
def test_home_rows_header_and_session_agree_and_sessions_deliver_them(
    tmp_path_factory: pytest.TempPathFactory,
    articles: list[list[int]],
    history: list[tuple[str, int, int, int]],
    new_per_day: int,
    reviews_per_day: int,
    scope_pick: int,
    steps_minutes: list[int],
) -> None:
    bank = open_bank(tmp_path_factory.mktemp("counts") / "bank.sqlite")
    try:
        ids = build(bank, articles)
        config = Settings(
            new_cards_per_day=new_per_day,
            reviews_per_day=reviews_per_day,
            enable_fuzzing=False,
            leech_threshold=99,
            learning_steps_minutes=steps_minutes,
            relearning_steps_minutes=steps_minutes[-1:],
        )
        # History, oldest first: answers on earlier days, then today's answers, buries and
        # suspensions (a minute apart, all before now).
        steps = sorted(history, key=lambda step: -step[3])
        for number, (action, rating, pick, days) in enumerate(steps):
            at = NOW - timedelta(days=days, minutes=3 * (len(steps) - number))
            service = StudyService(bank, config, "me", clock=FakeClock(at), timezone=UTC)
            question_id = ids[pick % len(ids)]
            if action == "answer":
                service.answer(question_id, rating, duration_ms=1, mode="flip")
            elif action == "bury":
                service.bury(question_id)
            else:
                service.set_suspended(question_id, True)

        def fresh() -> StudyService:
            return StudyService(bank, config, "me", clock=FakeClock(NOW), timezone=UTC)

        home = fresh()
        rows = {row.article_id: row.counts for row in home.article_counts()}
        header = home.counts()
        for article_id, row in rows.items():
            assert fresh().counts(article_id) == row, article_id
        # Home counts in parts (the rows on screen first): each part is the same rows.
        everything = home.article_counts()
        parts = [
            part for row in everything for part in fresh().tally.article_counts([row.article_id])
        ]
        assert parts == everything
        # The header is "study all": the limits hold across articles.
        assert header.learning == sum(row.learning for row in rows.values())
        assert header.new <= sum(row.new for row in rows.values())
        assert header.due <= sum(row.due for row in rows.values())
        # And a session delivers what it said it would.
        scope = None if scope_pick >= len(rows) else sorted(rows)[scope_pick]
        promised = header if scope is None else rows[scope]
        session = fresh()
        assert session.counts(scope) == promised
        assert delivered(session, scope, promised) == promised
    finally:
        bank.dispose()
