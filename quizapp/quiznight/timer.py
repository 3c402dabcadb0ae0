"""The countdown of one question, read from an injected clock: nothing ticks by itself, so
tests move time by hand and the host screen reads it a few times a second."""

from __future__ import annotations

from collections.abc import Callable
from enum import StrEnum

Seconds = Callable[[], float]
"""Monotonic seconds; `time.monotonic` in the app, a settable fake in tests. (Not
`quizapp.clock.Clock`, which gives aware datetimes for the study services.)"""


class TimerState(StrEnum):
    IDLE = "idle"
    RUNNING = "running"
    PAUSED = "paused"
    EXPIRED = "expired"


class QuestionTimer:
    """A countdown for one question that reads an injected clock; nothing ticks by itself."""

    def __init__(self, seconds: float, clock: Seconds) -> None:
        self.seconds = float(seconds)
        self._clock = clock
        self._spent = 0.0  # seconds run before the current run started
        self._started_at: float | None = None  # clock time of the current run, if running

    @property
    def elapsed(self) -> float:
        running = 0.0 if self._started_at is None else self._clock() - self._started_at
        return min(self.seconds, self._spent + max(running, 0.0))

    @property
    def remaining(self) -> float:
        return max(0.0, self.seconds - self.elapsed)

    @property
    def state(self) -> TimerState:
        if self.elapsed >= self.seconds:
            return TimerState.EXPIRED
        if self._started_at is not None:
            return TimerState.RUNNING
        return TimerState.PAUSED if self._spent > 0 else TimerState.IDLE

    @property
    def started(self) -> bool:
        return self._started_at is not None or self._spent > 0

    def start(self) -> None:
        """Start or resume; does nothing if running or expired."""
        if self.state in (TimerState.IDLE, TimerState.PAUSED):
            self._started_at = self._clock()

    def pause(self) -> None:
        if self._started_at is not None:
            self._spent = self.elapsed
            self._started_at = None

    def toggle(self) -> None:
        if self._started_at is not None:
            self.pause()
        else:
            self.start()
