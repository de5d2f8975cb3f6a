"""The citizen's report form. Field names are the API's: any HTTP client can post it.

Only `kind`, `source` and `content` are required. Every check says, in
Vietnamese, how to fix the value; the bound form always re-renders what was
typed (files excepted: browsers never let a page refill a file input).
"""

import datetime
import math

from crispy_forms.helper import FormHelper
from crispy_forms.layout import HTML, Fieldset, Layout
from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import ProhibitNullCharactersValidator, validate_email
from django.utils import timezone
from django.utils.formats import number_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from advisories.models import Province, ScamPattern

from .evidence import Refused, examine
from .evidence.images import LOSSLESS_MAX_PIXELS
from .forms_used import WhatWasUsedFields, bank_suggestions
from .phones import SourceError, normalize_contact_phone, normalize_source
from .sms import Kind, clean_text

# Printed next to the checkbox and stored verbatim with the report (Law 91/2025:
# explicit, for one purpose, kept in a form that can be printed).
CONSENT_TEXT = gettext_lazy(
    "Tôi đồng ý để cán bộ tiếp nhận dùng số điện thoại hoặc email tôi ghi ở trên chỉ để "
    "liên hệ lại với tôi về phản ánh này. Thông tin liên hệ không hiển thị trên biên nhận, "
    "không dùng cho mục đích khác; tôi có thể rút lại đồng ý và yêu cầu xóa bất cứ lúc nào."
)
OCCURRED_FORMATS = ["%Y-%m-%dT%H:%M", "%Y-%m-%dT%H:%M:%S", "%d/%m/%Y %H:%M", "%d/%m/%Y"]
EARLIEST = datetime.datetime(2000, 1, 1, tzinfo=datetime.UTC)
CLOCK_SKEW = datetime.timedelta(minutes=10)


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    widget = MultipleFileInput

    def clean(self, data, initial=None):
        files = data if isinstance(data, list | tuple) else [data] if data else []
        return [file for file in files if file]


class ProvinceInput(forms.TextInput):
    """Free text with the names as suggestions (a <datalist>, no JavaScript needed)."""

    template_name = "reports/widgets/province_input.html"

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        # The slug too: the live preview sends it to the compose API (static/js/report.js).
        context["provinces"] = Province.objects.order_by("name").values_list(
            "name", "is_current", "slug"
        )
        element_id = context["widget"]["attrs"].get("id") or name
        context["widget"]["attrs"]["list"] = f"{element_id}-list"
        return context


class PatternsField(forms.ModelMultipleChoiceField):
    """The scam patterns ticked, by slug; a bad value is answered in Vietnamese."""

    def validate_no_null_characters(self, value):
        """Refuse NUL with the field's own message, not Django's English "Null characters".

        No checkbox sends a NUL: only a hand-made request does. It is still
        refused (PostgreSQL could not even look it up), in the same words as
        any other value outside the list.
        """
        if "\x00" in str(value):
            raise ValidationError(self.error_messages["invalid_list"], code="invalid_list")


def megapixels(count, rounding=math.floor):
    """`8_000_000` → "8", `4_194_304` → "4,1": millions, one decimal at most, in the
    page's language. Rounded down for a limit; up (`math.ceil`) for a file's size, so
    a file just over the limit never reads as equal to it."""
    tenths = rounding(count / 100_000)
    return number_format(tenths / 10, 0 if tenths % 10 == 0 else 1)


def refusal_message(refused, name):
    """What the citizen reads about a file examine() refused (an evidence.Refused)."""
    if refused.reason == Refused.BROKEN_IMAGE:
        return _(
            "Ảnh “%(name)s” bị hỏng, không mở được: hãy chụp lại màn hình hoặc chọn ảnh khác."
        ) % {"name": name}
    if refused.reason == Refused.TOO_MANY_PIXELS:
        return _(
            "Ảnh “%(name)s” quá lớn (%(pixels)s triệu điểm ảnh): loại ảnh này chỉ nhận đến "
            "%(limit)s triệu điểm ảnh. Hãy cắt bớt ảnh, chụp lại màn hình hoặc gửi ảnh nhỏ hơn."
        ) % {
            "name": name,
            "pixels": megapixels(refused.pixels, math.ceil),
            "limit": megapixels(refused.limit),
        }
    return _(
        "Tệp “%(name)s” không phải ảnh (JPEG, PNG, WebP) hay ghi âm (MP3, M4A, AAC, OGG, AMR, WAV)."
    ) % {"name": name}


