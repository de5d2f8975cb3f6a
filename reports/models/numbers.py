"""What inspectors established about a number: a confirmed scam, or a verified official line.

Reports are what citizens say; a mark is what inspectors concluded, with a
reason, within their scope (a province, or the whole country for national
staff). Marks are never deleted: withdrawing one keeps it, with who
withdrew it and why, so a number's marks are its history. Active hotlines
count as official without a mark (reports.numbers).

One staff account never changes what the public trusts alone: an official
line, a mark that overturns the verdict its scope shows, and withdrawing a
mark in force wait (`state` pending, or `withdrawal_requested_at`) until
another staff member with the scope approves them (reports.numbers.decide).
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from advisories.models import Province

from .used import Subject


class NumberMarkQuerySet(models.QuerySet):
    def active(self):
        """Marks in force: what the look-up and the screens go by."""
        return self.filter(withdrawn_at__isnull=True, state=NumberMark.State.IN_FORCE)

    def pending(self):
        """Marks waiting for a second staff member's approval."""
        return self.filter(withdrawn_at__isnull=True, state=NumberMark.State.PENDING)

    def withdrawal_requested(self):
        """Marks in force whose withdrawal waits for a second staff member's approval."""
        return self.active().filter(withdrawal_requested_at__isnull=False)


class NumberMark(models.Model):
    class Kind(models.TextChoices):
        SCAM = "scam", _("Đã xác nhận lừa đảo")
        OFFICIAL = "official", _("Số chính thức đã xác minh")

    class State(models.TextChoices):
        PENDING = "pending", _("chờ duyệt")
        IN_FORCE = "in_force", _("có hiệu lực")
        REFUSED = "refused", _("bị từ chối")

    subject = models.CharField(
        _("loại"),
        max_length=12,
        choices=Subject.choices,
        default=Subject.PHONE,
        help_text=_("Số điện thoại, tên người gửi, tài khoản ngân hàng, tên miền hay tài khoản."),
    )
    source = models.CharField(
        _("số, tên hoặc tài khoản"),
        max_length=260,
        help_text=_(
            "Đã chuẩn hóa như trong phản ánh: 0912345678, +85512345678, VCB-BANK, "
            "VCB:0011001234567 (ngân hàng:số tài khoản), vietcombank-vn.com (tên miền), "
            "zalo:0912345678 (nền tảng:tài khoản)."
        ),
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
    # Marks made before approvals existed stay in force (the migration's default).
    state = models.CharField(
        _("trạng thái"),
        max_length=10,
        choices=State.choices,
        default=State.IN_FORCE,
        help_text=_(
            "Số chính thức và kết luận đảo ngược kết luận đang hiển thị chờ một cán bộ "
            "khác cùng phạm vi duyệt."
        ),
    )
    decided_at = models.DateTimeField(_("duyệt lúc"), null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người duyệt"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    decision_note = models.TextField(_("ghi chú khi duyệt"), max_length=1000, blank=True)
    withdrawal_requested_at = models.DateTimeField(
        _("đề nghị rút lại lúc"),
        null=True,
        blank=True,
        help_text=_("Rút lại một kết luận đang có hiệu lực chờ một cán bộ khác duyệt."),
    )
    withdrawal_requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người đề nghị rút lại"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )

    objects = NumberMarkQuerySet.as_manager()

    class Meta:
        verbose_name = _("kết luận về số")
        verbose_name_plural = _("kết luận về số")
        ordering = ["source", "-created_at"]
        permissions = [
            ("approve_numbermark", _("Duyệt kết luận về số do cán bộ khác đề xuất")),
        ]
        indexes = [
            # The look-up and the repeat-numbers screen: the active marks of some sources.
            models.Index(fields=["source", "withdrawn_at"], name="number_mark_source"),
            # The marks-to-settle page: what waits for approval, oldest first.
            models.Index(
                fields=["created_at"],
                condition=Q(state="pending", withdrawn_at__isnull=True),
                name="number_mark_pending",
            ),
        ]
        constraints = [
            # One active (in force or pending) conclusion of a kind per number and scope;
            # a refused proposal does not stand in the way of the next one.
            models.UniqueConstraint(
                fields=["source", "kind", "province"],
                condition=Q(withdrawn_at__isnull=True, province__isnull=False)
                & ~Q(state="refused"),
                name="number_mark_one_active_per_province",
            ),
            models.UniqueConstraint(
                fields=["source", "kind"],
                condition=Q(withdrawn_at__isnull=True, province__isnull=True) & ~Q(state="refused"),
                name="number_mark_one_active_national",
            ),
        ]

    def __str__(self):
        scope = self.province.name if self.province_id else _("toàn quốc")
        return f"{self.source}: {self.get_kind_display()} ({scope})"

    @property
    def is_active(self):
        """In force: neither withdrawn, nor waiting for approval, nor refused."""
        return self.withdrawn_at is None and self.state == self.State.IN_FORCE

    @property
    def is_pending(self):
        return self.withdrawn_at is None and self.state == self.State.PENDING

    @property
    def is_withdrawal_pending(self):
        return self.is_active and self.withdrawal_requested_at is not None

    @property
    def scope_name(self):
        return self.province.name if self.province_id else str(_("toàn quốc"))
