"""Build the benchmark's dataset with bulk inserts: large reference data, many users, one heavy."""

import random
import uuid
from datetime import UTC, datetime, time, timedelta
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password

from drugs.models import Drug, DrugAlias, DrugClass, DrugFact, Interaction, Source
from drugs.pairs import pair_key, side_key
from tracker.models import (
    CheckIn,
    CoMedication,
    Course,
    Dose,
    Profile,
    TaperPlan,
    TaperStep,
)

PASSWORD = "bench-password-not-secret"
BATCH = 5000
# A zone without clock changes: the write path draws local times, none of them a skipped hour.
BENCH_ZONE = "Australia/Brisbane"


def reference_data(rng: random.Random, drugs=5000, classes=200, rules=200_000) -> None:
    """Add synthetic drugs (3 aliases each), classes and interaction rules beside the seed."""
    source, _ = Source.objects.get_or_create(key="BENCH-SYNTHETIC", defaults={"title": "Synthetic"})
    DrugClass.objects.bulk_create(
        DrugClass(name=f"Bench class {i}", slug=f"bench-class-{i}", source=source)
        for i in range(classes)
    )
    Drug.objects.bulk_create(
        (Drug(generic_name=f"benchdrug{i:05d}", slug=f"benchdrug{i:05d}") for i in range(drugs)),
        batch_size=BATCH,
    )
    drug_ids = list(Drug.objects.filter(slug__startswith="benchdrug").values_list("id", flat=True))
    class_ids = list(
        DrugClass.objects.filter(slug__startswith="bench-class").values_list("id", flat=True)
    )
    DrugAlias.objects.bulk_create(
        (DrugAlias(drug_id=d, name=f"Benchbrand {d}-{k}") for d in drug_ids for k in range(3)),
        batch_size=BATCH,
    )
    Through = Drug.classes.through
    Through.objects.bulk_create(
        (Through(drug_id=d, drugclass_id=c) for d in drug_ids for c in rng.sample(class_ids, 2)),
        batch_size=BATCH,
    )
    seen: set[str] = set()
    rows = []
    while len(rows) < rules:
        kind = rng.random()
        if kind < 0.8:
            a, b = {"drug_a_id": rng.choice(drug_ids)}, {"drug_b_id": rng.choice(drug_ids)}
        elif kind < 0.97:
            a, b = {"drug_a_id": rng.choice(drug_ids)}, {"class_b_id": rng.choice(class_ids)}
        else:
            a, b = {"class_a_id": rng.choice(class_ids)}, {"class_b_id": rng.choice(class_ids)}
        key = pair_key(
            side_key(a.get("drug_a_id"), a.get("class_a_id")),
            side_key(b.get("drug_b_id"), b.get("class_b_id")),
        )
        if key in seen or key.split("|")[0] == key.split("|")[1]:
            continue
        seen.add(key)
        rows.append(
            Interaction(
                **a,
                **b,
                pair=key,
                severity=rng.choice(["major", "moderate", "minor"]),
                effect="Synthetic effect.",
                advice="Synthetic advice.",
                source=source,
            )
        )
    Interaction.objects.bulk_create(rows, batch_size=BATCH)


def users(count: int) -> list:
    """Create users with profiles; all share one precomputed password hash."""
    User = get_user_model()
    hashed = make_password(PASSWORD)
    User.objects.bulk_create(
        (
            User(username=f"bench{i:04d}", password=hashed, email=f"b{i}@example.org")
            for i in range(count)
        ),
        batch_size=BATCH,
    )
    created = list(User.objects.filter(username__startswith="bench").order_by("id"))
    # A zone in a country, as a patient's is: the pages then read that country's emergency
    # numbers, as they do for a patient (a zone like UTC names no country and skips it). Their
    # day totals are kept in that zone from the start, as a signed-up account's are.
    Profile.objects.bulk_create(
        Profile(user=u, time_zone=BENCH_ZONE, dose_days_zone=BENCH_ZONE) for u in created
    )
    return created


def keep_dose_days(user_ids) -> None:
    """Keep the per-day dose totals of doses written in bulk, as the dose writes keep them."""
    from tracker.services.dose_days import rebuild_dose_days

    for user_id in user_ids:
        rebuild_dose_days(user_id=user_id, zone_name=BENCH_ZONE)


def _doses(course: Course, first_day, days: int, per_day: int, now: datetime):
    for day in range(days):
        for slot in range(per_day):
            moment = datetime.combine(first_day + timedelta(days=day), time(7 + 4 * slot), UTC)
            if moment < now:
                yield Dose(
                    course=course,
                    taken_at=moment,
                    amount_mg=Decimal("350"),
                    form_token=uuid.uuid4(),
                )


