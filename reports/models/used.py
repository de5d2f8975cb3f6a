"""What the scammer used, beyond the number: links, bank accounts, chat accounts, money lost.

A citizen reports a call or a message, and often more than the number it
came from: the link it asked them to open, the account it asked them to pay
into, the Zalo or Telegram account that befriended them. Each is optional,
several of each, kept as the citizen typed it beside a normal form
(`key`) that groups repeats and that inspectors' marks and the look-up go
by (reports.used has the rules).

Keys, one string per thing however it was typed:
- a bank account: `<bank abbr>:<digits>`, `VCB:0011001234567` (`?:…` when
  the citizen did not know the bank);
- a link: its registrable domain, lower case, IDNA (`xn--…`) form:
  `vietcombank.com.vn` for `https://Sub.VietcomBank.com.vn:443/x`;
- a chat account: `<platform>:<handle>`, `zalo:0912345678`, `telegram:abc`.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _


class ReportChannel(models.TextChoices):
    """How the scammer or spammer came: the form's first question."""

    CALL = "call", _("Gọi điện thoại")
    SMS = "sms", _("Tin nhắn SMS")
    ZALO = "zalo", _("Zalo")
    FACEBOOK = "facebook", _("Facebook, Messenger")
    TELEGRAM = "telegram", _("Telegram")
    OTHER_APP = "other_app", _("Ứng dụng khác")
    WEBSITE = "website", _("Trang web")
    EMAIL = "email", _("Email")


class Platform(models.TextChoices):
    """Where a chat or social account lives."""

    ZALO = "zalo", _("Zalo")
    FACEBOOK = "facebook", _("Facebook, Messenger")
    TELEGRAM = "telegram", _("Telegram")
    OTHER = "other", _("Khác")


class PaymentMethod(models.TextChoices):
    TRANSFER = "transfer", _("Chuyển khoản")
    CARD = "card", _("Thẻ ngân hàng")
    EWALLET = "ewallet", _("Ví điện tử")
    TOPUP = "topup", _("Thẻ nạp điện thoại")
    CASH = "cash", _("Tiền mặt")


# What the citizen lost, as Report fields, in the form's and the export's order.
HARM_FIELDS = ("paid", "gave_code", "installed_app", "amount_lost", "payment_method", "lost_on")


class Subject(models.TextChoices):
    """What a look-up, a mark or a repeat row is about."""

    PHONE = "phone", _("Số điện thoại")
    SENDER = "sender", _("Tên người gửi")
    BANK_ACCOUNT = "bank_account", _("Tài khoản ngân hàng")
    DOMAIN = "domain", _("Tên miền")
    SOCIAL = "social", _("Tài khoản mạng xã hội")


class Origin(models.TextChoices):
    CITIZEN = "citizen", _("người dân ghi")
    QR = "qr", _("đọc từ mã QR trong ảnh")


class Bank(models.Model):
    """A Vietnamese bank or e-wallet, as citizens name it: reference data with its source."""

    abbr = models.CharField(
        _("tên viết tắt"),
        max_length=20,
        unique=True,
        help_text=_("Dùng làm khóa của tài khoản (VCB:0011001234567), ví dụ VCB, MOMO."),
    )
    # NULL, not "": e-wallets without a NAPAS BIN must not clash in the unique index.
    bin = models.CharField(
        _("mã BIN (NAPAS)"),
        max_length=6,
        unique=True,
        null=True,
        blank=True,
        help_text=_("6 chữ số NAPAS cấp, có trong mã VietQR, ví dụ 970436."),
    )
    short_name = models.CharField(_("tên ngắn"), max_length=60, help_text=_("Ví dụ Vietcombank."))
    full_name = models.CharField(
        _("tên đầy đủ"),
        max_length=200,
        help_text=_("Ví dụ Ngân hàng TMCP Ngoại thương Việt Nam."),
    )
    aliases = models.TextField(
        _("tên gọi khác"),
        blank=True,
        help_text=_("Mỗi dòng một tên người dân hay gọi, ví dụ Ngân hàng Ngoại thương."),
    )
    is_wallet = models.BooleanField(_("ví điện tử"), default=False)
    hotline = models.CharField(
        _("tổng đài"),
        max_length=20,
        blank=True,
        help_text=_("Số để khóa tài khoản, thẻ: chỉ khi có nguồn ghi dưới đây."),
    )
    source = models.TextField(
        _("nguồn"),
        help_text=_("Dữ liệu lấy từ đâu, ngày nào (danh sách NAPAS, trang của ngân hàng...)."),
    )

    class Meta:
        verbose_name = _("ngân hàng, ví điện tử")
        verbose_name_plural = _("ngân hàng, ví điện tử")
        ordering = ["short_name"]

    def __str__(self):
        return f"{self.short_name} ({self.abbr})"


