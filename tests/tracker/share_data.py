"""The records the share-link tests look at: a patient in Paris with a course of doses and a
check-in, another course of theirs, and words that must (or must never) reach a shared page."""

from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import time_machine

from drugs.models import Drug, DrugFact
from tests.factories import (
    CoMedicationFactory,
    CourseFactory,
    DoseFactory,
    DrugFactory,
    UserFactory,
)
from tracker.models import CheckIn, Course, CourseStatus
from tracker.services.sharing import NewShareLink, share_link_create

PARIS = ZoneInfo("Europe/Paris")
NOW = datetime(2026, 6, 4, 12, 0, tzinfo=PARIS)
DOSE_NOTE = "with breakfast, dose-note-marker"
CHECKIN_NOTE = "checkin-note-marker"
# Odd minutes, so a dose's time cannot be mistaken for another figure on the page.
DOSE_TIMES = [(1, 8, 13), (1, 14, 27), (2, 9, 41), (3, 7, 59)]
OTHER_COURSE_WORDS = ["Dr Elsewhere", "other-course-reason", "other-course-dose-note"]


def make_patient():
    return UserFactory(
        username="pwhittaker",
        first_name="Penelope",
        last_name="Whittaker",
        time_zone="Europe/Paris",
    )


def make_course(patient) -> Course:
    """The shared course, with four doses (one noted), a check-in and a co-medication."""
    course = CourseFactory(owner=patient, start_date=date(2026, 6, 1), prescriber="Dr Visible")
    for day, hour, minute in DOSE_TIMES:
        DoseFactory(
            course=course,
            taken_at=datetime(2026, 6, day, hour, minute, tzinfo=PARIS),
            note=DOSE_NOTE if day == 1 and hour == 8 else "",
        )
    checkin = CheckIn.objects.create(
        owner=patient,
        course=course,
        severity="mild",
        note=CHECKIN_NOTE,
        recorded_at=datetime(2026, 6, 2, 20, 5, tzinfo=PARIS),
    )
    checkin.symptoms.set(DrugFact.objects.filter(drug=course.drug, kind="side_effect")[:1])
    CoMedicationFactory(owner=patient, name="Ibuprofen", start_date=date(2026, 5, 30))
    return course


def make_other_course(patient) -> Course:
    """Another course of the same patient, ended before the shared one, and a co-medication
    taken only then: nothing of them belongs on the shared page."""
    course = CourseFactory(
        owner=patient,
        drug=DrugFactory(generic_name="otherdrugzed"),
        start_date=date(2026, 3, 1),
        status=CourseStatus.FINISHED,
        end_date=date(2026, 3, 10),
        prescriber=OTHER_COURSE_WORDS[0],
        reason=OTHER_COURSE_WORDS[1],
    )
    DoseFactory(
        course=course,
        taken_at=datetime(2026, 3, 2, 10, 17, tzinfo=PARIS),
        note=OTHER_COURSE_WORDS[2],
    )
    CoMedicationFactory(
        owner=patient,
        name="Melatoninzed",
        start_date=date(2026, 3, 1),
        stop_date=date(2026, 3, 5),
    )
    return course


def make_interacting_course(patient) -> Course:
    """Another active course of the same patient, of a drug that interacts with carisoprodol
    (an opioid), taken at the same time as the shared one."""
    return CourseFactory(
        owner=patient,
        drug=Drug.objects.get(slug="oxycodone"),
        start_date=date(2026, 6, 2),
        mg_per_intake=5,
        intakes_per_day=4,
    )


def share(course, *, scope="summary", days=7, name="", at=NOW) -> NewShareLink:
    with time_machine.travel(at, tick=False):
        return share_link_create(
            course=course, scope=scope, expires_in_days=days, display_name=name
        )


def later(**kwargs) -> datetime:
    return NOW + timedelta(**kwargs)
