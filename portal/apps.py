from django.apps import AppConfig


class PortalConfig(AppConfig):
    name = "portal"

    def ready(self):
        # Records the sign-in time of every login, however it happens (the admin's
        # form, a test's force_login): staff sessions' lifetime counts from it.
        from . import staff_sessions  # noqa: F401
