"""Per-day dose totals kept by the dose writes, so that the dose history reads a page of days
by an index instead of grouping every dose of the user by its local day on each view.

Kept in one time zone a user at a time (Profile.dose_days_zone): a page asked in that zone reads
them; in any other (a zone changed behind the settings page's back) it groups the doses again.
Every row can be recomputed from the doses (tracker/services/dose_days.py).
"""

from django.db import models

from tracker.models.courses import Course


class DoseDay(models.Model):
    course = models.ForeignKey(Course, on_delete=models.CASCADE, related_name="dose_days")
    zone = models.CharField(max_length=64)  # the IANA name the day is local to
    day = models.DateField()
    total_mg = models.DecimalField(max_digits=12, decimal_places=2)
    count = models.PositiveIntegerField()

    class Meta:
        # Also the index a page reads by: the user's courses, then their days in the zone.
        constraints = [
            models.UniqueConstraint(fields=["course", "zone", "day"], name="dose_day_unique")
        ]

    def __str__(self):
        return f"{self.day} ({self.zone}): {self.count} doses, {self.total_mg} mg"
