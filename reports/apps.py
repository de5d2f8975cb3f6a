from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReportsConfig(AppConfig):
    name = "reports"
    verbose_name = _("Phản ánh của người dân")

    def ready(self):
        from django.db.models.signals import post_delete, post_save

        from . import (
            bulk_jobs,  # noqa: F401 - declares the bulk steps' job
            export_jobs,  # noqa: F401 - declares the export jobs, the hourly clean-up
        )
        from .models import Bank, Hotline, NumberMark

        # Shown on public pages (the hotlines of every receipt and form, the
        # number look-up): a change makes every cached page stale.
        for model in (Hotline, NumberMark):
            post_save.connect(
                _changed, sender=model, dispatch_uid=f"page-cache-save-{model.__name__}"
            )
            post_delete.connect(
                _changed, sender=model, dispatch_uid=f"page-cache-delete-{model.__name__}"
            )
        # reports.banks keeps the list in memory: a change empties it (this process's).
        post_save.connect(_bank_changed, sender=Bank, dispatch_uid="banks-save")
        post_delete.connect(_bank_changed, sender=Bank, dispatch_uid="banks-delete")


def _changed(sender, **kwargs):
    from portal.page_cache import bump

    bump()


def _bank_changed(sender, **kwargs):
    from .banks import forget

    forget()
