from django.apps import AppConfig


class DrugsConfig(AppConfig):
    name = "drugs"
    verbose_name = "Reference data"

    def ready(self):
        from drugs import signals  # noqa: F401  (connects the receivers)