def everyday_users(people: list, caris: Drug, now: datetime) -> None:
    """Give each ordinary user one active course with a few days of doses."""
    today = now.date()
    Course.objects.bulk_create(
        Course(
            owner=u,
            drug=caris,
            start_date=today - timedelta(days=5),
            mg_per_intake=350,
            intakes_per_day=4,
        )
        for u in people
    )
    courses = Course.objects.filter(owner__in=people)
    Dose.objects.bulk_create(
        (d for c in courses for d in _doses(c, c.start_date, 5, 4, now)), batch_size=BATCH
    )
    keep_dose_days(u.pk for u in people)


def heavy_user(user, caris: Drug, rng: random.Random, now: datetime, *, doses=5000) -> None:
    """Three years of courses with taper plans, 5,000 doses, 40 co-medications (15 active) and
    300 check-ins; the last course is active."""
    today = now.date()
    count, spacing, length = 50, 22, 25
    first = today - timedelta(days=spacing * (count - 1) + 10)
    courses = []
    for index in range(count):
        start = first + timedelta(days=spacing * index)
        active = index == count - 1
        courses.append(
            Course(
                owner=user,
                drug=caris,
                start_date=start,
                mg_per_intake=350,
                intakes_per_day=4,
                status="active" if active else "finished",
                end_date=None if active else start + timedelta(days=length - 1),
                tablets_dispensed=100,
            )
        )
    Course.objects.bulk_create(courses)
    courses = list(Course.objects.filter(owner=user).order_by("start_date"))
    rows = [d for c in courses for d in _doses(c, c.start_date, length, 4, now)]
    Dose.objects.bulk_create(rows[-doses:] if len(rows) > doses else rows, batch_size=BATCH)
    keep_dose_days([user.pk])
    TaperPlan.objects.bulk_create(TaperPlan(course=c) for c in courses)
    steps = []
    for plan in TaperPlan.objects.filter(course__owner=user).select_related("course"):
        start = plan.course.start_date + timedelta(days=14)
        steps += [
            TaperStep(
                plan=plan,
                start_date=start + timedelta(days=3 * i),
                mg_per_intake=350 if n else 0,
                intakes_per_day=n,
            )
            for i, n in enumerate([3, 2, 1, 0])
        ]
    TaperStep.objects.bulk_create(steps)
    names = [
        "Xanax",
        "Prilosec",
        "beer",
        "OxyContin",
        "Advil",
        "Tylenol",
        "Neurontin",
        "Ambien",
        "Benadryl",
        "aspirin",
        "Nexium",
        "herbal tea",
        "vitamin D",
        "benchdrug00001",
        "benchdrug00002",
    ]
    comeds = [
        CoMedication(owner=user, name=n, start_date=today - timedelta(days=30)) for n in names
    ]
    for index in range(25):
        start = first + timedelta(days=40 * index)
        comeds.append(
            CoMedication(
                owner=user,
                name=rng.choice(names),
                start_date=start,
                stop_date=start + timedelta(days=10),
            )
        )
    CoMedication.objects.bulk_create(comeds)
    from tracker.services.linking import link_to_reference

    for comed in CoMedication.objects.filter(owner=user):
        link_to_reference(comed)
    facts = list(DrugFact.objects.filter(drug=caris, kind__in=["side_effect", "withdrawal"]))
    checkins = [
        CheckIn(
            owner=user,
            course=rng.choice(courses),
            severity="mild",
            recorded_at=now - timedelta(days=rng.randint(1, 1000)),
        )
        for _ in range(300)
    ]
    CheckIn.objects.bulk_create(checkins)
    Through = CheckIn.symptoms.through
    Through.objects.bulk_create(
        Through(checkin_id=c.pk, drugfact_id=rng.choice(facts).pk)
        for c in CheckIn.objects.filter(owner=user)
    )


def light_user(user, caris: Drug, now: datetime) -> None:
    """One record of each kind the heavy user has: a course with a taper plan, a dose, a
    matched and an unmatched co-medication, a check-in. Same kinds, tiny volume."""
    from tracker.services.comedications import comedication_add

    today = now.date()
    course = Course.objects.create(
        owner=user,
        drug=caris,
        start_date=today - timedelta(days=10),
        mg_per_intake=350,
        intakes_per_day=4,
    )
    Dose.objects.create(course=course, taken_at=now - timedelta(minutes=30), amount_mg=350)
    keep_dose_days([user.pk])
    plan = TaperPlan.objects.create(course=course)
    for offset, per_day in [(3, 2), (6, 0)]:
        TaperStep.objects.create(
            plan=plan,
            start_date=today + timedelta(days=offset),
            mg_per_intake=350 if per_day else 0,
            intakes_per_day=per_day,
        )
    comedication_add(owner=user, name="Xanax", start_date=today)
    comedication_add(owner=user, name="herbal tea", start_date=today)
    checkin = CheckIn.objects.create(
        owner=user, course=course, severity="mild", recorded_at=now - timedelta(days=1)
    )
    checkin.symptoms.set(DrugFact.objects.filter(drug=caris, kind="side_effect")[:1])
