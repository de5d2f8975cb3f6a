from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AdvisoriesConfig(AppConfig):
    name = "advisories"
    verbose_name = _("Công văn cảnh báo")

    def ready(self):
        from django.db.models.signals import m2m_changed, post_delete, post_save

        from . import reading_jobs  # noqa: F401 (its jobs, periodic ones included, register)
        from .models import Advisory, CitedDocument, Organization, Province, ScamPattern

        # Everything citizens read on the public pages: a change to any of it
        # makes every cached page stale (portal.page_cache).
        for model in (Advisory, CitedDocument, Organization, Province, ScamPattern):
            post_save.connect(
                _changed, sender=model, dispatch_uid=f"page-cache-save-{model.__name__}"
            )
            post_delete.connect(
                _changed, sender=model, dispatch_uid=f"page-cache-delete-{model.__name__}"
            )
        m2m_changed.connect(
            _changed, sender=Advisory.patterns.through, dispatch_uid="page-cache-patterns"
        )


def _changed(sender, **kwargs):
    from portal.page_cache import bump

    bump()
