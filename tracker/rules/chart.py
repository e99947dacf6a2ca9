"""Daily totals across a course as bars for a small server-rendered SVG chart: a bar per day,
a labelled date axis, and the daily maximum as a labelled line."""

from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal

WIDTH, HEIGHT = 600, 190
LEFT, RIGHT, TOP, BOTTOM = 20, 20, 22, 34  # room for the limit's label above, the dates below
MAX_TICKS = 8  # date labels that still fit side by side when the chart is phone-wide


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
class Tick:
    """A labelled day on the date axis, centred under its bar."""

    day: date
    course_day: int
    x: float


@dataclass(frozen=True)
class Chart:
    bars: list[Bar]
    limit_y: float | None
    max_daily_mg: Decimal | None
    ticks: list[Tick]
    width: int = WIDTH
    height: int = HEIGHT

    @property
    def first_day(self) -> date:
        return self.bars[0].day

    @property
    def last_day(self) -> date:
        return self.bars[-1].day

    @property
    def baseline_y(self) -> float:
        return HEIGHT - BOTTOM

    @property
    def axis_label_y(self) -> float:
        return HEIGHT - BOTTOM + 16

    @property
    def left(self) -> int:
        return LEFT

    @property
    def right(self) -> int:
        return WIDTH - RIGHT

    @property
    def any_over(self) -> bool:
        return any(bar.over for bar in self.bars)


def tick_every(days: int) -> int:
    """Return how many days apart the date labels are: every day up to MAX_TICKS days, then
    a round step (2, 7, 14 …) that keeps them at most MAX_TICKS."""
    if days <= MAX_TICKS:
        return 1
    for step in (2, 3, 7, 14):
        if days <= step * MAX_TICKS:
            return step
    return -(-days // MAX_TICKS // 7) * 7  # whole weeks


def daily_chart(
    totals: dict[date, Decimal], start: date, last_day: date, max_daily_mg: Decimal | None
) -> Chart:
    """Return one bar per course day from start to last_day, scaled to fit with the limit line,
    and the days labelled on the date axis (the first, then every tick_every days)."""
    days = max((last_day - start).days + 1, 1)
    top = max([*totals.values(), max_daily_mg or Decimal(0), Decimal(1)])
    baseline = HEIGHT - BOTTOM
    scale = (baseline - TOP) / float(top)
    slot = (WIDTH - LEFT - RIGHT) / days
    step = tick_every(days)
    bars, ticks = [], []
    for index in range(days):
        day = start + timedelta(days=index)
        total = totals.get(day, Decimal(0))
        height = float(total) * scale
        bars.append(
            Bar(
                day=day,
                course_day=index + 1,
                total_mg=total,
                x=LEFT + index * slot + slot * 0.1,
                y=baseline - height,
                width=slot * 0.8,
                height=height,
                over=max_daily_mg is not None and total > max_daily_mg,
            )
        )
        if index % step == 0:
            ticks.append(Tick(day=day, course_day=index + 1, x=LEFT + (index + 0.5) * slot))
    limit_y = baseline - float(max_daily_mg) * scale if max_daily_mg is not None else None
    return Chart(bars=bars, limit_y=limit_y, max_daily_mg=max_daily_mg, ticks=ticks)
