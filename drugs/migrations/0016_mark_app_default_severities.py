from django.db import migrations
from django.db.models import F


def mark(apps, schema_editor):
    from drugs.loading_safety import mark_app_default_severities

    mark_app_default_severities(lambda name: apps.get_model("drugs", name))
    apps.get_model("drugs", "ReferenceVersion").objects.update(number=F("number") + 1)


class Migration(migrations.Migration):
    """The class rules whose severity is the app's grade (names.json), not the source's, say so
    (an editor's changed severity is left alone)."""

    dependencies = [("drugs", "0015_interaction_severity_is_app_default")]
    operations = [migrations.RunPython(mark, migrations.RunPython.noop)]
