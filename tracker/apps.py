from django.apps import AppConfig


class TrackerConfig(AppConfig):
    name = "tracker"
    verbose_name = "Patient data"

    def ready(self):
        from tracker import data_version, signals  # noqa: F401  (connect the receivers)
