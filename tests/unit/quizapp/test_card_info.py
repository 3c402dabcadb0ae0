"""Card info: every answer with the interval it gave, FSRS memory state, the paragraph."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from question_bank.store import Bank
from question_bank.store.schema import ArticleRow
from quizapp.settings import Settings
from quizapp.study.card_info import card_info, paragraph_of
from quizapp.study.session import StudyService
from quizapp.study.views import AGAIN, GOOD
from tests.support.study import FakeClock, add_article

NOW = datetime(2026, 3, 2, 9, tzinfo=UTC)


def test_history_memory_state_and_paragraph(bank: Bank) -> None:
    add_article(bank, "a", 2)
    with bank.transaction() as session:
        article = session.get(ArticleRow, "a")
        assert article is not None
        article.text = "Title\n\nFirst paragraph.\n\nIt opens.  Sentence 0.\nIt ends.\n\nLast."
    settings = Settings(enable_fuzzing=False)
    clock = FakeClock(NOW)
    service = StudyService(bank, settings, "me", clock=clock, timezone=UTC)
    service.answer("a-q000", GOOD, duration_ms=4200, mode="type", typed="answr 0")
    clock.advance(minutes=15)
    service.answer("a-q000", AGAIN, duration_ms=900, mode="flip")
    clock.advance(minutes=1)
    info = card_info(bank, settings, "me", "a-q000", clock())
    assert [(r.rating, r.mode, r.typed, r.duration_ms) for r in info.reviews] == [
        (GOOD, "type", "answr 0", 4200),
        (AGAIN, "flip", None, 900),
    ]
    first, second = info.reviews
    assert first.interval == timedelta(minutes=10)  # Good on a new card: the second step
    assert second.interval is not None and second.interval <= timedelta(minutes=10)
    assert info.stability is not None and info.difficulty is not None
    assert info.retrievability is not None and 0 < info.retrievability <= 1
    assert info.paragraph == "It opens. Sentence 0. It ends."
    fresh = card_info(bank, settings, "me", "a-q001", clock())
    assert fresh.reviews == () and fresh.stability is None and fresh.retrievability is None
    assert card_info(bank, settings, "nobody", "a-q000", clock()).reviews == ()


def test_paragraph_of_finds_nothing_for_a_missing_sentence() -> None:
    assert paragraph_of("One.\n\nTwo.", "Three.") == ""
    assert paragraph_of("One.", "") == ""
