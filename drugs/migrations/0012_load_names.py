from django.contrib.auth.management import create_permissions
from django.db import migrations


def load(apps, schema_editor):
    from drugs.loading_names import load_names, reword_superseded_rules

    def get_model(name):
        return apps.get_model("drugs", name)

    load_names(get_model)
    reword_superseded_rules(get_model)


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
    """Load names.json: its sources, classes, ingredients with their other names, products and
    class rules, creating only what is missing (an editor's edits win); replace the aliases
    that named a combination product as one ingredient (Norco, Vicodin) by the products; let
    reference editors edit products."""

    dependencies = [("drugs", "0011_product")]
    operations = [
        migrations.RunPython(load, migrations.RunPython.noop),
        migrations.RunPython(grant_new_permissions, migrations.RunPython.noop),
    ]
