"""Helpers for the study tests: a settable clock, Berlin times, small banks built directly."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

from sqlalchemy import select

from question_bank.store import Bank
from question_bank.store.schema import ArticleRow, CardRow, LearnerRow, QuestionRow

BERLIN = ZoneInfo("Europe/Berlin")


@dataclass
class FakeClock:
    """A settable clock: `clock()` is now; `advance()` moves it on."""

    now: datetime

    def __call__(self) -> datetime:
        return self.now

    def advance(self, **delta: float) -> None:
        self.now += timedelta(**delta)


def local(year: int, month: int, day: int, hour: int, minute: int = 0) -> datetime:
    """A Berlin wall-clock time as aware UTC."""
    return datetime(year, month, day, hour, minute, tzinfo=BERLIN).astimezone(UTC)


def add_article(bank: Bank, article_id: str, questions: int, *, title: str = "") -> list[str]:
    """Add an article with `questions` open questions; returns their ids in position order."""
    ids = [f"{article_id}-q{i:03d}" for i in range(questions)]
    with bank.transaction() as session:
        session.add(
            ArticleRow(
                id=article_id,
                title=title or f"Article {article_id}",
                source=f"/tmp/{article_id}.txt",
                text="",
                content_hash=article_id,
            )
        )
        session.flush()
        for position, qid in enumerate(ids):
            session.add(
                QuestionRow(
                    id=qid,
                    article_id=article_id,
                    kind="open",
                    prompt=f"Question {position} of {article_id}?",
                    answer=f"answer {position}",
                    accepted_answers=[],
                    choices=[],
                    source_sentence=f"Sentence {position}.",
                    section="Section",
                    position=position,
                )
            )
    return ids


def card_row(bank: Bank, question_id: str, learner: str = "me") -> CardRow | None:
    with bank.transaction() as session:
        return session.scalars(
            select(CardRow)
            .join(LearnerRow, LearnerRow.id == CardRow.learner_id)
            .where(LearnerRow.name == learner, CardRow.question_id == question_id)
        ).first()
