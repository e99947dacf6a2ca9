from django.db import migrations


def load(apps, schema_editor):
    from drugs.loading import load_seed

    load_seed(lambda name: apps.get_model("drugs", name))


class Migration(migrations.Migration):
    """Load the seed reference data once; later admin edits are never overwritten."""

    dependencies = [("drugs", "0001_initial")]
    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
