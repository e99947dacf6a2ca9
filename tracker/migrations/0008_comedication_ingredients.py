from django.db import migrations, models


def copy_the_linked_drug(apps, schema_editor):
    """An entry linked to one drug keeps it as its only ingredient, and counts as checked."""
    CoMedication = apps.get_model("tracker", "CoMedication")
    Through = CoMedication.ingredients.through
    linked = CoMedication.objects.filter(drug__isnull=False).values_list("pk", "drug_id")
    Through.objects.bulk_create(
        [Through(comedication_id=pk, drug_id=drug_id) for pk, drug_id in linked]
    )
    CoMedication.objects.filter(drug__isnull=False).update(checked=True)


class Migration(migrations.Migration):
    dependencies = [
        ("drugs", "0010_retire_and_edited_without_source"),
        ("tracker", "0007_every_account_has_a_profile"),
    ]

    operations = [
        migrations.AddField(
            model_name="comedication",
            name="checked",
            field=models.BooleanField(default=False, editable=False),
        ),
        migrations.AddField(
            model_name="historicalcomedication",
            name="checked",
            field=models.BooleanField(default=False, editable=False),
        ),
        migrations.AddField(
            model_name="comedication",
            name="ingredients",
            field=models.ManyToManyField(blank=True, related_name="+", to="drugs.drug"),
        ),
        migrations.RunPython(copy_the_linked_drug, migrations.RunPython.noop),
        migrations.RemoveField(model_name="comedication", name="drug"),
        migrations.RemoveField(model_name="historicalcomedication", name="drug"),
    ]
