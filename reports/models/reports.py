"""Citizen reports, and the provinces inspectors triage.

A report keeps what triage needs and no more (personal data minimisation):
the normalised source, the content, the province, optional evidence, and a
contact only when the citizen gave explicit consent for that one purpose.
"""

import re

from django.conf import settings
from django.db import connections, models, transaction
from django.db.models.expressions import RawSQL
from django.db.models.functions import Coalesce
from django.db.models.lookups import In
from django.utils.translation import gettext_lazy as _

from advisories.models import Province, ScamPattern
from advisories.text import search_key

from ..codes import new_code
from ..sms import CONTENT_MAX_LENGTH, Kind, compose_stored
from .used import PaymentMethod, ReportChannel


class InspectorProvince(models.Model):
    """An inspector works on the reports of one (current) province."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("thanh tra viên"),
        on_delete=models.CASCADE,
        related_name="inspected_provinces",
    )
    province = models.ForeignKey(
        Province,
        verbose_name=_("tỉnh, thành phố"),
        on_delete=models.CASCADE,
        related_name="inspectors",
        limit_choices_to={"is_current": True},
        help_text=_("Đơn vị hiện nay (sau sáp nhập 2025)."),
    )

    class Meta:
        verbose_name = _("địa bàn thanh tra")
        verbose_name_plural = _("địa bàn thanh tra")
        constraints = [
            # One row per pair: the admin scopes reports by user → provinces.
            models.UniqueConstraint(fields=["user", "province"], name="inspector_province_unique"),
        ]

    def __str__(self):
        return f"{self.user} — {self.province}"


class ForwardTarget(models.TextChoices):
    """Who a report is forwarded to."""

    POLICE = "police", _("Công an")
    OPERATOR = "operator", _("Nhà mạng")
    DEPARTMENT = "department", _("Sở, ngành chức năng")


class RejectReason(models.TextChoices):
    """Why a report is not taken further."""

    DUPLICATE = "duplicate", _("Trùng với phản ánh khác")
    NOT_SCAM = "not_scam", _("Không phải lừa đảo hay tin nhắn, cuộc gọi rác")
    NOT_ENOUGH_INFORMATION = "not_enough_info", _("Không đủ thông tin để xử lý")
    OTHER = "other", _("Lý do khác")


class _WordsMatch(models.Func):
    """`to_tsvector('simple', field) @@ to_tsquery('simple', query)`: what the index holds."""

    arity = 2
    output_field = models.BooleanField()

    def as_sql(self, compiler, connection, **extra):
        field, field_params = compiler.compile(self.source_expressions[0])
        query, query_params = compiler.compile(self.source_expressions[1])
        sql = f"to_tsvector('simple', {field}) @@ to_tsquery('simple', {query})"
        return sql, [*field_params, *query_params]


class _InListOrder(models.Func):
    """SQLite: `+column`, the same value, which no index of the column can serve."""

    template = "+%(expressions)s"
    output_field = models.BigIntegerField()


class ReportQuerySet(models.QuerySet):
    def open(self):
        """Reports still waiting for someone: not resolved, not rejected."""
        return self.exclude(status__in=[Report.Status.RESOLVED, Report.Status.REJECTED])

    def with_evidence_count(self, name="evidence_count"):
        """Each report's number of evidence files, counted for the rows fetched only."""
        from .evidence import Evidence

        files = (
            Evidence.objects.filter(report=models.OuterRef("pk"))
            .order_by()
            .values("report")
            .annotate(n=models.Count("pk"))
            .values("n")
        )
        return self.annotate(**{name: Coalesce(models.Subquery(files), 0)})

    def containing_words(self, text):
        """Reports whose content has every word of `text`, with or without diacritics.

        Words match by their beginning (`ngan` finds "ngân hàng"), through a
        full-text index on both databases: PostgreSQL's GIN index
        `report_content_words` (migration 0012), SQLite's FTS5 table
        `reports_report_words` (0013). A substring search read all 100,000
        reports.
        """
        words = re.findall(r"[a-z0-9]+", search_key(text))
        if not words:
            return self.none()
        if connections[self.db].vendor == "postgresql":
            query = " & ".join(f"{word}:*" for word in words)
            return self.filter(_WordsMatch("content_search", models.Value(query)))
        # FTS5's own syntax: each word quoted (they are [a-z0-9]+), * for its beginning.
        query = " AND ".join(f'"{word}"*' for word in words)
        matching = RawSQL(
            "SELECT rowid FROM reports_report_words WHERE reports_report_words MATCH %s", [query]
        )
        # `+id IN (…)`: the unary plus tells SQLite not to fetch the matches by id and
        # sort them all (12,000 rows for "chuyển khoản", 60 ms), but to walk the list's
        # own order (report_newest) and stop at the page's 50th match (5 ms).
        return self.filter(In(_InListOrder("pk"), matching))


