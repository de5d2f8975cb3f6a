"""Hotlines: where citizens report, as the advisory letters announced them."""

from django.conf import settings
from django.core.validators import RegexValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from advisories.models import Advisory, Organization, Province


class Channel(models.TextChoices):
    SMS = "sms", _("Nhắn tin")
    CALL = "call", _("Gọi điện")


# A hotline is dialled or texted exactly as stored (tel:, sms: links), so it
# holds what a phone dials and nothing else: national digits with the leading
# 0 (0888596677, landlines 02838225678), a 1800/1900 service number, a short
# code of 3–6 digits (156, 5656) or a foreign number in E.164 (+85512345678).
# \Z, not $: `$` would let a trailing newline through.
validate_hotline_number = RegexValidator(
    r"^(?:0[0-9]{8,10}|1[89]00[0-9]{4,6}|[0-9]{3,6}|\+[1-9][0-9]{6,14})\Z",
    message=_(
        "Hãy ghi số chỉ gồm chữ số, không dấu cách hay dấu chấm: số trong nước bắt đầu "
        "bằng 0 (ví dụ 0888596677), số 1800/1900, đầu số ngắn 3–6 chữ số (ví dụ 156) "
        "hoặc số nước ngoài dạng +85512345678."
    ),
    code="invalid_hotline_number",
)


class HotlineQuerySet(models.QuerySet):
    def approved(self):
        """Lines a second staff member approved: every public use starts here.

        The row holds the approved values; a change waiting for approval is in
        `pending_changes` (reports.hotlines_approval), so the public keeps the old
        values until it is approved, and a new line is not shown at all.
        """
        return self.filter(approved_at__isnull=False)

    def active(self):
        return self.filter(is_active=True)

    def with_sources(self):
        """Related rows the pages show, and whether each source letter is published.

        A subquery, not a second query: `published_source` then needs none.
        """
        return self.select_related("province", "announced_by", "source_advisory__issuer").annotate(
            source_is_published=models.Exists(
                Advisory.objects.published().filter(pk=models.OuterRef("source_advisory"))
            )
        )


