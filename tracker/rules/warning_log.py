"""Every warning a course raised and when: replayed from its doses and the drug's limits."""

from bisect import bisect_left
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta, tzinfo

from tracker.rules.course_day import course_day_findings
from tracker.rules.doses import dose_findings, lookback
from tracker.rules.findings import CourseFacts, DoseFact, Finding, Level, Limits


@dataclass(frozen=True)
class LoggedWarning:
    when: datetime
    finding: Finding


def warning_log(
    course: CourseFacts, doses: list[DoseFact], zone: tzinfo, limits: Limits, last_day: date
) -> list[LoggedWarning]:
    """Return the course-day milestones reached and each dose's findings, oldest first."""
    log = []
    for day in (limits.caution_day, limits.limit_day, limits.hard_limit_day):
        if day is None:
            continue
        milestone = day + 1 if day == limits.hard_limit_day else day
        on = course.start_date + timedelta(days=milestone - 1)
        if on <= last_day:
            findings = [f for f in course_day_findings(milestone, limits) if f.level > Level.INFO]
            when = datetime.combine(on, time.min, tzinfo=zone)
            log += [LoggedWarning(when, f) for f in findings]
    ordered = sorted(doses, key=lambda d: d.taken_at)
    times, reach = [d.taken_at for d in ordered], lookback(limits)
    for index, dose in enumerate(ordered):
        # Against the doses of its lookback only, as when it was logged: checking every earlier
        # dose made a long course's summary and shared page grow with the square of its doses.
        since = bisect_left(times, dose.taken_at - reach, hi=index)
        found = dose_findings(
            dose,
            ordered[since:index],
            zone,
            limits,
            course.intakes_per_day,
            as_needed=course.as_needed,
        )
        for finding in found:
            log.append(LoggedWarning(dose.taken_at.astimezone(zone), finding))
    return sorted(log, key=lambda w: w.when)
