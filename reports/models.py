"""Hotlines, citizen reports and their triage.

A report keeps what triage needs and no more (personal data minimisation):
the normalised source, the content, the province, optional evidence, and a
contact only when the citizen gave explicit consent for that one purpose.
"""

import logging
import secrets
from functools import partial

from django.conf import settings
from django.core.validators import RegexValidator
from django.db import models, transaction
from django.db.models.signals import post_delete
from django.dispatch import receiver
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from advisories.models import Advisory, Organization, Province, ScamPattern

from .codes import new_code
from .sms import CONTENT_MAX_LENGTH, Kind, compose_stored

logger = logging.getLogger(__name__)


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

    objects = HotlineQuerySet.as_manager()

    class Meta:
        verbose_name = _("kênh tiếp nhận")
        verbose_name_plural = _("kênh tiếp nhận")
        ordering = ["scope", "position", "number"]
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


class Report(models.Model):
    """A citizen's report of a scam or spam call or SMS."""

    class Status(models.TextChoices):
        NEW = "new", _("Mới tiếp nhận")
        IN_REVIEW = "in_review", _("Đang xem xét")
        FORWARDED = "forwarded", _("Đã chuyển cơ quan chức năng")
        CLOSED = "closed", _("Đã xử lý xong")

    code = models.CharField(
        _("mã biên nhận"),
        max_length=14,
        default=new_code,
        editable=False,
        help_text=_("Ngẫu nhiên; người dân dùng mã này để xem lại biên nhận."),
    )
    kind = models.CharField(_("loại"), max_length=2, choices=Kind.choices)
    source = models.CharField(
        _("nguồn"),
        max_length=20,
        help_text=_("Số, đầu số hoặc tên người gửi, đã chuẩn hóa (0912345678, +85512345678)."),
    )
    content = models.TextField(
        _("nội dung"),
        max_length=CONTENT_MAX_LENGTH,
        help_text=_("Người gọi nói gì, tin nhắn viết gì, như người dân ghi."),
    )
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

    class Meta:
        verbose_name = _("phản ánh")
        verbose_name_plural = _("phản ánh")
        ordering = ["-created_at"]
        constraints = [
            # The receipt is looked up by its code alone.
            models.UniqueConstraint(fields=["code"], name="report_code_unique"),
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
            # Repeat numbers: GROUP BY source, and the public number look-up.
            models.Index(fields=["source"], name="report_source"),
            # Newest first, everywhere (admin list, statistics by period).
            models.Index(fields=["created_at"], name="report_created_at"),
            # An inspector's queue: their province, by state, newest first.
            models.Index(fields=["province", "status", "created_at"], name="report_triage_queue"),
        ]

    def __str__(self):
        return f"{self.code} — {self.kind} {self.source}"

    def composition(self):
        """The SMS for this report, from the fields as stored (normalised when it was filed).

        Not re-validated: a source accepted then (or saved by a data fix) must
        not turn the citizen's receipt into an error page today.
        """
        return compose_stored(self.kind, self.source, self.content)

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
        return deleted.get(Evidence._meta.label, 0)

    @property
    def has_personal_data(self):
        """Whether anything about the citizen is kept: a contact or evidence files."""
        return bool(self.contact or self.contact_consented_at) or self.evidence.exists()


# The folder of the default storage that holds every evidence file, and nothing else.
EVIDENCE_DIR = "evidence"


def evidence_path(instance, filename):
    """A random name; the extension comes from the detected type, never the citizen's name."""
    return f"{EVIDENCE_DIR}/{secrets.token_hex(16)}.{instance.extension}"


def evidence_storage():
    """The storage evidence files live in (the default storage, disk or object store)."""
    return Evidence._meta.get_field("file").storage


