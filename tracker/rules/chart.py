"""Daily totals across a course as bars for a small server-rendered SVG chart."""

from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal

WIDTH, HEIGHT, PAD = 600, 160, 20


@dataclass(frozen=True)
class Bar:
    day: date
    course_day: int
    total_mg: Decimal
    x: float
    y: float
    width: float
    height: float
    over: bool


@dataclass(frozen=True)
class Chart:
    bars: list[Bar]
    limit_y: float | None
    max_daily_mg: Decimal | None
    width: int = WIDTH
    height: int = HEIGHT


def daily_chart(
    totals: dict[date, Decimal], start: date, last_day: date, max_daily_mg: Decimal | None
) -> Chart:
    """Return one bar per course day from start to last_day, scaled to fit with the limit line."""
    days = max((last_day - start).days + 1, 1)
    top = max([*totals.values(), max_daily_mg or Decimal(0), Decimal(1)])
    scale = (HEIGHT - 2 * PAD) / float(top)
    slot = (WIDTH - 2 * PAD) / days
    bars = []
    for index in range(days):
        day = start + timedelta(days=index)
        total = totals.get(day, Decimal(0))
        height = float(total) * scale
        bars.append(
            Bar(
                day=day,
                course_day=index + 1,
                total_mg=total,
                x=PAD + index * slot + slot * 0.1,
                y=HEIGHT - PAD - height,
                width=slot * 0.8,
                height=height,
                over=max_daily_mg is not None and total > max_daily_mg,
            )
        )
    limit_y = HEIGHT - PAD - float(max_daily_mg) * scale if max_daily_mg is not None else None
    return Chart(bars=bars, limit_y=limit_y, max_daily_mg=max_daily_mg)
