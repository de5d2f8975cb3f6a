import datetime
import logging
import re
import secrets
from functools import partial

from django.conf import settings
from django.core.files.base import ContentFile
from django.core.validators import RegexValidator
from django.db import connections, models, transaction
from django.db.models.expressions import RawSQL
from django.db.models.signals import post_delete
from django.dispatch import receiver
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from .case_codes import NATIONAL as NATIONAL_CASE_CODE
from .limits import MAX_CONTENT_LENGTH, MAX_LIST_LENGTH, MAX_SUMMARY_LENGTH, MaxTextLength
from .numbers import number_index, sender_name_pattern
from .text import fold, search_key, vn_slug

# A letter's numbers as an array, as the GIN index advisory_numbers holds them on
# PostgreSQL (migration 0012 writes the same expression: the planner uses the
# index only for the very same text).
NUMBERS_ARRAY = "string_to_array(btrim(numbers), ' ')"

logger = logging.getLogger("advisories.models")


class ProvinceQuerySet(models.QuerySet):
    def current(self):
        return self.filter(is_current=True)

    def former(self):
        return self.filter(is_current=False)


class Province(models.Model):
    """A provincial unit, current (34 since 1 July 2025) or former (pre-2025).

    Citizens and the 2024 letters use the old names, so a former unit is kept
    and points to the unit it now belongs to (`merged_into`).
    """

    class Kind(models.TextChoices):
        PROVINCE = "tinh", _("Tỉnh")
        CITY = "thanh-pho", _("Thành phố trực thuộc trung ương")

    name = models.CharField(
        _("tên"), max_length=100, help_text=_("Tên không kèm “Tỉnh”/“Thành phố”, ví dụ: Đắk Lắk.")
    )
    slug = models.SlugField(
        _("mã đường dẫn"),
        max_length=100,
        unique=True,
        help_text=_("Tên bỏ dấu, chữ thường, nối bằng gạch ngang, ví dụ: dak-lak."),
    )
    kind = models.CharField(_("loại"), max_length=10, choices=Kind.choices)
    is_current = models.BooleanField(
        _("đang tồn tại"),
        default=True,
        help_text=_("Bỏ chọn với đơn vị đã sáp nhập năm 2025."),
    )
    merged_into = models.ForeignKey(
        "self",
        verbose_name=_("nay thuộc"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="former_units",
        help_text=_("Đơn vị hành chính hiện nay mà đơn vị cũ đã nhập vào."),
        limit_choices_to={"is_current": True},
    )
    # NULL, not "": a unit added without a code must not clash with another in the unique index.
    case_code = models.CharField(  # noqa: DJ001
        _("mã hồ sơ"),
        max_length=4,
        null=True,
        blank=True,
        validators=[
            RegexValidator(r"^[A-Z]{2,4}$", _("Từ 2 đến 4 chữ cái in hoa, không dấu.")),
            RegexValidator(
                rf"^{NATIONAL_CASE_CODE}$",
                _("Mã này dành cho phản ánh không thuộc tỉnh, thành phố nào."),
                inverse_match=True,
            ),
        ],
        help_text=_(
            "Đầu số hồ sơ của phản ánh thuộc tỉnh, thành phố này, ví dụ DL trong DL-2026-000123. "
            "Đổi mã không đổi số hồ sơ đã cấp."
        ),
    )

    objects = ProvinceQuerySet.as_manager()

    class Meta:
        verbose_name = _("tỉnh, thành phố")
        verbose_name_plural = _("tỉnh, thành phố")
        ordering = ["name"]
        constraints = [
            # A current unit belongs to nobody; a former unit always to a current one.
            models.CheckConstraint(
                condition=models.Q(is_current=True, merged_into__isnull=True)
                | models.Q(is_current=False, merged_into__isnull=False),
                name="province_current_xor_merged",
            ),
            # Case numbers (reports.case_numbers) are unique only if their prefixes are.
            models.UniqueConstraint(fields=["case_code"], name="province_case_code_unique"),
        ]

    def __str__(self):
        return self.name if self.is_current else f"{self.name} (cũ)"

    @property
    def full_name(self):
        """As written in official text: `Tỉnh Đắk Lắk`, `Thành phố Huế`."""
        prefix = "Thành phố" if self.kind == self.Kind.CITY else "Tỉnh"
        return f"{prefix} {self.name}"

    def resolve(self):
        """The current unit this one is (itself) or now belongs to."""
        return self if self.is_current else self.merged_into

    def family(self):
        """The current unit and every former unit merged into it."""
        current = self.resolve()
        return [current, *current.former_units.all()]

    @classmethod
    def lookup(cls, value):
        """Find a province by slug or by name, old or new, with or without diacritics.

        Returns None when nothing matches.
        """
        if not value:
            return None
        text = str(value).strip()
        found = cls.objects.select_related("merged_into").filter(slug=text.lower()).first()
        if found:
            return found
        folded = fold(text).lower()
        for prefix in ("tinh ", "thanh pho ", "tp. ", "tp "):
            if folded.startswith(prefix):
                folded = folded[len(prefix) :]
                break
        return cls.objects.select_related("merged_into").filter(slug=vn_slug(folded)).first()

    @classmethod
    def resolve_slug(cls, value):
        """`binh-phuoc` → the current unit (Đồng Nai); None if unknown."""
        found = cls.lookup(value)
        return found.resolve() if found else None


class Organization(models.Model):
    """A body that issues advisory letters, as printed in the letter's header."""

    class Level(models.TextChoices):
        NATIONAL = "national", _("Trung ương")
        PROVINCIAL = "provincial", _("Cấp tỉnh")
        DISTRICT = "district", _("Cấp huyện")

    name = models.CharField(
        _("tên cơ quan"),
        max_length=200,
        help_text=_("Tên đầy đủ, ví dụ: Sở Thông tin và Truyền thông tỉnh Đắk Lắk."),
    )
    header_name = models.CharField(
        _("tên in trên tiêu đề"),
        max_length=200,
        help_text=_("Dòng thứ hai của tiêu đề văn bản, ví dụ: SỞ THÔNG TIN VÀ TRUYỀN THÔNG."),
    )
    parent_body = models.CharField(
        _("cơ quan chủ quản"),
        max_length=200,
        blank=True,
        help_text=_("Dòng đầu tiêu đề văn bản, ví dụ: UBND TỈNH ĐẮK LẮK."),
    )
    symbol = models.CharField(
        _("ký hiệu"),
        max_length=30,
        help_text=_("Chữ viết tắt trong số, ký hiệu văn bản, ví dụ: STTTT, PVHTT."),
    )
    level = models.CharField(_("cấp"), max_length=12, choices=Level.choices)
    province = models.ForeignKey(
        Province,
        verbose_name=_("tỉnh, thành phố"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="organizations",
        help_text=_(
            "Địa bàn của cơ quan, theo tên tại thời điểm ban hành. Trống nếu là cơ quan trung ương."
        ),
    )
    place = models.CharField(
        _("địa danh"),
        max_length=100,
        blank=True,
        help_text=_("Địa danh ghi ở dòng ngày tháng, ví dụ: Ea Súp, Đắk Lắk."),
    )
    slug = models.SlugField(_("mã đường dẫn"), max_length=120, unique=True)
    members = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("cán bộ"),
        blank=True,
        related_name="organizations",
        help_text=_("Cán bộ được đăng công văn của cơ quan này."),
    )
    requires_second_approval = models.BooleanField(
        _("cần cán bộ thứ hai duyệt"),
        default=True,
        help_text=_(
            "Bật: công văn một cán bộ đăng chỉ hiện với người dân sau khi một cán bộ khác "
            "cùng phạm vi duyệt. Chỉ tắt với cơ quan chỉ có một cán bộ và đã được phê duyệt."
        ),
    )

    class Meta:
        verbose_name = _("cơ quan ban hành")
        verbose_name_plural = _("cơ quan ban hành")
        ordering = ["name"]

    def __str__(self):
        return self.name


class ScamPattern(models.Model):
    """A way scammers work, as the letters describe it (editable taxonomy)."""

    slug = models.SlugField(_("mã"), max_length=50, unique=True)
    name = models.CharField(_("tên"), max_length=150, help_text=_("Ngắn gọn, người dân đọc hiểu."))
    name_en = models.CharField(
        _("tên tiếng Anh"),
        max_length=150,
        blank=True,
        help_text=_("Hiện cho người xem bằng tiếng Anh; để trống thì hiện tên tiếng Việt."),
    )
    description = models.TextField(_("mô tả"), blank=True)
    position = models.PositiveSmallIntegerField(
        _("thứ tự"), default=0, help_text=_("Thứ tự trong danh sách đánh dấu của người dân.")
    )

    class Meta:
        verbose_name = _("thủ đoạn lừa đảo")
        verbose_name_plural = _("thủ đoạn lừa đảo")
        ordering = ["position", "name"]

    def __str__(self):
        return self.display_name

    @property
    def display_name(self):
        """In the visitor's language: the checkbox labels of the report form use it."""
        if self.name_en and get_language() == "en":
            return self.name_en
        return self.name


class DatePrecision(models.TextChoices):
    DAY = "day", _("Đến ngày")
    MONTH = "month", _("Đến tháng")
    YEAR = "year", _("Đến năm")


NUMBER = re.compile(r"\+?[0-9]+")  # a normalised phone number or short code


class AdvisoryQuerySet(models.QuerySet):
    def published(self):
        """What citizens may see. Every public view starts here."""
        return self.filter(status=Advisory.Status.PUBLISHED, published_at__lte=timezone.now())

    def for_province(self, province):
        """Letters of a province's issuers, including the former units merged into it."""
        return self.filter(issuer__province__in=province.family())

    def search(self, query):
        """Case- and diacritic-insensitive: `lua dao mao danh` finds `lừa đảo mạo danh`."""
        qs = self
        for word in search_key(query).split():
            qs = qs.filter(search_text__contains=word)
        return qs

    def mentioning(self, source):
        """Letters that mention a source in its normal form (reports.phones.normalize_source).

        A number or short code as a whole number (`156` is not in `1560` nor
        in `19/7/2024`); a sender name as a whole word (`x` is not in `xã`).
        """
        if NUMBER.fullmatch(source):
            # Both through the index advisory_numbers (migration 0012): on PostgreSQL
            # a GIN index over the numbers as an array; on SQLite, a subquery that
            # reads `numbers` alone scans a narrow index, not every letter's text.
            if connections[self.db].vendor == "postgresql":
                sql = f"SELECT id FROM advisories_advisory WHERE {NUMBERS_ARRAY} @> ARRAY[%s]"
                return self.filter(pk__in=RawSQL(sql, [source]))
            matching = Advisory.objects.filter(numbers__contains=f" {source} ").values("pk")
            return self.filter(pk__in=matching)
        return self.filter(search_text__regex=sender_name_pattern(source))


SLUG_WORDS = 7  # of the summary: enough to tell two letters of a month apart
SLUG_MAX = 100

# The folder of the default storage that holds the letters' signed originals, and nothing else.
LETTERS_DIR = "letters"
ORIGINAL_EXTENSIONS = {
    "application/pdf": "pdf",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document": "docx",
    "image/png": "png",
    "image/jpeg": "jpg",
    "image/webp": "webp",
}


def original_path(instance, filename):
    """A random name; the extension comes from the detected type, never the uploaded name."""
    extension = ORIGINAL_EXTENSIONS.get(instance.original_content_type, "bin")
    return f"{LETTERS_DIR}/{secrets.token_hex(16)}.{extension}"


def delete_original_files(names):
    """Delete stored originals by name; one that cannot go is logged, never raised."""
    storage = Advisory._meta.get_field("original_file").storage
    for name in names:
        try:
            storage.delete(name)
        # Any storage's error (a file system's OSError, an object store's own).
        except Exception as error:
            logger.error("Could not delete letter original %s (%s)", name, type(error).__name__)


class Advisory(models.Model):
    """An advisory letter (công văn cảnh báo), recording what the letter says, no more."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("Bản nháp")
        # Proposed by one publisher, not yet public: a second one approves it
        # (advisories.approval), so one password alone cannot publish a fake letter.
        PENDING = "pending", _("Chờ duyệt")
        PUBLISHED = "published", _("Đã đăng")

    issuer = models.ForeignKey(
        Organization,
        verbose_name=_("cơ quan ban hành"),
        on_delete=models.PROTECT,
        related_name="advisories",
    )
    number = models.CharField(
        _("số"),
        max_length=20,
        blank=True,
        help_text=_("Để trống khi văn bản chưa vào số (như trong văn bản gốc)."),
    )
    symbol = models.CharField(
        _("ký hiệu"),
        max_length=60,
        help_text=_("Phần sau dấu “/”, ví dụ: STTTT-TTra."),
    )
    place = models.CharField(
        _("địa danh"), max_length=100, help_text=_("Như ghi trong văn bản, ví dụ: Ea Súp.")
    )
    issued_year = models.PositiveSmallIntegerField(_("năm ban hành"))
    issued_month = models.PositiveSmallIntegerField(_("tháng ban hành"), null=True, blank=True)
    issued_day = models.PositiveSmallIntegerField(
        _("ngày ban hành"),
        null=True,
        blank=True,
        help_text=_("Để trống nếu văn bản để trống ngày: cổng không bao giờ tự điền ngày."),
    )
    date_precision = models.CharField(
        _("độ chính xác của ngày"),
        max_length=5,
        choices=DatePrecision.choices,
        default=DatePrecision.DAY,
    )
    issued_on = models.DateField(
        _("ngày để sắp xếp"),
        editable=False,
        help_text=_("Ngày đầu của khoảng thời gian đã biết; chỉ dùng để sắp xếp."),
    )
    # Free text is bounded by validators, not max_length: max_length would become the
    # textarea's maxlength, and a browser cuts a longer paste short without a word.
    summary = models.TextField(
        _("trích yếu"),
        help_text=_("Phần sau “V/v”, ví dụ: cảnh báo các cuộc gọi mạo danh…"),
        validators=[MaxTextLength(MAX_SUMMARY_LENGTH)],
    )
    recipients = models.TextField(
        _("kính gửi"),
        blank=True,
        help_text=_("Mỗi nơi nhận một dòng, theo thứ tự trong văn bản."),
        validators=[MaxTextLength(MAX_LIST_LENGTH)],
    )
    content = models.TextField(
        _("nội dung"),
        help_text=_(
            "Các đoạn cách nhau một dòng trống; dòng bắt đầu bằng “- ” là gạch đầu dòng; "
            "**in đậm**, *in nghiêng*. Không dùng HTML."
        ),
        validators=[MaxTextLength(MAX_CONTENT_LENGTH)],
    )
    signer_authority = models.CharField(
        _("thẩm quyền ký"),
        max_length=100,
        blank=True,
        help_text=_("Ví dụ: KT. GIÁM ĐỐC. Để trống khi người đứng đầu ký."),
    )
    signer_title = models.CharField(
        _("chức vụ người ký"), max_length=100, help_text=_("Ví dụ: PHÓ GIÁM ĐỐC.")
    )
    signer_name = models.CharField(_("họ tên người ký"), max_length=100, blank=True)
    distribution = models.TextField(
        _("nơi nhận"),
        blank=True,
        help_text=_("Mỗi nơi nhận một dòng, theo thứ tự trong văn bản."),
        validators=[MaxTextLength(MAX_LIST_LENGTH)],
    )
    patterns = models.ManyToManyField(
        ScamPattern,
        verbose_name=_("thủ đoạn được cảnh báo"),
        blank=True,
        related_name="advisories",
    )
    status = models.CharField(
        _("trạng thái"), max_length=10, choices=Status.choices, default=Status.DRAFT
    )
    # Set by the server when the letter becomes public (advisories.approval), never typed:
    # a typed date let a publisher backdate a letter.
    published_at = models.DateTimeField(_("thời điểm đăng"), null=True, blank=True, editable=False)
    proposed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người đề nghị đăng"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        editable=False,
        help_text=_(
            "Cán bộ đề nghị đăng (hoặc sửa lần cuối trước khi duyệt); không được tự duyệt."
        ),
    )
    proposed_at = models.DateTimeField(_("đề nghị đăng lúc"), null=True, blank=True, editable=False)
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người duyệt đăng"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        editable=False,
    )
    approved_at = models.DateTimeField(_("duyệt đăng lúc"), null=True, blank=True, editable=False)
    approver_role = models.CharField(
        _("vai trò người duyệt"),
        max_length=300,
        blank=True,
        editable=False,
        help_text=_(
            "Vai trò và cơ quan của người duyệt khi duyệt, hiện trên trang kiểm tra công văn "
            "(không hiện tên)."
        ),
    )
    slug = models.SlugField(
        _("mã đường dẫn"),
        max_length=150,
        unique=True,
        help_text=_("Đường dẫn cố định của công văn; không đổi sau khi đăng."),
    )
    search_text = models.TextField(editable=False, default="")
    # ` 0888596677 156 5656 `: the phone numbers and short codes the letter
    # mentions, normalised like reported sources, for the number look-up.
    numbers = models.TextField(editable=False, default="")
    import_key = models.CharField(
        _("khóa nhập"),
        max_length=64,
        blank=True,
        editable=False,
        help_text=_("Dấu vân tay của tệp đã nhập; giữ nguyên khi cán bộ sửa công văn."),
    )
    # The signed, sealed file (PDF, scan, .docx): stored under a random name
    # outside static files, served only through advisories.views.advisory_original.
    original_file = models.FileField(
        _("bản gốc"), upload_to=original_path, max_length=200, blank=True, editable=False
    )
    original_content_type = models.CharField(
        _("định dạng bản gốc"),
        max_length=100,
        blank=True,
        editable=False,
        help_text=_("Xác định từ nội dung tệp, không theo tên."),
    )
    original_size = models.PositiveIntegerField(
        _("dung lượng bản gốc (byte)"), null=True, blank=True, editable=False
    )
    original_name = models.CharField(
        _("tên tệp bản gốc"), max_length=200, blank=True, editable=False
    )
    read_by_ocr = models.BooleanField(
        _("đọc bằng OCR, chưa kiểm tra"),
        default=False,
        editable=False,
        help_text=_("Công văn đọc từ bản quét; hết đánh dấu khi cán bộ lưu lại lần đầu."),
    )
    created_at = models.DateTimeField(_("tạo lúc"), auto_now_add=True)
    updated_at = models.DateTimeField(_("sửa lúc"), auto_now=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người tạo"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        editable=False,
    )
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người sửa"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        editable=False,
    )

    objects = AdvisoryQuerySet.as_manager()

    class Meta:
        verbose_name = _("công văn")
        verbose_name_plural = _("công văn")
        ordering = ["-issued_on", "-published_at", "-pk"]
        permissions = [
            # Given to publishers and administrators (migration 0015); a letter's
            # proposer never approves it, whatever their permissions.
            ("approve_advisory", _("Duyệt đăng công văn do cán bộ khác đề nghị")),
        ]
        indexes = [
            # The public list: published letters, newest first. published_at and
            # issued_year ride along so that its count, its year filter's choices and
            # the page cache's next scheduled letter read the index, not 10,000 rows.
            models.Index(
                fields=["status", "-issued_on", "published_at", "issued_year"],
                name="advisory_public_list",
            ),
        ]
        constraints = [
            # The importer finds a letter it already stored by this key, even after
            # staff edited its summary; two concurrent imports cannot both insert.
            models.UniqueConstraint(
                fields=["import_key"],
                condition=~models.Q(import_key=""),  # letters typed in admin have none
                name="advisory_unique_import_key",
            ),
        ]

    def __str__(self):
        return f"{self.display_number} — {self.summary[:80]}"

    def save(self, *args, **kwargs):
        self.fill_derived_fields()
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("advisories:detail", kwargs={"slug": self.slug})

    def fill_derived_fields(self):
        """issued_on, search_text and numbers from what staff typed.

        save() calls it; so must code that bulk-creates letters (bulk_create
        skips save()), or the letters never sort, never match a search and
        never answer the number look-up.
        """
        self.issued_on = datetime.date(
            self.issued_year, self.issued_month or 1, self.issued_day or 1
        )
        self.search_text = search_key(
            " ".join(
                [
                    self.number,
                    self.symbol,
                    self.display_number,
                    self.place,
                    self.summary,
                    self.content,
                    self.signer_name,
                    self.issuer.name if self.issuer_id else "",
                ]
            )
        )
        self.numbers = number_index(self.summary, self.content)

    def unique_slug(self):
        """`2024-09-stttt-ninh-thuan-canh-bao-viec-loi-dung-danh-nghia`, suffixed if taken.

        Date, issuer, number and the summary's first words, for the importer and
        the admin alike. Set once: a published letter's address is shared on
        Zalo and Facebook and must never change. Staff never type it: the issuer's
        own slug comes right after the date, so a "-2" can only come from the
        same body's letters, never reveal another body's draft. It starts with
        the year, so it never shadows /advisories/feed/ or /advisories/verify/.
        """
        month = f"-{self.issued_month:02d}" if self.issued_month else ""
        words = [f"{self.issued_year}{month}", self.issuer.slug if self.issuer_id else "cong-van"]
        if self.number:
            words.append(vn_slug(self.number))
        base = "-".join(words)
        for word in vn_slug(self.summary).split("-")[:SLUG_WORDS]:
            if len(base) + 1 + len(word) > SLUG_MAX:
                break
            base = f"{base}-{word}"
        taken = Advisory.objects.exclude(pk=self.pk) if self.pk else Advisory.objects.all()
        slug, n = base, 1
        while taken.filter(slug=slug).exists():
            n += 1
            slug = f"{base}-{n}"
        return slug

    def clean(self):
        from .dates import validate_issue_date

        validate_issue_date(self)

    @property
    def display_number(self):
        """`1386/STTTT-BCVT`, or `/STTTT-TTra` while the number is blank (as printed)."""
        return f"{self.number}/{self.symbol}"

    @property
    def province(self):
        return self.issuer.province

    # -- the signed original ---------------------------------------------------

    @property
    def original_kind(self):
        """`PDF`, `DOCX`, `PNG`…: what the public page calls the original."""
        extension = ORIGINAL_EXTENSIONS.get(self.original_content_type, "")
        return {"jpg": "JPEG"}.get(extension, extension.upper())

    @property
    def original_inline(self):
        """A PDF or an image opens in the browser; anything else is downloaded."""
        return self.original_content_type == "application/pdf" or (
            self.original_content_type.startswith("image/")
        )

    def replace_original(self, content, content_type, name):
        """Store `content` as the original (saved at once); the old file goes after commit."""
        old = self.original_file.name
        self.original_content_type = content_type
        self.original_size = len(content)
        self.original_name = name[: self._meta.get_field("original_name").max_length]
        self.original_file.save("original", ContentFile(content), save=False)
        self.save(update_fields=[*ORIGINAL_FIELDS, "updated_at"])
        if old:
            transaction.on_commit(partial(delete_original_files, [old]))

    def remove_original(self):
        """No original any more; its file goes once that is committed."""
        old = self.original_file.name
        if not old:
            return
        self.original_file = ""
        self.original_content_type = ""
        self.original_size = None
        self.original_name = ""
        self.save(update_fields=[*ORIGINAL_FIELDS, "updated_at"])
        transaction.on_commit(partial(delete_original_files, [old]))

    @property
    def recipient_list(self):
        return [line.strip() for line in self.recipients.splitlines() if line.strip()]

    @property
    def distribution_list(self):
        return [line.strip() for line in self.distribution.splitlines() if line.strip()]

    @property
    def date_display(self):
        """As in the letter: `ngày … tháng 02 năm 2024` when the day is unknown.

        Decree 30/2020: days 1-9 and months 1-2 take a leading zero.
        """
        day = f"{self.issued_day:02d}" if self.issued_day else "…"
        if self.issued_month:
            month = f"{self.issued_month:02d}" if self.issued_month <= 2 else str(self.issued_month)
        else:
            month = "…"
        return f"ngày {day} tháng {month} năm {self.issued_year}"


ORIGINAL_FIELDS = ["original_file", "original_content_type", "original_size", "original_name"]


@receiver(post_delete, sender=Advisory, dispatch_uid="advisories.advisory.delete_original")
def delete_original_when_committed(sender, instance, using, **kwargs):
    """Removing a letter removes its original, once that is committed (a rollback keeps both)."""
    if instance.original_file.name:
        transaction.on_commit(
            partial(delete_original_files, [instance.original_file.name]), using=using
        )


class CitedDocument(models.Model):
    """A document a letter cites ("Công văn số 1386/STTTT-BCVT ngày 19/7/2024 của …")."""

    advisory = models.ForeignKey(
        Advisory, verbose_name=_("công văn"), on_delete=models.CASCADE, related_name="citations"
    )
    position = models.PositiveSmallIntegerField(_("thứ tự"), default=0)
    kind = models.CharField(
        _("loại văn bản"), max_length=50, help_text=_("Ví dụ: Công văn, Chỉ thị, Quyết định.")
    )
    number_symbol = models.CharField(
        _("số, ký hiệu"), max_length=80, help_text=_("Ví dụ: 1386/STTTT-BCVT.")
    )
    issued_on = models.DateField(_("ngày ban hành"), null=True, blank=True)
    issuer_as_written = models.CharField(
        _("cơ quan ban hành (như ghi)"),
        max_length=200,
        blank=True,
        help_text=_("Ví dụ: Sở Thông tin và Truyền thông."),
    )
    cited_advisory = models.ForeignKey(
        Advisory,
        verbose_name=_("công văn trên cổng"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="cited_by",
        help_text=_("Công văn được dẫn, nếu cổng có đăng."),
    )

    class Meta:
        verbose_name = _("văn bản được dẫn")
        verbose_name_plural = _("văn bản được dẫn")
        ordering = ["advisory", "position"]

    def __str__(self):
        return f"{self.kind} số {self.number_symbol}"


# Scans read by OCR in the job worker: a module of their own (this one is long enough),
# imported here so that Django finds the model with the app's others.
from .readings import LetterReading  # noqa: E402, F401
