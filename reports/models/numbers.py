"""What inspectors established about a number: a confirmed scam, or a verified official line.

Reports are what citizens say; a mark is what inspectors concluded, with a
reason, within their scope (a province, or the whole country for national
staff). Marks are never deleted: withdrawing one keeps it, with who
withdrew it and why, so a number's marks are its history. Active hotlines
count as official without a mark (reports.numbers).
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from advisories.models import Province


class NumberMarkQuerySet(models.QuerySet):
    def active(self):
        return self.filter(withdrawn_at__isnull=True)


class NumberMark(models.Model):
    class Kind(models.TextChoices):
        SCAM = "scam", _("Đã xác nhận lừa đảo")
        OFFICIAL = "official", _("Số chính thức đã xác minh")

    source = models.CharField(
        _("số"),
        max_length=20,
        help_text=_("Như nguồn của phản ánh, đã chuẩn hóa (0912345678, +85512345678, VCB-BANK)."),
    )
    kind = models.CharField(_("kết luận"), max_length=10, choices=Kind.choices)
    province = models.ForeignKey(
        Province,
        verbose_name=_("phạm vi"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        limit_choices_to={"is_current": True},
        help_text=_("Tỉnh, thành phố của cán bộ kết luận; để trống: toàn quốc."),
    )
    owner = models.CharField(
        _("cơ quan sở hữu số"),
        max_length=200,
        blank=True,
        help_text=_("Với số chính thức: cơ quan dùng số này, ví dụ Thanh tra Sở KH&CN Đắk Lắk."),
    )
    reason = models.TextField(_("căn cứ"), max_length=1000)
    created_at = models.DateTimeField(_("lúc"), auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("cán bộ"),
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
    )
    withdrawn_at = models.DateTimeField(_("rút lại lúc"), null=True, blank=True)
    withdrawn_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người rút lại"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    withdrawal_reason = models.TextField(_("lý do rút lại"), max_length=1000, blank=True)

    objects = NumberMarkQuerySet.as_manager()

    class Meta:
        verbose_name = _("kết luận về số")
        verbose_name_plural = _("kết luận về số")
        ordering = ["source", "-created_at"]
        indexes = [
            # The look-up and the repeat-numbers screen: the active marks of some sources.
            models.Index(fields=["source", "withdrawn_at"], name="number_mark_source"),
        ]
        constraints = [
            # One active conclusion of a kind per number and scope.
            models.UniqueConstraint(
                fields=["source", "kind", "province"],
                condition=Q(withdrawn_at__isnull=True, province__isnull=False),
                name="number_mark_one_active_per_province",
            ),
            models.UniqueConstraint(
                fields=["source", "kind"],
                condition=Q(withdrawn_at__isnull=True, province__isnull=True),
                name="number_mark_one_active_national",
            ),
        ]

    def __str__(self):
        scope = self.province.name if self.province_id else _("toàn quốc")
        return f"{self.source}: {self.get_kind_display()} ({scope})"

    @property
    def is_active(self):
        return self.withdrawn_at is None

    @property
    def scope_name(self):
        return self.province.name if self.province_id else str(_("toàn quốc"))