class Hotline(models.Model):
    """A number or short code where citizens report, as an advisory letter announced it."""

    class Scope(models.TextChoices):
        NATIONAL = "national", _("Toàn quốc")
        PROVINCIAL = "provincial", _("Cấp tỉnh")

    class Review(models.TextChoices):
        APPROVED = "approved", _("Đã duyệt")
        PENDING = "pending", _("Chờ duyệt")
        REFUSED = "refused", _("Bị từ chối")  # a new line refused: never shown

    scope = models.CharField(
        _("phạm vi"),
        max_length=10,
        choices=Scope.choices,
        help_text=_("Toàn quốc: áp dụng cho mọi tỉnh. Cấp tỉnh: chỉ tỉnh đã công bố số này."),
    )
    province = models.ForeignKey(
        Province,
        verbose_name=_("tỉnh, thành phố"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="hotlines",
        help_text=_(
            "Tỉnh đã công bố số này, theo tên trong công văn (có thể là tỉnh cũ). "
            "Để trống với số toàn quốc."
        ),
    )
    number = models.CharField(
        _("số điện thoại, đầu số"),
        max_length=20,
        validators=[validate_hotline_number],
        help_text=_("Chỉ chữ số, ví dụ: 156, 0888596677; số nước ngoài dạng +85512345678."),
    )
    channel = models.CharField(
        _("kênh"),
        max_length=5,
        choices=Channel.choices,
        help_text=_("Nhắn tin theo cú pháp, hay gọi điện trình bày."),
    )
    kinds = models.CharField(
        _("loại phản ánh tiếp nhận"),
        max_length=20,
        default="S V LD",
        help_text=_("Các loại S, V, LD cách nhau bởi dấu cách."),
    )
    label = models.CharField(
        _("tên kênh"),
        max_length=150,
        help_text=_("Người dân đọc thấy, ví dụ: Thanh tra Sở TTTT Bình Phước."),
    )
    note = models.TextField(
        _("ghi chú"),
        blank=True,
        help_text=_("Hướng dẫn ngắn, ví dụ: gặp đồng chí phụ trách; giữ lại bằng chứng."),
    )
    source_advisory = models.ForeignKey(
        Advisory,
        verbose_name=_("công văn công bố"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="hotlines",
        help_text=_("Công văn đã công bố số này: người dân thấy nguồn của mỗi số."),
    )
    announced_by = models.ForeignKey(
        Organization,
        verbose_name=_("cơ quan công bố"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        help_text=_("Cơ quan ban hành công văn đã công bố số này."),
    )
    announced_year = models.PositiveSmallIntegerField(
        _("năm công bố"), help_text=_("Năm của công văn công bố số này.")
    )
    announced_month = models.PositiveSmallIntegerField(
        _("tháng công bố"),
        null=True,
        blank=True,
        help_text=_("Công văn để trống ngày: chỉ ghi tháng, không tự điền ngày."),
    )
    position = models.PositiveSmallIntegerField(_("thứ tự"), default=0)
    is_active = models.BooleanField(
        _("đang dùng"), default=True, help_text=_("Bỏ chọn khi số không còn tiếp nhận.")
    )

    # A citizen dials what the portal shows: one staff account must not change it
    # alone (reports.hotlines_approval). Proposed by one, approved by another.
    review = models.CharField(
        _("duyệt"),
        max_length=10,
        choices=Review.choices,
        default=Review.PENDING,
        editable=False,
        help_text=_("Chờ duyệt: một cán bộ khác cần duyệt thêm mới hoặc thay đổi."),
    )
    pending_changes = models.JSONField(
        _("thay đổi chờ duyệt"),
        default=dict,
        blank=True,
        editable=False,
        help_text=_("Giá trị mới đề nghị, theo tên trường; người dân vẫn thấy giá trị đã duyệt."),
    )
    proposed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người đề nghị"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        editable=False,
    )
    proposed_at = models.DateTimeField(_("đề nghị lúc"), null=True, blank=True, editable=False)
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người duyệt"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        editable=False,
    )
    approved_at = models.DateTimeField(
        _("duyệt lúc"),
        null=True,
        blank=True,
        editable=False,
        help_text=_("Trống: chưa từng được duyệt, người dân không thấy số này."),
    )

    objects = HotlineQuerySet.as_manager()

    class Meta:
        verbose_name = _("kênh tiếp nhận")
        verbose_name_plural = _("kênh tiếp nhận")
        ordering = ["scope", "position", "number"]
        permissions = [
            # Administrators (migration 0018); never for the change's own proposer.
            (
                "approve_hotline",
                _("Duyệt thêm mới, thay đổi kênh tiếp nhận do cán bộ khác đề nghị"),
            ),
        ]
        constraints = [
            # National lines belong to no province; provincial lines to one.
            models.CheckConstraint(
                condition=models.Q(scope="national", province__isnull=True)
                | models.Q(scope="provincial", province__isnull=False),
                name="hotline_scope_matches_province",
            ),
            # load_reference_data updates a line by (number, channel[, province]).
            models.UniqueConstraint(
                fields=["number", "channel"],
                condition=models.Q(province__isnull=True),
                name="hotline_unique_national",
            ),
            models.UniqueConstraint(
                fields=["number", "channel", "province"],
                condition=models.Q(province__isnull=False),
                name="hotline_unique_provincial",
            ),
        ]

    def __str__(self):
        return f"{self.number} ({self.get_channel_display()}) — {self.label}"

    @property
    def kind_list(self):
        return self.kinds.split()

    def takes(self, kind):
        return kind in self.kind_list

    @property
    def published_source(self):
        """The letter that announced the line while citizens may read it, else None.

        A letter set back to draft (or scheduled) must not show its summary,
        nor a link that 404s, wherever the line is shown. Needs `with_sources()`.
        """
        return self.source_advisory if getattr(self, "source_is_published", False) else None

    @property
    def announced_display(self):
        if self.announced_month:
            return _("tháng %(month)s/%(year)s") % {
                "month": self.announced_month,
                "year": self.announced_year,
            }
        return _("năm %(year)s") % {"year": self.announced_year}

    @property
    def href(self):
        return f"sms:{self.number}" if self.channel == Channel.SMS else f"tel:{self.number}"
