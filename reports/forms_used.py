"""The report form's questions about how they came and what they used.

How they came (`channel`) and whether it was a scam (`scam`) replace the
S/V/LD codes as the first questions (reports.channels turns them into the
keyword). What they used, each optional, several of each, in plain fields a
page without JavaScript can post: `links` (one per line), `bank_1`/`account_1`
… `bank_3`/`account_3`, `platform_1`/`handle_1` … and the money lost.

ReportForm inherits these fields and calls, from its clean(),
`clean_what_was_used()` (leaves `links`, `bank_accounts` and
`social_accounts` in cleaned_data as lists for filing._store), then
`_clean_report_kind()` (the keyword, channel, source, content and SMS).
"""

import datetime

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.text import format_lazy
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from .amounts import parse_amount
from .banks import find_bank
from .channels import ChannelError, channel_for, composes_without_source, resolve_kind
from .models.used import HARM_FIELDS, Bank, PaymentMethod, Platform, ReportChannel
from .phones import source_warnings
from .sms import CompositionError, Kind, clean_text, compose, normalize_content
from .used import URL_MAX_LENGTH, link_domain, normalize_account_number, social_key

MAX_LINKS = 5
ACCOUNT_ROWS = (1, 2, 3)
SOCIAL_ROWS = (1, 2, 3)
BANK_TEXT_MAX_LENGTH = 100
EARLIEST_LOSS = datetime.date(2000, 1, 1)

SCAM_YES, SCAM_NO = "1", "0"
SCAM_CHOICES = [
    (SCAM_YES, gettext_lazy("Lừa đảo: đòi tiền, mã OTP, mật khẩu, dọa nạt, giả danh")),
    (SCAM_NO, gettext_lazy("Quảng cáo, làm phiền (rác)")),
]
# What a JSON body's `"scam": true` or a hand-made form sends.
_SCAM_VALUES = {"1": SCAM_YES, "true": SCAM_YES, "on": SCAM_YES, "0": SCAM_NO, "false": SCAM_NO}
BLANK = [("", gettext_lazy("— Chọn —"))]


class BankInput(forms.TextInput):
    """Free text with the banks as suggestions (one <datalist> for every row)."""

    def __init__(self):
        super().__init__(attrs={"autocomplete": "off", "list": "bank-list"})


def _bank_field(n):
    return forms.CharField(
        label=format_lazy(gettext_lazy("Ngân hàng, ví điện tử (tài khoản {n})"), n=n),
        required=False,
        widget=BankInput(),
    )


def _account_field(n):
    return forms.CharField(
        label=format_lazy(gettext_lazy("Số tài khoản, số thẻ, số ví {n}"), n=n),
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "off", "inputmode": "numeric"}),
    )


def _platform_field(n):
    return forms.ChoiceField(
        label=format_lazy(gettext_lazy("Nền tảng (tài khoản mạng xã hội {n})"), n=n),
        choices=BLANK + Platform.choices,
        required=False,
        error_messages={
            "invalid_choice": gettext_lazy("Hãy chọn Zalo, Facebook, Telegram hoặc khác.")
        },
    )


def _handle_field(n):
    return forms.CharField(
        label=format_lazy(gettext_lazy("Tên, số điện thoại hoặc link tài khoản {n}"), n=n),
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "off"}),
    )


def bank_suggestions():
    """(name, hint) for the bank <datalist>: what citizens type, the abbreviation shown."""
    return Bank.objects.order_by("short_name").values_list("short_name", "abbr")


