"""Walk an export file and turn it into unsaved rows of the importing account, then save them.

Each record's shape is checked (tracker/imports/shape.py), then its values by its import form
(tracker/imports/forms.py). Rows are built field by field from the forms' cleaned data: no key
of the file reaches a model, no id in the file is used, and owner, course and plan are only
ever the importing account and the rows built here.
"""

import zoneinfo
from dataclasses import dataclass, field

from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db import transaction
from django.utils import timezone

from drugs.models import Drug, DrugFact
from tracker.facts import any_urgent
from tracker.forms.checkins import CheckInForm
from tracker.forms.tapers import STEP_ROWS
from tracker.imports import shape
from tracker.imports.forms import (
    CheckInImportForm,
    CoMedicationImportForm,
    CourseImportForm,
    DoseImportForm,
    NotificationsImportForm,
    ProfileImportForm,
    TaperPlanImportForm,
    TaperStepImportForm,
)
from tracker.imports.reading import shown
from tracker.models import (
    CheckIn,
    CoMedication,
    Course,
    CourseStatus,
    Dose,
    NotificationSettings,
    Profile,
    TaperPlan,
    TaperStep,
)
from tracker.rules.taper import Step, plan_errors, plan_window_errors
from tracker.services.dose_days import rebuild_dose_days

# Enough to fix a file by hand; more would bury the first ones.
MAX_MESSAGES = 10


@dataclass
class CourseRows:
    course: Course
    doses: list[Dose] = field(default_factory=list)
    plan: TaperPlan | None = None
    steps: list[TaperStep] = field(default_factory=list)
    checkins: list[tuple[CheckIn, list[DrugFact]]] = field(default_factory=list)


@dataclass
class ImportRows:
    profile: dict
    courses: list[CourseRows]
    comedications: list[CoMedication]
    notifications: dict | None = None  # None: the file has none, the account's stay


class Problems:
    """The messages collected while walking a file, each starting with its record's name."""

    def __init__(self):
        self.messages: list[str] = []

    @property
    def enough(self) -> bool:
        return len(self.messages) >= MAX_MESSAGES

    def form(self, where: str, form) -> dict | None:
        """Return the form's cleaned data, or None once its errors are noted."""
        if form.is_valid():
            return form.cleaned_data
        for name, errors in form.errors.items():
            place = where if name == NON_FIELD_ERRORS else f"{where}, {name}"
            self.messages.extend(f"{place}: {message}" for message in errors)
        return None

    def guard(self, build, *args):
        """Return what build makes of a record, or None once the shape problem it raised is
        noted (its messages already name the record)."""
        try:
            return build(*args)
        except ValidationError as error:
            self.messages.extend(error.messages)
            return None


def rows_from_export(owner, data) -> ImportRows:
    """Return the rows an export makes for the owner, writing nothing; or raise ValidationError
    listing what is wrong, each message naming the record."""
    top = shape.fields_of(data, shape.FILE, "The file")
    shape.fields_of(top["account"], shape.ACCOUNT, "Account")
    for number, device in enumerate(top["devices"], start=1):
        shape.fields_of(device, shape.DEVICE, f"Device {number}")
    problems = Problems()
    profile = _profile(owner, shape.fields_of(top["profile"], shape.PROFILE, "Profile"), problems)
    notifications = _notifications(owner, top["notifications"], problems)
    if profile is None or problems.messages:
        raise ValidationError(problems.messages)
    walker = _Walker(
        owner=owner,
        drugs={d.slug: d for d in Drug.objects.all()},
        course_drugs={d.slug: d for d in Drug.objects.with_course_limits()},
        symptoms=_symptoms(),
        problems=problems,
    )
    # Dates and times are checked as the user saw them when they entered them: in their zone.
    with timezone.override(zoneinfo.ZoneInfo(profile["time_zone"])):
        courses = walker.courses(top["courses"])
        comedications = walker.comedications(top["comedications"])
    if problems.messages:
        raise ValidationError(problems.messages[:MAX_MESSAGES])
    return ImportRows(
        profile=profile,
        courses=courses,
        comedications=comedications,
        notifications=notifications,
    )


