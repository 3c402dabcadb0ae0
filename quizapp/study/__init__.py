"""The study domain: scheduling (FSRS), sessions, grading, browsing, stats and learners.

- `session`: `StudyService`, a study session: the queue (`queue`) and answering, and the
  card operations and counts it shares with the screens that need no session.
- `cards`: `CardOperations` on single cards (bury, suspend, flag, edit), no queue.
- `counts`: `StudyCounts`, new / learning / due per article and overall, no session.
- `queries`: `LearnerQueries`, the statements all of them run, built once per learner.
- `undo`: the undo/redo stack of every study action.
- `views`: the frozen dataclasses every service hands to the UI (no live ORM objects).
- `scheduling`: FSRS through the `fsrs` package. `grading`: typed-answer grading.
- `browse`, `stats`, `class_stats`: the card browser, one learner's and a class's figures.
- `learners`, `learner_admin`: who studies a bank, adding, removing and checking them.
- `scope`: `LearnerScope`, one learner's bank, settings, id, clock and study day.
- `optimise`: FSRS parameters fitted to a learner's history; `simulation`: fsrs-rs's year of
  study that compares them.
- `search`, `options`, `card_info`, `home_counts`: the browser's search language, choice
  mode's options, one card's details, the home screen's one-statement counts.

`StudyService` is importable from here (`from quizapp.study import StudyService`); it is
loaded on first use so that importing a light module of this package (`views`) stays light.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from quizapp.study.session import StudyService

__all__ = ["StudyService"]


def __getattr__(name: str) -> Any:
    if name == "StudyService":
        from quizapp.study.session import StudyService

        return StudyService
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