class WhatWasUsedFields(forms.Form):
    channel = forms.ChoiceField(
        label=gettext_lazy("Họ liên lạc với bạn bằng cách nào?"),
        choices=ReportChannel.choices,
        widget=forms.RadioSelect,
        required=False,  # resolve_kind() says what is missing, with `kind` in mind
        error_messages={
            "invalid_choice": gettext_lazy(
                "Cách liên lạc phải là call, sms, zalo, facebook, telegram, other_app, "
                "website hoặc email."
            )
        },
    )
    scam = forms.ChoiceField(
        label=gettext_lazy("Đây là lừa đảo hay quảng cáo, làm phiền?"),
        choices=SCAM_CHOICES,
        widget=forms.RadioSelect,
        required=False,
        error_messages={
            "invalid_choice": gettext_lazy("Hãy chọn lừa đảo (1) hay quảng cáo, làm phiền (0).")
        },
    )
    links = forms.CharField(
        label=gettext_lazy("Đường link họ gửi hoặc bảo bạn mở"),
        help_text=format_lazy(
            gettext_lazy("Mỗi dòng một link, tối đa {count}. Chép nguyên văn; đừng mở link."),
            count=MAX_LINKS,
        ),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2, "autocomplete": "off", "spellcheck": "false"}),
    )
    bank_1, account_1 = _bank_field(1), _account_field(1)
    bank_2, account_2 = _bank_field(2), _account_field(2)
    bank_3, account_3 = _bank_field(3), _account_field(3)
    platform_1, handle_1 = _platform_field(1), _handle_field(1)
    platform_2, handle_2 = _platform_field(2), _handle_field(2)
    platform_3, handle_3 = _platform_field(3), _handle_field(3)
    paid = forms.BooleanField(label=gettext_lazy("Tôi đã chuyển tiền, trả tiền"), required=False)
    gave_code = forms.BooleanField(
        label=gettext_lazy("Tôi đã đọc, gửi mã OTP hoặc mật khẩu"), required=False
    )
    installed_app = forms.BooleanField(
        label=gettext_lazy("Tôi đã cài ứng dụng họ bảo cài"), required=False
    )
    amount_lost = forms.CharField(
        label=gettext_lazy("Số tiền đã mất (đồng)"),
        help_text=gettext_lazy("Ví dụ 5.000.000 hoặc 5 triệu."),
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "off", "inputmode": "text"}),
    )
    payment_method = forms.ChoiceField(
        label=gettext_lazy("Chuyển bằng cách nào"),
        choices=BLANK + PaymentMethod.choices,
        required=False,
        error_messages={
            "invalid_choice": gettext_lazy(
                "Cách chuyển tiền phải là transfer, card, ewallet, topup hoặc cash."
            )
        },
    )
    lost_on = forms.DateField(
        label=gettext_lazy("Ngày chuyển tiền"),
        required=False,
        input_formats=["%Y-%m-%d", "%d/%m/%Y"],
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        error_messages={
            "invalid": gettext_lazy("Hãy nhập ngày dạng ngày/tháng/năm, ví dụ 05/03/2025.")
        },
    )

    USED_FIELDS = (
        "links",
        *(f"{name}_{n}" for n in ACCOUNT_ROWS for name in ("bank", "account")),
        *(f"{name}_{n}" for n in SOCIAL_ROWS for name in ("platform", "handle")),
        *HARM_FIELDS,
    )

    @staticmethod
    def normalize_data(data):
        """`scam` as a JSON boolean or "true": the radio button it stands for."""
        if "scam" in data:
            value = str(data.get("scam") or "").strip().lower()
            data["scam"] = _SCAM_VALUES.get(value, value)
        return data

    @property
    def used_open(self):
        """Whether the <details> of what they used opens: any value given, or an error."""
        names = self.USED_FIELDS
        if any(name in self.errors for name in names):
            return True
        if self.is_bound:
            return any(str(self.data.get(name) or "").strip() for name in names)
        return any(self.initial.get(name) for name in names)

    @property
    def bank_rows(self):
        """(bank field, account field) per row, for the template."""
        return [(self[f"bank_{n}"], self[f"account_{n}"]) for n in ACCOUNT_ROWS]

    @property
    def social_rows(self):
        return [(self[f"platform_{n}"], self[f"handle_{n}"]) for n in SOCIAL_ROWS]

    def scam_answer(self):
        """True, False or None (not answered)."""
        value = self.cleaned_data.get("scam")
        return None if not value else value == SCAM_YES

    def clean_links(self):
        lines = [
            clean_text(line) for line in str(self.cleaned_data.get("links") or "").splitlines()
        ]
        lines = [line for line in lines if line]
        if len(lines) > MAX_LINKS:
            raise ValidationError(
                _("Chỉ ghi được tối đa %(limit)s đường link; bạn đã ghi %(count)s.")
                % {"limit": MAX_LINKS, "count": len(lines)}
            )
        links, errors = [], []
        for n, url in enumerate(lines, 1):
            try:
                if len(url) > URL_MAX_LENGTH:
                    raise ValueError(
                        _("Đường link dài quá %(limit)s ký tự.") % {"limit": URL_MAX_LENGTH}
                    )
                links.append({"url": url, "domain": link_domain(url)})
            except ValueError as error:
                errors.append(_("Đường link %(n)s: %(message)s") % {"n": n, "message": error})
        if errors:
            raise ValidationError(errors)
        return links

    def clean_amount_lost(self):
        try:
            return parse_amount(self.cleaned_data.get("amount_lost"))
        except ValueError as error:
            raise ValidationError(str(error)) from None

    def clean_lost_on(self):
        value = self.cleaned_data.get("lost_on")
        if value is None:
            return None
        if value > timezone.localdate():
            raise ValidationError(_("Ngày này còn ở tương lai: hãy kiểm tra lại."))
        if value < EARLIEST_LOSS:
            raise ValidationError(_("Hãy nhập ngày từ năm 2000 trở lại đây."))
        return value

    def _clean_bank_accounts(self):
        accounts = []
        for n in ACCOUNT_ROWS:
            bank_text = clean_text(self.cleaned_data.get(f"bank_{n}"))
            number_text = clean_text(self.cleaned_data.get(f"account_{n}"))
            if not bank_text and not number_text:
                continue
            if len(bank_text) > BANK_TEXT_MAX_LENGTH:
                self.add_error(
                    f"bank_{n}",
                    _("Tên ngân hàng dài quá %(limit)s ký tự.") % {"limit": BANK_TEXT_MAX_LENGTH},
                )
                continue
            if not number_text:
                self.add_error(
                    f"account_{n}",
                    _("Hãy ghi số tài khoản đã nhận tiền, hoặc xóa tên ngân hàng."),
                )
                continue
            try:
                number = normalize_account_number(number_text)
            except ValueError as error:
                self.add_error(f"account_{n}", str(error))
                continue
            # An unknown bank is kept as typed, never refused: the number still counts.
            bank = find_bank(bank_text) if bank_text else None
            accounts.append({"bank": bank, "bank_as_typed": bank_text, "number": number})
        return accounts

    def _clean_social_accounts(self, channel):
        accounts = []
        for n in SOCIAL_ROWS:
            platform = self.cleaned_data.get(f"platform_{n}") or ""
            handle = clean_text(self.cleaned_data.get(f"handle_{n}"))
            if not handle:
                if platform and f"platform_{n}" not in self.errors:
                    self.add_error(
                        f"handle_{n}",
                        _("Hãy ghi tên tài khoản, số điện thoại hoặc link, hoặc bỏ chọn nền tảng."),
                    )
                continue
            if not platform and channel in Platform.values:
                platform = channel  # they came by Zalo: the account is a Zalo one
            if not platform:
                if f"platform_{n}" not in self.errors:
                    self.add_error(
                        f"platform_{n}", _("Hãy chọn nền tảng: Zalo, Facebook, Telegram hoặc khác.")
                    )
                continue
            try:
                key = social_key(platform, handle)
            except ValueError as error:
                self.add_error(f"handle_{n}", str(error))
                continue
            accounts.append({"platform": platform, "handle": handle, "key": key})
        return accounts

    def clean_what_was_used(self, cleaned):
        """Rows of accounts into lists; returns whether anything beyond the source was given."""
        cleaned["bank_accounts"] = self._clean_bank_accounts()
        cleaned["social_accounts"] = self._clean_social_accounts(cleaned.get("channel"))
        cleaned.setdefault("links", [])
        return bool(
            cleaned.get("links")
            or cleaned["bank_accounts"]
            or cleaned["social_accounts"]
            or any(
                f"{name}_{n}" in self.errors for n in ACCOUNT_ROWS for name in ("bank", "account")
            )
            or any(
                f"{name}_{n}" in self.errors for n in SOCIAL_ROWS for name in ("platform", "handle")
            )
            or "links" in self.errors
        )

    def _clean_report_kind(self, cleaned, used):
        """The keyword, channel, source and content to store, and the SMS (or None).

        Leaves in cleaned_data: `kind` (S, V, LD), `channel`, `source`
        (normalised, "" for a scam by Zalo or a website with no number),
        `content`, and `composition` (None when there is nothing to put in the SMS).
        """
        channel = cleaned.get("channel") or ""
        cleaned["composition"] = None
        try:
            kind = resolve_kind(channel, self.scam_answer(), cleaned.get("kind"))
        except ChannelError as error:
            self._add_error_dict(error.errors)
            kind = None
        source = cleaned.get("source")
        if kind and composes_without_source(channel, kind) and not clean_text(source):
            if not used:
                self.add_error(
                    "source",
                    _(
                        "Hãy ghi số điện thoại hoặc tên đã liên lạc với bạn, hoặc ở phần "
                        "“Họ có đưa đường link, tài khoản…” bên dưới: đường link, tài khoản "
                        "ngân hàng, tài khoản Zalo, Facebook họ dùng."
                    ),
                )
                return
            try:
                content = normalize_content(cleaned.get("content"))
            except ValueError as error:
                self.add_error("content", str(error))
                return
            cleaned.update(kind=kind, channel=channel, source="", content=content)
            return
        try:
            # Without a keyword, the source is judged as the most lenient (S) so that
            # the citizen hears about each field's own problem only.
            composition = compose(
                kind or Kind.SPAM_SMS,
                source,
                cleaned.get("content"),
                province=cleaned.get("province"),
            )
            self.source_warnings = composition.warnings
        except CompositionError as error:
            if "source" not in error.errors and kind:  # the source is fine: warn about it now
                self.source_warnings = tuple(source_warnings(kind, source, cleaned.get("province")))
            self._add_error_dict(error.errors)
            return
        if kind:
            cleaned.update(
                composition=composition,
                kind=kind,
                channel=channel_for(channel, kind, composition.source),
                source=composition.source,
                content=composition.content,
            )

    def _add_error_dict(self, errors):
        for name, messages in errors.items():
            for message in messages:
                self.add_error(name, message)


def api_errors(errors):
    """The form's errors by the API's parameters: a row's under `bank_accounts`, indexed.

    `errors`: {field: [message]}. `account_2` → `"bank_accounts": ["Tài khoản 2: …"]`.
    """
    result = {}
    for name, messages in errors.items():
        prefix, _sep, row = name.rpartition("_")
        if prefix in ("bank", "account") and row.isdigit():
            key, template = "bank_accounts", _("Tài khoản %(n)s: %(message)s")
        elif prefix in ("platform", "handle") and row.isdigit():
            key, template = "social_accounts", _("Tài khoản mạng xã hội %(n)s: %(message)s")
        else:
            result.setdefault(name, []).extend(messages)
            continue
        result.setdefault(key, []).extend(
            template % {"n": row, "message": message} for message in messages
        )
    return result
