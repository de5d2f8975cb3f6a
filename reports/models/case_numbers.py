"""The counters case numbers are drawn from: one per prefix (province or national) and year."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class CaseCounter(models.Model):
    """The last case number given for one prefix in one year (DL, 2026 → 123: DL-2026-000123).

    Keyed by the prefix itself, not by a province: reports without a province
    have a counter too (the national prefix), and a NULL province would never
    clash in a unique constraint. Only reports.case_numbers writes it, by one
    statement that adds and returns the new value.
    """

    prefix = models.CharField(_("đầu số"), max_length=4)
    year = models.PositiveSmallIntegerField(_("năm"))
    last = models.PositiveIntegerField(_("số cuối đã cấp"), default=0)

    class Meta:
        verbose_name = _("bộ đếm số hồ sơ")
        verbose_name_plural = _("bộ đếm số hồ sơ")
        constraints = [
            # The upsert's ON CONFLICT target: one counter per prefix and year.
            models.UniqueConstraint(fields=["prefix", "year"], name="case_counter_unique"),
        ]

    def __str__(self):
        return f"{self.prefix}-{self.year}: {self.last}"
