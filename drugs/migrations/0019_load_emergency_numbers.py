from django.contrib.auth.management import create_permissions
from django.db import migrations
from django.db.models import F


def load(apps, schema_editor):
    from drugs.loading_emergency import load_emergency_numbers

    def get_model(name):
        return apps.get_model("drugs", name)

    load_emergency_numbers(get_model)
    get_model("ReferenceVersion").objects.update(number=F("number") + 1)


def grant_new_permissions(apps, schema_editor):
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None
    group = apps.get_model("auth", "Group").objects.filter(name="Reference editors").first()
    if group:  # the new model's permissions only: a deployer's changes to the rest stay
        permissions = apps.get_model("auth", "Permission").objects.filter(
            content_type__app_label="drugs",
            content_type__model__in=["emergencynumbers", "historicalemergencynumbers"],
        )
        group.permissions.add(*permissions)


class Migration(migrations.Migration):
    """The emergency and poison-line numbers of the countries a source was found for; let
    reference editors edit them."""

    dependencies = [("drugs", "0018_emergency_numbers")]
    operations = [
        migrations.RunPython(load, migrations.RunPython.noop),
        migrations.RunPython(grant_new_permissions, migrations.RunPython.noop),
    ]
