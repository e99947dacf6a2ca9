from django.conf import settings
from django.db import connections, models


class ProfileQuerySet(models.QuerySet):
    def time_zone_for(self, user) -> str:
        """Return the user's time zone name, or the site default when they have no profile."""
        zone = self.filter(user=user).values_list("time_zone", flat=True).first()
        return zone or settings.TIME_ZONE


class CourseQuerySet(models.QuerySet):
    def for_owner(self, user):
        """Return the user's courses with their drug."""
        return self.filter(owner=user).select_related("drug", "drug__limits_source")

    def active_for(self, user):
        """Return the user's active courses with their drug."""
        return self.for_owner(user).filter(status="active")

    def for_interactions(self, user):
        """Return the user's courses with only what the interaction checks and the past-overlap
        lines read: the drug's name, the dates and the status. Read on every co-medications
        page and save, where the whole rows (the drug's limits and their source, for each
        course) took twice as long to read."""
        wanted = ["owner", "drug", "status", "start_date", "end_date"]
        lean = self.filter(owner=user).select_related("drug")
        return lean.only(*wanted, "drug__generic_name")

    def active_or_ended_since(self, user, day):
        """Return the user's active courses and those that ended on or after that day, with
        their taper plan."""
        shown = models.Q(status="active") | models.Q(end_date__gte=day)
        return self.for_owner(user).filter(shown).select_related("taper_plan")


class DoseQuerySet(models.QuerySet):
    def for_owner(self, user):
        """Return every dose of the user's courses."""
        return self.filter(course__owner=user)


# Where for_owner puts each entry's ingredients: read them with CoMedication.ingredient_list.
PREFETCHED_INGREDIENTS = "prefetched_ingredients"


class CoMedicationQuerySet(models.QuerySet):
    def for_owner(self, user):
        """Return the user's co-medications with the ingredients their names stand for: the
        drugs' names and codes, all that the pages, checks and exports read of them (a whole
        drug row carries its limits and texts, and took half the read on a long list)."""
        drugs = self.model._meta.get_field("ingredients").related_model.objects
        ingredients = models.Prefetch(
            "ingredients",
            queryset=drugs.only("id", "generic_name", "slug", "rxcui"),
            to_attr=PREFETCHED_INGREDIENTS,
        )
        return self.filter(owner=user).prefetch_related(ingredients)

    def active_on(self, day):
        """Return the entries being taken on that day."""
        return self.filter(start_date__lte=day).filter(
            models.Q(stop_date__isnull=True) | models.Q(stop_date__gte=day)
        )

    def unchecked(self):
        """Return the entries whose names are not in the reference data: never checked."""
        return self.filter(checked=False)


class CheckInQuerySet(models.QuerySet):
    def for_owner(self, user):
        return self.filter(owner=user)

    def has_urgent_open(self, user) -> bool:
        """Return whether the user has an urgent check-in whose banner was not closed: what
        every signed-in page asks. Written as SQL: building the same question through the ORM
        costs twice its round trip to the database (docs/performance.md), on every page."""
        connection = connections[self.db]
        sql, params = self.urgent_open_sql(connection, user.pk)
        with connection.cursor() as cursor:
            cursor.execute(sql, params)
            return cursor.fetchone() is not None

    def urgent_open_sql(self, connection, user_id: int) -> tuple[str, list]:
        """Return the SQL (and its parameters) that selects a row when the user has an urgent
        check-in whose banner was not closed: also asked inside the dashboard's one read of
        its versions (tracker/data_version.py)."""
        q = connection.ops.quote_name
        table, field = self.model._meta.db_table, self.model._meta.get_field
        sql = (
            f"SELECT 1 FROM {q(table)} WHERE {q(field('owner').column)} = %s "
            f"AND {q(field('urgent').column)} = %s AND {q(field('dismissed_at').column)} IS NULL "
            "LIMIT 1"
        )
        return sql, [user_id, True]

    def urgent_open(self, user):
        """Return the user's urgent check-ins whose banner was not closed, newest first."""
        return (
            self.for_owner(user)
            .filter(urgent=True, dismissed_at__isnull=True)
            .select_related("course__drug")
            .prefetch_related("symptoms")
            .order_by("-recorded_at")
        )
