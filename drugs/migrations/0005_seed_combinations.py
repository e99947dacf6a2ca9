from django.contrib.auth.management import create_permissions
from django.db import migrations


def load(apps, schema_editor):
    from drugs.loading import load_combinations

    load_combinations(lambda name: apps.get_model("drugs", name))


def grant_new_permissions(apps, schema_editor):
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None
    group = apps.get_model("auth", "Group").objects.filter(name="Reference editors").first()
    if group:
        permissions = apps.get_model("auth", "Permission").objects
        group.permissions.set(permissions.filter(content_type__app_label="drugs"))


class Migration(migrations.Migration):
    """Seed the opioid + benzodiazepine + carisoprodol combination; let editors edit combinations."""

    dependencies = [("drugs", "0004_combinations")]
    operations = [
        migrations.RunPython(load, migrations.RunPython.noop),
        migrations.RunPython(grant_new_permissions, migrations.RunPython.noop),
    ]