def _file_name(upload):
    return clean_text(upload.name)[:80]


def _reselect_files():
    return _("Hãy chọn lại tệp khi gửi lại (trình duyệt không giữ tệp đã chọn).")


class ReportForm(WhatWasUsedFields):
    # How they came and what it was come first (WhatWasUsedFields); `kind`, the
    # code itself, stays for those who know it and for old clients.
    field_order = ["channel", "scam", "kind", "source", "content"]

    kind = forms.CharField(
        label=gettext_lazy("Bạn nhận được gì?"),
        help_text=gettext_lazy(
            "Không bắt buộc: chọn nếu bạn đã biết cú pháp 156/5656; nếu không, cổng tự chọn "
            "theo hai câu trả lời trên."
        ),
        widget=forms.RadioSelect(choices=Kind.choices),
        required=False,  # compose() says what is missing, in the same words as the API
    )
    source = forms.CharField(
        label=gettext_lazy("Số điện thoại hoặc tên đã gọi, nhắn tin cho bạn"),
        help_text=gettext_lazy(
            "Ví dụ: 0912345678, +855 12 345 678, 9029 hoặc VCB-BANK. Qua Zalo, Facebook, "
            "trang web... mà không có số: để trống, ghi link hoặc tài khoản ở phần dưới."
        ),
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "off", "inputmode": "text"}),
    )
    content = forms.CharField(
        label=gettext_lazy("Người gọi nói gì, tin nhắn viết gì?"),
        help_text=gettext_lazy("Ghi ngắn gọn, tối đa 1.000 ký tự. Có thể gõ không dấu."),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    occurred_at = forms.DateTimeField(
        label=gettext_lazy("Xảy ra lúc (không bắt buộc)"),
        help_text=gettext_lazy("Để trống nếu vừa xảy ra."),
        required=False,
        input_formats=OCCURRED_FORMATS,
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
        error_messages={
            "invalid": gettext_lazy(
                "Hãy nhập ngày giờ dạng ngày/tháng/năm giờ:phút, ví dụ 05/03/2025 14:30."
            )
        },
    )
    province = forms.CharField(
        label=gettext_lazy("Tỉnh, thành phố nơi bạn ở (không bắt buộc)"),
        help_text=gettext_lazy("Tên cũ hay mới đều được, ví dụ: Bình Phước hoặc Đồng Nai."),
        required=False,
        widget=ProvinceInput(attrs={"autocomplete": "off"}),
    )
    patterns = PatternsField(
        label=gettext_lazy("Người gọi, nhắn tin đã làm gì? (không bắt buộc)"),
        queryset=ScamPattern.objects.all(),
        to_field_name="slug",
        required=False,
        widget=forms.CheckboxSelectMultiple,
        error_messages={
            "invalid_choice": gettext_lazy("Không có thủ đoạn “%(value)s” trong danh sách."),
            "invalid_pk_value": gettext_lazy("Không có thủ đoạn “%(pk)s” trong danh sách."),
            "invalid_list": gettext_lazy("Hãy chọn các thủ đoạn trong danh sách."),
        },
    )
    evidence = MultipleFileField(
        label=gettext_lazy("Ảnh chụp màn hình, ghi âm cuộc gọi (không bắt buộc)"),
        help_text=gettext_lazy(
            "Tối đa 3 tệp: ảnh JPEG, PNG, WebP hoặc ghi âm MP3, M4A, AAC, OGG, AMR, WAV."
        ),
        required=False,
        widget=MultipleFileInput(attrs={"accept": "image/*,audio/*"}),
    )
    contact = forms.CharField(
        label=gettext_lazy("Số điện thoại hoặc email của bạn, nếu muốn được liên hệ lại"),
        help_text=gettext_lazy("Không bắt buộc. Không hiển thị trên biên nhận."),
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "tel"}),
    )
    consent = forms.BooleanField(label=CONSENT_TEXT, required=False)

    def __init__(self, data=None, *args, confirm_warnings=False, **kwargs):
        # The page (not the API) asks once before filing a source that looks
        # mistyped: see _hold_for_confirmation().
        self.confirm_warnings = confirm_warnings
        self.source_warnings = ()
        self.confirmed_source = ""
        self.awaiting_confirmation = False
        self.reselect_files = False
        if data is not None and "kind" in data:
            # `ld` is accepted: show it back as the radio button it stands for.
            data = data.copy()
            data["kind"] = str(data.get("kind") or "").strip().upper()
        if data is not None and "scam" in data:
            data = self.normalize_data(data.copy())
        super().__init__(data, *args, **kwargs)
        # clean_text() drops control characters itself; Django's validator
        # would answer in English about "null characters" instead.
        for field in self.fields.values():
            field.validators = [
                v for v in field.validators if not isinstance(v, ProhibitNullCharactersValidator)
            ]
        self.fields["evidence"].help_text = _(
            "Tối đa %(count)s tệp, mỗi tệp đến %(mb)s MB: ảnh JPEG, PNG, WebP hoặc ghi âm "
            "MP3, M4A, AAC, OGG, AMR, WAV."
        ) % {
            "count": settings.REPORT_EVIDENCE_MAX_FILES,
            "mb": settings.REPORT_EVIDENCE_MAX_SIZE // (1024 * 1024),
        }
        # For static/js/report.js, which warns before a browser sends what we would refuse.
        self.max_files = settings.REPORT_EVIDENCE_MAX_FILES
        self.max_size = settings.REPORT_EVIDENCE_MAX_SIZE
        # ...and scales a larger image down to this many pixels before sending it: a
        # phone's screen, what the server keeps pixel for pixel (a larger one it turns
        # into a JPEG anyway), and readable; more only costs the citizen's data plan.
        self.max_pixels = LOSSLESS_MAX_PIXELS
        self.too_many_files = _("Chỉ gửi được tối đa %(count)s tệp: hãy chọn lại, bớt tệp đi.") % {
            "count": self.max_files
        }
        self.file_too_big = _(
            "Tệp “{name}” lớn hơn %(mb)s MB: hãy chọn tệp nhỏ hơn hoặc bỏ tệp đó."
        ) % {"mb": self.max_size // (1024 * 1024)}
        self.helper = FormHelper()
        self.helper.form_tag = False
        self.helper.disable_csrf = True
        self.banks = bank_suggestions()
        self.helper.layout = Layout(
            "channel",
            "scam",
            "kind",
            "source",
            HTML('{% include "reports/_source_confirmed.html" %}'),
            "content",
            HTML('{% include "reports/_preview.html" %}'),
            HTML('{% include "reports/_what_was_used.html" %}'),
            "occurred_at",
            "province",
            "patterns",
            "evidence",
            Fieldset(_("Liên hệ lại (không bắt buộc)"), "contact", "consent"),
        )

    def clean_occurred_at(self):
        value = self.cleaned_data.get("occurred_at")
        if value is None:
            return None
        if value > timezone.now() + CLOCK_SKEW:
            raise ValidationError(_("Thời điểm này còn ở tương lai: hãy kiểm tra ngày giờ."))
        if value < EARLIEST:
            raise ValidationError(_("Hãy nhập thời điểm từ năm 2000 trở lại đây."))
        return value

    def clean_province(self):
        text = clean_text(self.cleaned_data.get("province"))
        if not text:
            return None
        province = Province.lookup(text[:100])
        if province is None:
            raise ValidationError(
                _(
                    "Không tìm thấy tỉnh, thành phố “%(value)s”. Hãy gõ tên tỉnh, cũ hay mới, "
                    "ví dụ: Bình Phước hoặc Đồng Nai; hoặc để trống."
                )
                % {"value": text[:100]}
            )
        return province

    def clean_evidence(self):
        """The files' number, sizes and emptiness: what costs nothing to check.

        Their content is examined by examine_evidence(), once everything else
        is valid: a report refused for its text decodes no image.
        """
        files = self.cleaned_data.get("evidence") or []
        limit = settings.REPORT_EVIDENCE_MAX_FILES
        if len(files) > limit:
            raise ValidationError(
                _("Chỉ gửi được tối đa %(limit)s tệp; bạn đã chọn %(count)s.")
                % {"limit": limit, "count": len(files)}
            )
        errors = []
        max_mb = settings.REPORT_EVIDENCE_MAX_SIZE // (1024 * 1024)
        for upload in files:
            if (
                getattr(upload, "oversize", False)
                or upload.size > settings.REPORT_EVIDENCE_MAX_SIZE
            ):
                errors.append(
                    _("Tệp “%(name)s” lớn hơn %(mb)s MB: hãy gửi tệp nhỏ hơn hoặc cắt bớt.")
                    % {"name": _file_name(upload), "mb": max_mb}
                )
            elif upload.size == 0:
                errors.append(_("Tệp “%(name)s” trống.") % {"name": _file_name(upload)})
        if errors:
            raise ValidationError([*errors, _reselect_files()])
        return files

    @property
    def has_evidence(self):
        """Whether files came that examine_evidence() has to decode (after is_valid())."""
        return bool(self.cleaned_data.get("evidence"))

    def examine_evidence(self):
        """Decode and re-encode each file (evidence.examine): the costly part of a report.

        Called once is_valid() holds, within the client's limits
        (filing.admit). cleaned_data["evidence"] becomes what to store, a
        list of evidence.Accepted, or the refusals are added to the form's
        errors (then is_valid() is False).
        """
        accepted, errors = [], []
        for upload in self.cleaned_data.get("evidence") or []:
            try:
                accepted.append(examine(upload))
            except Refused as refused:
                errors.append(refusal_message(refused, _file_name(upload)))
        if errors:
            self.add_error("evidence", [*errors, _reselect_files()])
        else:
            self.cleaned_data["evidence"] = accepted

    def clean_contact(self):
        text = clean_text(self.cleaned_data.get("contact"))
        if not text:
            return ""
        phone = normalize_contact_phone(text)
        if phone:
            return phone
        try:
            if len(text) > 254:
                raise ValidationError("too long")
            validate_email(text)
        except ValidationError:
            raise ValidationError(
                _(
                    "Hãy ghi số điện thoại (ví dụ 0912345678) hoặc email (ví dụ ten@example.com), "
                    "hoặc để trống."
                )
            ) from None
        return text

    def clean(self):
        cleaned = super().clean()
        typed = cleaned.get("source")
        used = self.clean_what_was_used(cleaned)
        self._clean_report_kind(cleaned, used)
        if self.confirm_warnings and self.source_warnings:
            self._hold_for_confirmation(cleaned.get("kind"), typed)
        if cleaned.get("contact") and not cleaned.get("consent"):
            self.add_error(
                "consent",
                _(
                    "Bạn đã ghi cách liên hệ: hãy đánh dấu ô đồng ý để cán bộ được liên hệ lại, "
                    "hoặc xóa ô liên hệ."
                ),
            )
        return cleaned

    def _hold_for_confirmation(self, kind, source):
        """A source that looks mistyped is filed once the citizen has seen the warning.

        The page comes back with the warning at the field and everything typed,
        and a hidden `source_confirmed` with the normal form: sending that same
        number again files it. Another number gets its own warning.
        """
        try:
            normal = normalize_source(kind if kind in Kind.values else Kind.SPAM_SMS, source)
        except SourceError:  # not reached: warnings come only for accepted sources
            return
        self.confirmed_source = normal
        if clean_text(self.data.get("source_confirmed")) == normal:
            return
        self.awaiting_confirmation = True
        self.reselect_files = bool(self.files.getlist("evidence")) if self.files else False
        for warning in self.source_warnings:
            self.add_error("source", warning)

    @property
    def only_awaiting_confirmation(self):
        """Nothing to fix, only the warning to confirm (the page says so, as a warning)."""
        return (
            self.awaiting_confirmation
            and list(self.errors) == ["source"]
            and len(self.errors["source"]) == len(self.source_warnings)
        )