def _profile(owner, values: dict, problems: Problems) -> dict | None:
    form = ProfileImportForm(
        values, instance=Profile.objects.select_related("user").get(user=owner)
    )
    cleaned = problems.form("Profile", form)
    if cleaned is None:
        return None
    return {k: cleaned[k] for k in ("time_zone", "dose_times", "email_reminders")}


def _notifications(owner, record, problems: Problems) -> dict | None:
    if record is None:
        return None
    values = shape.fields_of(record, shape.NOTIFICATIONS, "Notifications")
    chosen = NotificationSettings.objects.filter(user=owner).first()
    form = NotificationsImportForm(values, instance=chosen or NotificationSettings(user=owner))
    cleaned = problems.form("Notifications", form)
    if cleaned is None:
        return None
    return {k: cleaned[k] for k in ("quiet_start", "quiet_end", "missed_after_minutes")}


def _symptoms() -> dict[tuple[str, str, str], DrugFact]:
    """Return the facts a check-in may name, by the [drug slug, kind, text] an export uses."""
    facts = DrugFact.objects.filter(kind__in=CheckInForm.KINDS).select_related("drug")
    return {(f.drug.slug, f.kind, f.text): f for f in facts.order_by("-id")}


@dataclass
class _Walker:
    owner: object
    drugs: dict[str, Drug]
    course_drugs: dict[str, Drug]
    symptoms: dict[tuple[str, str, str], DrugFact]
    problems: Problems

    def courses(self, records: list) -> list[CourseRows]:
        built, active_drugs = [], set()
        for number, record in enumerate(records, start=1):
            if self.problems.enough:
                break
            where = f"Course {number}"
            rows = self.problems.guard(self.course, record, where)
            if rows is None:
                continue
            if rows.course.status == CourseStatus.ACTIVE:
                if rows.course.drug.pk in active_drugs:
                    self.problems.messages.append(
                        f"{where}: the file has two active courses of {rows.course.drug}."
                    )
                active_drugs.add(rows.course.drug.pk)
            built.append(rows)
        return built

    def comedications(self, records: list) -> list[CoMedication]:
        built = []
        for number, record in enumerate(records, start=1):
            if self.problems.enough:
                break
            comed = self.problems.guard(self.comedication, record, f"Co-medication {number}")
            if comed is not None:
                built.append(comed)
        return built

    def course(self, record, where: str) -> CourseRows | None:
        values = shape.fields_of(record, shape.COURSE, where)
        c = self.problems.form(where, CourseImportForm(values, drugs=self.course_drugs))
        if c is None:
            return None  # its doses, plan and check-ins cannot be checked against it
        rows = CourseRows(
            Course(
                owner=self.owner,
                drug=c["drug"],
                dose_schedule=c["dose_schedule"],
                start_date=c["start_date"],
                mg_per_intake=c["mg_per_intake"],
                intakes_per_day=c["intakes_per_day"],
                prescriber=c["prescriber"],
                reason=c["reason"],
                tablets_dispensed=c["tablets_dispensed"],
                tablet_mg=c["tablet_mg"],
                status=c["status"],
                end_date=c["end_date"],
                notes=c["notes"],
                safety_checklist_shown_at=c["safety_checklist_shown_at"],
                safety_items_confirmed=c["safety_items_confirmed"],
                prescription_warnings=c["prescription_warnings"],
                prescription_confirmed_at=c["prescription_confirmed_at"],
                planned_days=c["planned_days"],
                created_at=c["created_at"],
            )
        )
        for number, dose in enumerate(values["doses"], start=1):
            if self.problems.enough:
                break
            self.problems.guard(self.dose, dose, rows, f"{where}, dose {number}")
        if values["taper_plan"] is not None:
            self.problems.guard(self.taper_plan, values["taper_plan"], rows, where)
        for number, checkin in enumerate(values["checkins"], start=1):
            if self.problems.enough:
                break
            self.problems.guard(self.checkin, checkin, rows, f"{where}, check-in {number}")
        return rows

    def dose(self, record, rows: CourseRows, where: str) -> None:
        values = shape.fields_of(record, shape.DOSE, where)
        d = self.problems.form(where, DoseImportForm(values, course=rows.course))
        if d is not None:
            rows.doses.append(
                Dose(
                    course=rows.course,
                    taken_at=d["taken_at"],
                    amount_mg=d["amount_mg"],
                    note=d["note"],
                    created_at=d["created_at"],
                    edited_at=d["edited_at"],
                )
            )

    def taper_plan(self, record, rows: CourseRows, course_where: str) -> None:
        where = f"{course_where}, taper plan"
        values = shape.fields_of(record, shape.TAPER_PLAN, where)
        p = self.problems.form(where, TaperPlanImportForm(values))
        if len(values["steps"]) > STEP_ROWS:
            raise ValidationError(f"{where}: a plan has at most {STEP_ROWS} steps.")
        steps = []
        for number, step in enumerate(values["steps"], start=1):
            step_where = f"{course_where}, taper step {number}"
            s = self.problems.form(
                step_where,
                TaperStepImportForm(shape.fields_of(step, shape.TAPER_STEP, step_where)),
            )
            if s is not None:
                steps.append(
                    Step(s["start_date"], s["mg_per_intake"], s["intakes_per_day"], s["every_days"])
                )
        if p is None or len(steps) != len(values["steps"]):
            return
        course = rows.course
        errors = plan_errors(steps, course.daily_mg) + plan_window_errors(
            steps, course_start=course.start_date, today=timezone.localdate()
        )
        if errors:
            raise ValidationError([f"{where}: {message}" for message in errors])
        rows.plan = TaperPlan(course=course, from_suggestion=p["from_suggestion"])
        rows.steps = [
            TaperStep(
                plan=rows.plan,
                start_date=s.start_date,
                mg_per_intake=s.mg_per_intake,
                intakes_per_day=s.intakes_per_day,
                every_days=s.every_days,
            )
            for s in steps
        ]

    def checkin(self, record, rows: CourseRows, where: str) -> None:
        values = shape.fields_of(record, shape.CHECKIN, where)
        drug = rows.course.drug
        facts = []
        for number, triple in enumerate(values["symptoms"], start=1):
            fact = self.symptoms.get(tuple(triple)) if len(triple) == 3 else None
            if fact is None or fact.drug_id != drug.pk:
                text = shown(triple[-1]) if triple else ""
                raise ValidationError(
                    f"{where}: symptom {number} (“{text}”) is not one of the symptoms this "
                    f"install lists for {drug}."
                )
            facts.append(fact)
        form = CheckInImportForm(values, drug=drug, symptom_ids=[f.pk for f in facts])
        c = self.problems.form(where, form)
        if c is not None:
            checkin = CheckIn(
                owner=self.owner,
                course=rows.course,
                recorded_at=c["recorded_at"],
                severity=c["severity"],
                note=c["note"],
                urgent=any_urgent(c["symptoms"]),
            )
            rows.checkins.append((checkin, list(c["symptoms"])))

    def comedication(self, record, where: str) -> CoMedication | None:
        values = shape.fields_of(record, shape.COMEDICATION, where)
        c = self.problems.form(where, CoMedicationImportForm(values, drugs=self.drugs))
        if c is None:
            return None
        return CoMedication(
            owner=self.owner,
            name=c["name"],
            dose=c["dose"],
            frequency=c["frequency"],
            start_date=c["start_date"],
            stop_date=c["stop_date"],
            note=c["note"],
            created_at=c["created_at"],
            edited_at=c["edited_at"],
        )


@transaction.atomic
def rows_save(*, owner, rows: ImportRows) -> None:
    """Write the rows for their owner: all of them or, on any error, none."""
    profile = Profile.objects.get(user=owner)
    for name, value in rows.profile.items():
        setattr(profile, name, value)
    profile.save()
    if rows.notifications is not None:
        NotificationSettings.objects.update_or_create(user=owner, defaults=rows.notifications)
    for course_rows in rows.courses:
        course_rows.course.save()
        Dose.objects.bulk_create(course_rows.doses)
        if course_rows.plan is not None:
            course_rows.plan.save()
            TaperStep.objects.bulk_create(course_rows.steps)
        for checkin, symptoms in course_rows.checkins:
            checkin.save()
            checkin.symptoms.set(symptoms)
    for comed in rows.comedications:
        comed.save()
    # The doses were written in bulk, and the time zone may have come with them.
    rebuild_dose_days(user_id=owner.pk, zone_name=profile.time_zone)
