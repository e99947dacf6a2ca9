from django.db import connections, models
from django.db.models import Q


class ProtectedReferenceQuerySet(models.QuerySet):
    """Rows that patients' records may point to: a bulk delete is refused while any does."""

    def delete(self):
        from drugs.protection import refuse_if_used

        refuse_if_used(self)
        return super().delete()


class DrugQuerySet(ProtectedReferenceQuerySet):
    def search(self, text: str):
        """Return drugs whose generic name or any alias contains the text, case-insensitively."""
        text = text.strip()
        if not text:
            return self
        ids = self.filter(
            Q(generic_name__icontains=text) | Q(aliases__name__icontains=text)
        ).values("id")
        return self.filter(id__in=ids)

    def active(self):
        """Return the drugs not retired: the ones offered for new choices."""
        return self.filter(active=True)

    def with_course_limits(self):
        """Return drugs a course can be started with: meant for a limited course, not retired."""
        return self.active().filter(course_hard_limit_day__isnull=False)


class ProductQuerySet(ProtectedReferenceQuerySet):
    def active(self):
        """Return the products not retired."""
        return self.filter(active=True)

    def offered(self):
        """Return the products whose names are recognized and offered: not retired, and with
        no retired ingredient (a retired drug is offered under none of its names)."""
        return self.active().exclude(ingredients__active=False)

    def search(self, text: str):
        """Return products whose name or any other name contains the text, case-insensitively."""
        text = text.strip()
        if not text:
            return self
        ids = self.filter(Q(name__icontains=text) | Q(other_names__name__icontains=text)).values(
            "id"
        )
        return self.filter(id__in=ids)


class DrugFactQuerySet(ProtectedReferenceQuerySet):
    def active(self):
        """Return the facts not retired: the ones offered to patients and shown on drug pages."""
        return self.filter(active=True)


class InteractionQuerySet(models.QuerySet):
    def among(self, drug_ids, class_ids):
        """Return rules whose both sides are among the drugs or classes: the only ones that can
        match a pair of the things a person takes, however large the rule table grows."""
        drug_ids, class_ids = list(drug_ids), list(class_ids)
        return self.filter(
            Q(drug_a__in=drug_ids) | Q(class_a__in=class_ids),
            Q(drug_b__in=drug_ids) | Q(class_b__in=class_ids),
        )

    def touching(self, drug_ids, class_ids):
        """Return rules with either side among the given drugs or classes, with sides loaded."""
        drug_ids, class_ids = list(drug_ids), list(class_ids)
        return self.filter(
            Q(drug_a__in=drug_ids)
            | Q(drug_b__in=drug_ids)
            | Q(class_a__in=class_ids)
            | Q(class_b__in=class_ids)
        ).select_related("drug_a", "drug_b", "class_a", "class_b", "source")


class EmergencyNumbersQuerySet(models.QuerySet):
    # What a page shows of a country's numbers, in this order.
    SHOWN = (
        "country_name",
        "emergency_number",
        "poison_help_number",
        "poison_help_name",
        "poison_help_note",
    )

    def shown_for(self, country_code: str) -> dict | None:
        """Return what the pages show of the country's numbers, or None when it has no row.
        Written as SQL: every signed-in page asks, and the ORM takes twice the database's round
        trip to build this one-row read (docs/performance.md)."""
        connection = connections[self.db]
        q = connection.ops.quote_name
        meta = self.model._meta
        columns = ", ".join(q(meta.get_field(name).column) for name in self.SHOWN)
        code = q(meta.get_field("country_code").column)
        with connection.cursor() as cursor:
            cursor.execute(
                f"SELECT {columns} FROM {q(meta.db_table)} WHERE {code} = %s", [country_code]
            )
            row = cursor.fetchone()
        return dict(zip(self.SHOWN, row, strict=True)) if row else None
