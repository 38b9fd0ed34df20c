"""Virtual time: integer microseconds since 1970-01-01 (naive, no time zone).

Integers keep the clock exact (0.5 s steps never drift) and comparisons cheap.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta

US = 1_000_000
_EPOCH = datetime(1970, 1, 1)


def to_us(value: "str | datetime", what: str = "time") -> int:
    """Turn an ISO 8601 string or a naive datetime into virtual microseconds."""
    if isinstance(value, str):
        try:
            value = datetime.fromisoformat(value.strip())
        except ValueError:
            raise ValueError(f"{what}: not an ISO 8601 date-time: {value!r}") from None
    if isinstance(value, datetime):
        if value.tzinfo is not None:
            raise ValueError(f"{what}: must be a local date-time without a UTC offset, got {value.isoformat()}")
        delta = value - _EPOCH
        return (delta.days * 86400 + delta.seconds) * US + delta.microseconds
    if isinstance(value, date):
        raise ValueError(f"{what}: a date-time is needed, got the date {value.isoformat()}")
    raise TypeError(f"{what}: expected an ISO 8601 string or a datetime, got {type(value).__name__}")


def seconds_to_us(seconds: float, what: str = "seconds") -> int:
    """Durations are given in (possibly fractional) seconds."""
    if isinstance(seconds, bool) or not isinstance(seconds, (int, float)):
        raise TypeError(f"{what}: expected a number of seconds, got {type(seconds).__name__}")
    if seconds != seconds or seconds in (float("inf"), float("-inf")):
        raise ValueError(f"{what}: must be a finite number, got {seconds}")
    return round(seconds * US)


def window_us(start: "str | datetime", end: "str | datetime", every: float) -> tuple[int, int, int]:
    """A window of arrivals (hits, dialogs) from ``start`` (included) to ``end``
    (excluded), one every ``every`` seconds: (start, end, step) in microseconds."""
    s, e, step = to_us(start, "from"), to_us(end, "to"), seconds_to_us(every, "every")
    if step <= 0:
        raise ValueError(f"every must be > 0, got {every!r}")
    if e < s:
        raise ValueError("the end of a window (to) must not be before its start (from)")
    return s, e, step


def to_datetime(us: int) -> datetime:
    return _EPOCH + timedelta(microseconds=us)


_ISO: dict[int, str] = {}


def iso(us: int) -> str:
    """ISO 8601 to the second (truncated), as the reports print times.

    Remembered per second: a report writes the same few instants (a hit and the
    runs it started) over and over, and this is its hottest function."""
    second = us // US
    text = _ISO.get(second)
    if text is None:
        if len(_ISO) >= 200_000:  # bounded: a long simulation must not grow it forever
            _ISO.clear()
        text = _ISO[second] = (_EPOCH + timedelta(seconds=second)).isoformat()
    return text



def log_line(us: int, start_us: int, text: str) -> str:
    """A log line: the time (HH:MM), with the date (YYYY-MM-DD HH:MM) after the first day."""
    when = to_datetime(us)
    same_day = us // (86400 * US) == start_us // (86400 * US)
    return f"{when:%H:%M} {text}" if same_day else f"{when:%Y-%m-%d %H:%M} {text}"
