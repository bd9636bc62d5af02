"""How many articles per year, month or day: the date histogram of a result list.

Periods run without gaps from the first to the last dated article (an empty month shows
as 0); articles without a date are counted apart.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field

TIMELINE_STEPS = ("year", "month", "day")
_CUT = {"year": 4, "month": 7, "day": 10}


@dataclass(slots=True)
class Timeline:
    """Article counts per period, oldest first, and the undated count."""

    by: str
    periods: list[tuple[str, int]] = field(default_factory=list)
    undated: int = 0

    def to_dict(self) -> dict[str, object]:
        """JSON-ready: ``{"by", "periods": [{"period", "count"}], "undated"}``."""
        return {
            "by": self.by,
            "periods": [{"period": p, "count": n} for p, n in self.periods],
            "undated": self.undated,
        }


def _next(period: str, by: str) -> str:
    if by == "year":
        return str(int(period) + 1)
    if by == "month":
        year, month = int(period[:4]), int(period[5:7])
        return f"{year + month // 12}-{month % 12 + 1:02d}"
    return (dt.date.fromisoformat(period) + dt.timedelta(days=1)).isoformat()


def date_histogram(dates: Iterable[str], by: str = "month") -> Timeline:
    """The histogram of ``dates`` (``YYYY-MM-DD`` or empty) by ``year``, ``month`` or ``day``."""
    if by not in _CUT:
        raise ValueError(f"timeline by {by!r}: use year, month or day")
    counts: Counter[str] = Counter()
    undated = 0
    for date in dates:
        if len(date or "") >= 10:
            counts[date[: _CUT[by]]] += 1
        else:
            undated += 1
    result = Timeline(by, undated=undated)
    if counts:
        period, last = min(counts), max(counts)
        while period <= last:
            result.periods.append((period, counts.get(period, 0)))
            period = _next(period, by)
    return result
