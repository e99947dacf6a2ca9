from django.db import migrations
from django.db.models import F


def load(apps, schema_editor):
    from drugs.loading_safety import (
        add_missing_facts,
        correct_source_wording,
        fill_new_fields,
    )

    def get_model(name):
        return apps.get_model("drugs", name)

    add_missing_facts(get_model)
    fill_new_fields(get_model, ["max_intakes_per_day", "impossible_multiple"])
    correct_source_wording(get_model)
    # Cached reports and pages were built from the old rows.
    get_model("ReferenceVersion").objects.update(number=F("number") + 1)


class Migration(migrations.Migration):
    """Bring reference data loaded earlier up to the seed: how and when to take it, missed
    doses, more cautions, withdrawal seizures; urgent symptoms; the impossible-prescription
    multiple; rules cited to a review marked secondary. An editor's changes win."""

    dependencies = [("drugs", "0013_safety_facts")]
    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
