from django.db import migrations


def backfill(apps, schema_editor):
    from drugs.loading import backfill_drug_fields

    backfill_drug_fields(lambda name: apps.get_model("drugs", name), ["seek_care_advice"])


class Migration(migrations.Migration):
    dependencies = [("drugs", "0006_drug_seek_care_advice")]
    operations = [migrations.RunPython(backfill, migrations.RunPython.noop)]
