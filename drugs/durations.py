"""Durations in the words people use: "15 minutes", "4 hours", "1 hour 30 minutes"."""

from datetime import timedelta

_DAY_MINUTES = 24 * 60


def _count(number: int, unit: str) -> str:
    return f"{number} {unit}{'' if number == 1 else 's'}"


def spoken_duration(value: timedelta) -> str:
    """Return the duration as words: seconds under a minute, then whole minutes, hours and
    (from 48 hours on, where people stop counting hours) days.

    A part of a minute is dropped, never rounded up: a dose 3 hours 59 minutes 50 seconds after
    the previous one must not read as 4 hours beside a 4-hour minimum.
    """
    seconds = int(value.total_seconds())
    if seconds < 0:
        raise ValueError("A duration to put in words cannot be negative.")
    if seconds < 60:
        return _count(seconds, "second")
    minutes = seconds // 60
    days, minutes = divmod(minutes, _DAY_MINUTES) if minutes >= 2 * _DAY_MINUTES else (0, minutes)
    hours, minutes = divmod(minutes, 60)
    parts = [
        _count(number, unit)
        for number, unit in ((days, "day"), (hours, "hour"), (minutes, "minute"))
        if number
    ]
    return " ".join(parts)