def delete_evidence_files(names):
    """Delete stored evidence files by name; returns how many went.

    One that cannot be deleted is logged by its (random) name and never
    raised: its row is gone already, and the citizen's request succeeded.
    `clean_evidence` removes it later.
    """
    storage = evidence_storage()
    deleted = 0
    for name in names:
        try:
            storage.delete(name)
        # Any storage's error (a file system's OSError, an object store's own).
        except Exception as error:
            logger.error("Could not delete evidence file %s (%s)", name, type(error).__name__)
        else:
            deleted += 1
    return deleted


class Evidence(models.Model):
    """A screenshot or call recording. Never public: inspectors download it through admin."""

    class Type(models.TextChoices):
        IMAGE = "image", _("Ảnh chụp màn hình")
        AUDIO = "audio", _("Ghi âm cuộc gọi")

    report = models.ForeignKey(
        Report, verbose_name=_("phản ánh"), on_delete=models.CASCADE, related_name="evidence"
    )
    file = models.FileField(_("tệp"), upload_to=evidence_path, max_length=200)
    type = models.CharField(_("loại"), max_length=5, choices=Type.choices)
    content_type = models.CharField(
        _("định dạng"), max_length=50, help_text=_("Xác định từ nội dung tệp, không theo tên.")
    )
    extension = models.CharField(_("phần mở rộng"), max_length=5)
    size = models.PositiveIntegerField(_("dung lượng (byte)"))
    created_at = models.DateTimeField(_("gửi lúc"), auto_now_add=True)

    class Meta:
        verbose_name = _("bằng chứng")
        verbose_name_plural = _("bằng chứng")
        ordering = ["report", "pk"]

    def __str__(self):
        return f"{self.get_type_display()} ({self.content_type}, {self.size} B)"


@receiver(post_delete, sender=Evidence, dispatch_uid="reports.evidence.delete_file")
def delete_file_when_committed(sender, instance, using, **kwargs):
    """Delete the file of every Evidence row that disappears, once that is committed.

    However the row goes (the citizen's withdrawal, an inspector's erasure,
    a report deleted in admin, one by one or in bulk, a queryset delete, a
    cascade), its file goes too: a file without a row is personal data no
    later erasure can find. Not before the commit: a rollback brings the row
    back, and it must still have its file.
    """
    if instance.file.name:
        transaction.on_commit(partial(delete_evidence_files, [instance.file.name]), using=using)


def orphan_evidence_files(older_than):
    """Names of files in EVIDENCE_DIR that no Evidence row points to, older than `older_than`.

    Through the storage API only, so it works on an object store as on disk.
    The age is what keeps an upload in flight safe: its file is saved before
    its row is committed. Files are listed before the rows are read, so a
    row committed in between still counts.
    """
    storage = evidence_storage()
    names = list(_walk(storage, EVIDENCE_DIR))
    referenced = set(Evidence.objects.values_list("file", flat=True))
    cutoff = timezone.now() - older_than
    return [
        name
        for name in names
        if name not in referenced and storage.get_modified_time(name) < cutoff
    ]


def _walk(storage, folder):
    """Every file name under `folder`, in its subfolders too, through the storage API."""
    try:
        folders, files = storage.listdir(folder)
    except FileNotFoundError:  # nothing was ever uploaded
        return
    for name in sorted(files):
        yield f"{folder}/{name}"
    for name in sorted(folders):
        yield from _walk(storage, f"{folder}/{name}")


class ReportEvent(models.Model):
    """History of a report's triage: who changed its state or assignee, and when."""

    report = models.ForeignKey(
        Report, verbose_name=_("phản ánh"), on_delete=models.CASCADE, related_name="events"
    )
    at = models.DateTimeField(_("lúc"), auto_now_add=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("cán bộ"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    status = models.CharField(_("trạng thái mới"), max_length=10, choices=Report.Status.choices)
    assigned_to = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người xử lý"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    note = models.CharField(_("ghi chú"), max_length=500, blank=True)

    class Meta:
        verbose_name = _("lịch sử xử lý")
        verbose_name_plural = _("lịch sử xử lý")
        ordering = ["report", "at", "pk"]

    def __str__(self):
        return f"{self.report.code} {self.at:%Y-%m-%d %H:%M} {self.get_status_display()}"
