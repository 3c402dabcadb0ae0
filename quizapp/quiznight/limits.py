"""What one phone may send to the players' server: sizes, rates, counts (and the token buckets
that hold a client to its rate, on an injected clock)."""

from __future__ import annotations

from dataclasses import dataclass

from quizapp.quiznight.timer import Seconds


@dataclass(frozen=True)
class Limits:
    """What one client may send. The defaults suit a room of phones on one network."""

    max_body: int = 2048
    """Bytes in one request body (a join or an answer is a few dozen)."""
    rate: float = 5.0
    """Requests per second a client may keep up (page loads, state, answers)."""
    burst: int = 20
    """Requests a client may send at once before the rate applies."""
    joins_per_address: int = 20
    """Players one address may create (a reload keeps its player and needs no new one)."""
    max_sockets: int = 1000
    """Live-update connections in all."""


class TokenBuckets:
    """Requests per second per client key: a token bucket each, on an injected clock."""

    def __init__(self, rate: float, burst: int, clock: Seconds) -> None:
        self._rate = rate
        self._burst = float(burst)
        self._clock = clock
        self._buckets: dict[str, tuple[float, float]] = {}  # key -> (tokens, last time)

    def allow(self, key: str) -> bool:
        now = self._clock()
        tokens, last = self._buckets.get(key, (self._burst, now))
        tokens = min(self._burst, tokens + (now - last) * self._rate)
        if len(self._buckets) > 10_000:  # a flood of addresses: forget the full buckets
            self._buckets = {k: v for k, v in self._buckets.items() if v[0] < self._burst}
        if tokens < 1:
            self._buckets[key] = (tokens, now)
            return False
        self._buckets[key] = (tokens - 1, now)
        return True
