"""The stats screen's figures: states, reviews per day, true retention, forecast, heatmap."""

from __future__ import annotations

from datetime import datetime, tzinfo

from question_bank.store import Bank
from quizapp.study_models import StatsView


def stats(
    bank: Bank,
    learner: str,
    now: datetime,
    *,
    day_starts_at_hour: int = 4,
    timezone: tzinfo | None = None,
) -> StatsView:
    """Everything the stats screen shows, for one learner at `now` (aware UTC)."""
    raise NotImplementedError
