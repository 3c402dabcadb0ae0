"""Time for the study services: an injectable clock and the learner's study day.

A study day starts at a set local hour (4 am by default, as in Anki), so a session that runs
past midnight still counts as the same day. Everything the bank stores is aware UTC; the local
zone only decides where the day boundaries fall. Tests inject both the clock and the zone.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from datetime import UTC, date, datetime, time, timedelta, tzinfo
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from question_bank.store.schema import utcnow

Clock = Callable[[], datetime]

__all__ = ["Clock", "StudyDay", "local_zone", "utcnow"]


def local_zone() -> tzinfo:
    """The machine's local time zone (what the learner's wall clock shows).

    A named zone (TZ, else /etc/localtime) keeps day boundaries right across daylight-saving
    changes; a fixed offset from the C library is the last resort.
    """
    name = os.environ.get("TZ", "").lstrip(":")
    if name:
        try:
            return ZoneInfo(name)
        except (ZoneInfoNotFoundError, ValueError):
            pass
    try:
        with open("/etc/localtime", "rb") as file:
            return ZoneInfo.from_file(file)
    except (OSError, ValueError):
        pass
    zone = datetime.now().astimezone().tzinfo
    return zone if zone is not None else UTC


class StudyDay:
    """Day boundaries for a learner: which study day a moment belongs to, and when it starts."""

    def __init__(self, starts_at_hour: int = 4, zone: tzinfo | None = None) -> None:
        self.starts_at_hour = starts_at_hour
        self.zone = zone if zone is not None else local_zone()

    def day_of(self, moment: datetime) -> date:
        """The study day `moment` falls in: before the start hour, it is still yesterday."""
        local = moment.astimezone(self.zone)
        return (local - timedelta(hours=self.starts_at_hour)).date()

    def start_of(self, day: date) -> datetime:
        """When study day `day` starts, as aware UTC."""
        local = datetime.combine(day, time(hour=self.starts_at_hour), tzinfo=self.zone)
        return local.astimezone(UTC)

    def start(self, moment: datetime) -> datetime:
        """Start (aware UTC) of the study day containing `moment`."""
        return self.start_of(self.day_of(moment))

    def next_start(self, moment: datetime) -> datetime:
        """Start (aware UTC) of the study day after the one containing `moment`."""
        return self.start_of(self.day_of(moment) + timedelta(days=1))
