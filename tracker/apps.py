from django.apps import AppConfig


class TrackerConfig(AppConfig):
    name = "tracker"
    verbose_name = "Patient data"

    def ready(self):
        import tracker.checks  # noqa: F401  (start-up checks of the settings)
        import tracker.two_factor_session  # noqa: F401  (note two-factor at sign-in)
        from drugs.changes import follow_reference_changes
        from tracker import auth_events, device_sessions, reauth  # noqa: F401  (signal receivers)
        from tracker.services.linking import comedications_relink

        # Typed names are linked when reference data grows, not when a page is read.
        follow_reference_changes(comedications_relink)
