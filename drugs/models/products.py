"""Products: what is on the box (a brand or a combination), and the ingredients behind it."""

from django.db import models
from django.db.models.functions import Lower
from django.urls import reverse
from simple_history.models import HistoricalRecords

from drugs.models.reference import Drug, Source
from drugs.protection import refuse_if_used
from drugs.querysets import ProductQuerySet


class Product(models.Model):
    """A medicine as sold ("Percocet", "Tylenol #3"): a name a patient types for one or more
    ingredients, each checked for interactions on its own."""

    name = models.CharField(max_length=200)
    slug = models.SlugField(max_length=200, unique=True)
    ingredients = models.ManyToManyField(Drug, related_name="products")
    source = models.ForeignKey(
        Source,
        on_delete=models.PROTECT,
        related_name="products",
        help_text="The product's own label where there is one, else the source of its class.",
    )
    label_set_id = models.CharField(
        "DailyMed set id", max_length=64, blank=True, help_text="The US label's set id, if known."
    )
    active = models.BooleanField(
        default=True,
        help_text="Untick to retire the product instead of deleting it: its name is no longer "
        "recognized or offered; patients' records keep what they say.",
    )

    objects = ProductQuerySet.as_manager()
    history = HistoricalRecords(m2m_fields=[ingredients])

    class Meta:
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(
                Lower("name"),
                name="product_name_unique_ci",
                violation_error_message="Another product already has this name.",
            )
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("drugs:product_detail", args=[self.slug])

    def delete(self, *args, **kwargs):
        refuse_if_used([self])  # should a patient's record ever point at a product
        return super().delete(*args, **kwargs)


class ProductName(models.Model):
    """Another name a patient types for a product ("Tylenol with Codeine #3", "Talwin NX")."""

    product = models.ForeignKey(Product, on_delete=models.CASCADE, related_name="other_names")
    name = models.CharField(max_length=200)
    history = HistoricalRecords()

    class Meta:
        ordering = ["name"]
        verbose_name = "other name"
        constraints = [
            models.UniqueConstraint(
                Lower("name"),
                name="product_other_name_unique_ci",
                violation_error_message="Another product already has this other name.",
            )
        ]

    def __str__(self):
        return self.name