class ReportLink(models.Model):
    """A link the scammer sent or used; never rendered as a clickable link."""

    report = models.ForeignKey(
        "reports.Report", verbose_name=_("phản ánh"), on_delete=models.CASCADE, related_name="links"
    )
    url = models.CharField(_("đường link"), max_length=2000, help_text=_("Như người dân ghi."))
    domain = models.CharField(
        _("tên miền"),
        max_length=253,
        help_text=_("Tên miền đăng ký (không kể tên miền con), chữ thường, dạng xn-- nếu có dấu."),
    )

    class Meta:
        verbose_name = _("đường link")
        verbose_name_plural = _("đường link")
        indexes = [
            # The look-up and the repeat screen: every report of a domain.
            models.Index(fields=["domain", "report"], name="report_link_domain"),
        ]

    def __str__(self):
        return self.url

    def save(self, *args, **kwargs):
        if not self.domain:
            from ..used import link_domain

            self.domain = link_domain(self.url)
        super().save(*args, **kwargs)


class ReportBankAccount(models.Model):
    """An account the citizen was told to pay into (or a QR code in a screenshot named)."""

    report = models.ForeignKey(
        "reports.Report",
        verbose_name=_("phản ánh"),
        on_delete=models.CASCADE,
        related_name="bank_accounts",
    )
    bank = models.ForeignKey(
        Bank,
        verbose_name=_("ngân hàng"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        help_text=_("Trống khi người dân không biết ngân hàng."),
    )
    bank_as_typed = models.CharField(_("ngân hàng như người dân ghi"), max_length=100, blank=True)
    number = models.CharField(_("số tài khoản"), max_length=19, help_text=_("Chỉ chữ số."))
    key = models.CharField(_("khóa"), max_length=40, editable=False)
    origin = models.CharField(
        _("nguồn"), max_length=10, choices=Origin.choices, default=Origin.CITIZEN
    )
    evidence = models.ForeignKey(
        "reports.Evidence",
        verbose_name=_("ảnh có mã QR"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )

    class Meta:
        verbose_name = _("tài khoản nhận tiền")
        verbose_name_plural = _("tài khoản nhận tiền")
        indexes = [
            # The look-up by bank and number, the repeat screen and marks: by key.
            models.Index(fields=["key", "report"], name="report_account_key"),
            # The look-up by the number alone, whatever the bank.
            models.Index(fields=["number"], name="report_account_number"),
        ]

    def __str__(self):
        bank = self.bank.short_name if self.bank_id else (self.bank_as_typed or "?")
        return f"{bank} {self.number}"

    def save(self, *args, **kwargs):
        self.key = account_key(self.bank.abbr if self.bank_id else "", self.number)
        super().save(*args, **kwargs)


def account_key(abbr, number):
    """`VCB:0011001234567`; `?:…` when the bank is not known."""
    return f"{abbr or '?'}:{number}"


class ReportSocialAccount(models.Model):
    """A chat or social account: platform and handle, phone or profile link."""

    report = models.ForeignKey(
        "reports.Report",
        verbose_name=_("phản ánh"),
        on_delete=models.CASCADE,
        related_name="social_accounts",
    )
    platform = models.CharField(_("nền tảng"), max_length=10, choices=Platform.choices)
    handle = models.CharField(
        _("tài khoản"),
        max_length=200,
        help_text=_("Như người dân ghi: tên, số điện thoại hoặc đường link trang cá nhân."),
    )
    key = models.CharField(_("khóa"), max_length=220, editable=False)

    class Meta:
        verbose_name = _("tài khoản mạng xã hội")
        verbose_name_plural = _("tài khoản mạng xã hội")
        indexes = [
            # The look-up, the repeat screen and marks: by key.
            models.Index(fields=["key", "report"], name="report_social_key"),
        ]

    def __str__(self):
        return f"{self.get_platform_display()}: {self.handle}"

    def save(self, *args, **kwargs):
        from ..used import social_key

        self.key = social_key(self.platform, self.handle)
        super().save(*args, **kwargs)