class Report(models.Model):
    """A citizen's report of a scam or spam call or SMS.

    Its state, assignee and public reply change only through reports.triage,
    which records every change in ReportEvent.
    """

    class Status(models.TextChoices):
        NEW = "new", _("Mới tiếp nhận")
        IN_REVIEW = "in_review", _("Đang xem xét")
        FORWARDED = "forwarded", _("Đã chuyển cơ quan chức năng")
        RESOLVED = "resolved", _("Đã xử lý xong")
        REJECTED = "rejected", _("Không xử lý")

    code = models.CharField(
        _("mã biên nhận"),
        max_length=14,
        default=new_code,
        editable=False,
        help_text=_("Ngẫu nhiên; người dân dùng mã này để xem lại biên nhận."),
    )
    # NULL, not "": rows bulk-inserted before numbering must not clash in the unique index.
    case_number = models.CharField(  # noqa: DJ001
        _("số hồ sơ"),
        max_length=20,
        null=True,
        blank=True,
        editable=False,
        help_text=_(
            "Cấp một lần khi người dân gửi, ví dụ DL-2026-000123: số để trao đổi với công an, "
            "nhà mạng. Khác mã biên nhận, số này không mở được biên nhận."
        ),
    )
    # Bumped by every triage change (reports.triage, reports.triage_bulk): a page opened
    # before a colleague's change is refused instead of overwriting it.
    version = models.PositiveIntegerField(_("phiên bản"), default=0, editable=False)
    kind = models.CharField(_("loại"), max_length=2, choices=Kind.choices)
    source = models.CharField(
        _("nguồn"),
        max_length=20,
        blank=True,
        help_text=_(
            "Số, đầu số hoặc tên người gửi, đã chuẩn hóa (0912345678, +85512345678, VCB-BANK); "
            "trống khi kẻ gian chỉ liên lạc qua Zalo, trang web... mà không có số."
        ),
    )
    content = models.TextField(
        _("nội dung"),
        max_length=CONTENT_MAX_LENGTH,
        help_text=_("Người gọi nói gì, tin nhắn viết gì, như người dân ghi."),
    )
    channel = models.CharField(
        _("cách liên lạc"),
        max_length=10,
        choices=ReportChannel.choices,
        blank=True,
        help_text=_(
            "Gọi điện, SMS, Zalo, Facebook...: người dân chọn. Trống với phản ánh gửi "
            "trước tháng 12/2026, khi chưa hỏi."
        ),
    )
    # What the citizen lost (all optional): the receipt opens with what to do at once.
    paid = models.BooleanField(_("đã chuyển tiền"), default=False)
    gave_code = models.BooleanField(_("đã đọc mã OTP, mật khẩu"), default=False)
    installed_app = models.BooleanField(_("đã cài ứng dụng theo hướng dẫn"), default=False)
    amount_lost = models.PositiveBigIntegerField(_("số tiền mất (đồng)"), null=True, blank=True)
    payment_method = models.CharField(
        _("chuyển bằng"), max_length=10, choices=PaymentMethod.choices, blank=True
    )
    lost_on = models.DateField(_("ngày mất tiền"), null=True, blank=True)
    occurred_at = models.DateTimeField(
        _("thời điểm xảy ra"), help_text=_("Khi nhận cuộc gọi, tin nhắn (người dân khai).")
    )
    province = models.ForeignKey(
        Province,
        verbose_name=_("tỉnh, thành phố"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="reports",
        help_text=_("Đơn vị hiện nay (sau sáp nhập 2025): dùng để phân công thanh tra."),
    )
    province_as_chosen = models.ForeignKey(
        Province,
        verbose_name=_("tỉnh người dân chọn"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        help_text=_("Như người dân chọn, có thể là tên cũ (Bình Phước)."),
    )
    patterns = models.ManyToManyField(
        ScamPattern,
        verbose_name=_("thủ đoạn"),
        blank=True,
        related_name="reports",
        help_text=_("Người dân đánh dấu; cùng danh mục với công văn."),
    )
    contact = models.CharField(
        _("liên hệ"),
        max_length=254,
        blank=True,
        help_text=_("Số điện thoại hoặc email, chỉ khi người dân đồng ý được liên hệ lại."),
    )
    contact_consent_text = models.TextField(
        _("nội dung đồng ý"),
        blank=True,
        help_text=_("Nguyên văn điều người dân đã đồng ý, để in ra khi cần."),
    )
    contact_consented_at = models.DateTimeField(_("đồng ý lúc"), null=True, blank=True)
    status = models.CharField(
        _("trạng thái"), max_length=10, choices=Status.choices, default=Status.NEW
    )
    assigned_to = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người xử lý"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="assigned_reports",
    )
    forward_target = models.CharField(
        _("chuyển tới"),
        max_length=10,
        choices=ForwardTarget.choices,
        blank=True,
        help_text=_("Cơ quan nhận chuyển, khi phản ánh được chuyển đi."),
    )
    reject_reason = models.CharField(
        _("lý do không xử lý"), max_length=16, choices=RejectReason.choices, blank=True
    )
    duplicate_of = models.ForeignKey(
        "self",
        verbose_name=_("trùng với"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="duplicates",
        help_text=_("Phản ánh gốc, khi phản ánh này trùng với nó."),
    )
    public_reply = models.TextField(
        _("trả lời người dân"),
        max_length=500,
        blank=True,
        help_text=_("Hiện trên biên nhận của người dân, cùng trạng thái và ngày."),
    )
    public_reply_at = models.DateTimeField(_("trả lời lúc"), null=True, blank=True)
    status_changed_at = models.DateTimeField(_("chuyển trạng thái lúc"), null=True, blank=True)
    first_action_at = models.DateTimeField(
        _("cán bộ xử lý lần đầu lúc"), null=True, blank=True, editable=False
    )
    closed_at = models.DateTimeField(
        _("kết thúc lúc"),
        null=True,
        blank=True,
        editable=False,
        help_text=_("Khi xử lý xong hoặc không xử lý."),
    )
    # The content folded (no diacritics, lower case): inspectors search `sinh trac`.
    content_search = models.TextField(editable=False, default="")
    created_at = models.DateTimeField(_("gửi lúc"), auto_now_add=True)
    updated_at = models.DateTimeField(_("cập nhật lúc"), auto_now=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("cán bộ cập nhật"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        editable=False,
    )

    objects = ReportQuerySet.as_manager()

    class Meta:
        verbose_name = _("phản ánh")
        verbose_name_plural = _("phản ánh")
        ordering = ["-created_at"]
        permissions = [
            ("reassign_report", _("Giao, giao lại phản ánh cho cán bộ khác")),
            ("reopen_report", _("Mở lại phản ánh đã xử lý xong hoặc không xử lý")),
            ("view_all_reports", _("Xem và xử lý phản ánh của mọi tỉnh, thành phố")),
        ]
        constraints = [
            # The receipt is looked up by its code alone.
            models.UniqueConstraint(fields=["code"], name="report_code_unique"),
            # Never two reports with one case number; the admin search and the sheet look it up.
            models.UniqueConstraint(fields=["case_number"], name="report_case_number_unique"),
            # A contact is kept only with the consent that allows it.
            models.CheckConstraint(
                condition=models.Q(contact="")
                | (
                    models.Q(contact_consented_at__isnull=False)
                    & ~models.Q(contact_consent_text="")
                ),
                name="report_contact_needs_consent",
            ),
        ]
        indexes = [
            # The public number look-up (source = …) and the list filtered by a source.
            models.Index(fields=["source"], name="report_source"),
            # Newest first, everywhere (the national inspectors' list, statistics by period).
            models.Index(fields=["-created_at", "-id"], name="report_newest"),
            # A provincial inspector's list: their province, newest first, a page at a time
            # (without it, every report of the province was sorted for each page).
            models.Index(fields=["province", "-created_at", "-id"], name="report_inspector_list"),
            # An inspector's queue filtered by state: their province, by state, newest first.
            models.Index(fields=["province", "status", "created_at"], name="report_triage_queue"),
            # The national list filtered by state, and the dashboard's backlog by state and age.
            models.Index(fields=["status", "created_at"], name="report_state_age"),
            # "My queue": the reports assigned to me, by state.
            models.Index(fields=["assigned_to", "status"], name="report_assignee_queue"),
            # Repeat numbers, top sources and reports per week over a period: everything
            # those aggregates read, in period order (repeats.py groups by an expression
            # so that SQLite scans this range instead of every report by source).
            models.Index(
                fields=["created_at", "source", "kind", "status", "province_as_chosen"],
                name="report_period_sources",
            ),
            # The dashboard's medians: time to first action and to the end, last 90 days.
            models.Index(fields=["first_action_at", "created_at"], name="report_first_action"),
            models.Index(fields=["closed_at", "created_at"], name="report_closed"),
        ]

    def __str__(self):
        # The case number, never the receipt code: this is what LogEntry and the admin print.
        return f"{self.case_number or f'#{self.pk}'} — {self.kind} {self.source}"

    def save(self, *args, **kwargs):
        self.content_search = search_key(self.content)
        if self._state.adding and not self.case_number:
            from ..case_numbers import next_number

            self.case_number = next_number(self.province, self.created_at)
        if kwargs.get("update_fields") is not None and "content" in kwargs["update_fields"]:
            kwargs["update_fields"] = {*kwargs["update_fields"], "content_search"}
        super().save(*args, **kwargs)

    def composition(self):
        """The SMS for this report, from the fields as stored (normalised when it was filed).

        Not re-validated: a source accepted then (or saved by a data fix) must
        not turn the citizen's receipt into an error page today. None when
        there is no number or sender to put in it (a scam by Zalo or a website
        alone): the receipt says which national channel takes those.
        """
        if not self.source:
            return None
        return compose_stored(self.kind, self.source, self.content)

    @property
    def harmed(self):
        """The citizen paid, read out a code or installed an app: help comes first."""
        return self.paid or self.gave_code or self.installed_app

    def erase_personal_data(self, by=None):
        """Erase the contact, its consent and the evidence files; returns how many files went.

        What a citizen may ask for at any time (the consent text promises it).
        The report itself (kind, source, content, province) stays for triage:
        it says nothing about the citizen. The files go the way of every
        deleted Evidence row (`delete_file_when_committed`).
        """
        with transaction.atomic():
            _total, deleted = self.evidence.all().delete()
            self.contact = ""
            self.contact_consent_text = ""
            self.contact_consented_at = None
            fields = ["contact", "contact_consent_text", "contact_consented_at", "updated_at"]
            if by is not None:
                self.updated_by = by
                fields.append("updated_by")
            self.save(update_fields=fields)
        return deleted.get(self.evidence.model._meta.label, 0)

    @property
    def has_personal_data(self):
        """Whether anything about the citizen is kept: a contact or evidence files."""
        return bool(self.contact or self.contact_consented_at) or self.evidence.exists()
