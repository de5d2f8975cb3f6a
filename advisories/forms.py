"""Forms: the staff form for a letter, the public filter form, the verify form."""

import re

from django import forms
from django.db.models import Value
from django.db.models.functions import Concat, Replace, Upper
from django.utils.translation import gettext_lazy as _

from .letter_files import examine_original, max_size, size_message
from .letter_parser import LetterError
from .models import Advisory, Organization

# Django has no input formats for Vietnamese and falls back to the US "%m/%d/%Y":
# 04/05/2024 typed by staff would silently become 5 April. Day first, ISO as
# the widget shows it; the month-first forms are never accepted.
VN_DATE_INPUT_FORMATS = ["%d/%m/%Y", "%d-%m-%Y", "%d.%m.%Y", "%Y-%m-%d"]


def use_vietnamese_date_formats(form):
    for field in form.fields.values():
        if isinstance(field, forms.SplitDateTimeField):
            field.fields[0].input_formats = VN_DATE_INPUT_FORMATS
        elif isinstance(field, forms.DateField):
            field.input_formats = VN_DATE_INPUT_FORMATS


class CitedDocumentForm(forms.ModelForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        use_vietnamese_date_formats(self)


class AdvisoryAdminForm(forms.ModelForm):
    class Meta:
        model = Advisory
        fields = [
            "issuer",
            # No status nor published_at: a letter changes state only through the
            # admin's actions (advisories.approval), at the server's time. A typed
            # date let one publisher backdate a letter, and a status field let them
            # publish it alone.
            # No slug: the portal makes it (Advisory.unique_slug). A field staff could
            # type in would tell them, by its "already exists" error, which addresses
            # other bodies' drafts hold.
            "number",
            "symbol",
            "place",
            "date_precision",
            "issued_day",
            "issued_month",
            "issued_year",
            "summary",
            "recipients",
            "content",
            "patterns",
            "signer_authority",
            "signer_title",
            "signer_name",
            "distribution",
        ]
        widgets = {
            "summary": forms.Textarea(attrs={"rows": 2}),
            "recipients": forms.Textarea(attrs={"rows": 4}),
            "distribution": forms.Textarea(attrs={"rows": 4}),
            "content": forms.Textarea(attrs={"rows": 20, "cols": 100}),
        }

    # The signed original: not model fields, so that a file is checked from its
    # content (advisories.letter_files) and stored under a random name by
    # Advisory.replace_original, whose old file goes after commit.
    original_upload = forms.FileField(
        label=_("Bản gốc đã ký, đóng dấu"),
        required=False,
        help_text=_(
            "PDF, ảnh bản quét hoặc tệp .docx, tối đa 20 MB. Chọn tệp để thêm hoặc thay bản gốc."
        ),
    )
    remove_original = forms.BooleanField(label=_("Gỡ bản gốc"), required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        use_vietnamese_date_formats(self)

    def clean_original_upload(self):
        """A letter_files.Original, or None; a wrong or oversize file gets a clear message."""
        upload = self.cleaned_data.get("original_upload")
        if not upload:
            return None
        try:
            if upload.size > max_size():
                raise LetterError(size_message())
            return examine_original(upload.read(), upload.name)
        except LetterError as error:
            raise forms.ValidationError(capitalized(error.message)) from None

    def clean_number(self):
        number = re.sub(r"\s+", "", self.cleaned_data.get("number", ""))
        if "/" in number:
            raise forms.ValidationError(
                _("Chỉ ghi số ở đây (ví dụ 1386); ký hiệu (ví dụ STTTT-BCVT) ghi ở ô “ký hiệu”.")
            )
        return number

    def clean_symbol(self):
        """`/STTTT- CNBCVT` → `STTTT-CNBCVT`: as the importer does, so verify finds it."""
        symbol = re.sub(r"\s+", "", self.cleaned_data.get("symbol", "")).lstrip("/")
        if not symbol:
            raise forms.ValidationError(_("Hãy ghi ký hiệu văn bản, ví dụ STTTT-BCVT."))
        return symbol


def capitalized(message):
    """The parser's messages start in lower case (they follow a file name); a form's do not."""
    return message[:1].upper() + message[1:]


class LetterImportForm(forms.Form):
    """Staff upload a letter file; the portal reads it into a draft (AdvisoryAdmin.import_view)."""

    file = forms.FileField(
        label=_("Tệp công văn"),
        help_text=_(
            "Tệp .docx, PDF (có chữ hoặc bản quét), ảnh chụp, ảnh quét (PNG, JPEG, TIFF) hoặc "
            ".txt; tối đa 20 MB, mỗi tệp một công văn."
        ),
    )
    issuer = forms.ModelChoiceField(
        label=_("Cơ quan ban hành"),
        queryset=Organization.objects.none(),
        required=False,
        empty_label=_("Theo tiêu đề, ký hiệu và địa danh của công văn"),
        help_text=_("Chỉ chọn khi công văn không ghi rõ cơ quan ban hành."),
        error_messages={"invalid_choice": _("Hãy chọn cơ quan ban hành trong danh sách.")},
    )

    def __init__(self, *args, organizations, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["issuer"].queryset = organizations


def normalize_number_symbol(value):
    """`1386 / stttt - bcvt` → `1386/STTTT-BCVT`: upper case, no whitespace."""
    return re.sub(r"\s+", "", value or "").upper()


def normalized_display_number():
    """The same normalisation, done by the database on `number/symbol`.

    Upper() is enough for the ASCII symbols of Vietnamese letters; spaces are
    the only whitespace a symbol field ever holds.
    """
    joined = Concat("number", Value("/"), "symbol")
    return Replace(Upper(joined), Value(" "), Value(""))


class BootstrapMixin:
    """Bootstrap classes on every widget: the public forms are rendered by hand."""

    def style_widgets(self):
        for field in self.fields.values():
            css = "form-select" if isinstance(field.widget, forms.Select) else "form-control"
            field.widget.attrs.setdefault("class", css)


class AdvisoryFilterForm(BootstrapMixin, forms.Form):
    """The public list's GET filters. Works without JavaScript; bad values are ignored."""

    q = forms.CharField(label=_("Tìm kiếm"), required=False, max_length=200)
    province = forms.ChoiceField(label=_("Tỉnh, thành phố"), required=False)
    issuer = forms.ChoiceField(label=_("Cơ quan ban hành"), required=False)
    year = forms.TypedChoiceField(label=_("Năm"), required=False, coerce=int, empty_value=None)

    def __init__(self, *args, provinces, issuers, years, **kwargs):
        super().__init__(*args, **kwargs)
        every = [("", _("Tất cả"))]
        self.fields["province"].choices = every + [(p.slug, p.name) for p in provinces]
        self.fields["issuer"].choices = every + [(o.slug, o.name) for o in issuers]
        self.fields["year"].choices = every + [(y, str(y)) for y in years]
        self.fields["q"].widget.attrs.update(
            {"placeholder": _("Ví dụ: mạo danh, khóa SIM, 1386/STTTT-BCVT"), "type": "search"}
        )
        self.style_widgets()


class VerifyForm(BootstrapMixin, forms.Form):
    """A citizen checks a letter they received: by number/symbol, or issuer and month."""

    number_symbol = forms.CharField(
        label=_("Số, ký hiệu văn bản"),
        required=False,
        max_length=80,
        help_text=_("Như ghi sau chữ “Số:”, ví dụ: 1386/STTTT-BCVT hoặc /STTTT-TTra."),
    )
    issuer = forms.ModelChoiceField(
        label=_("Cơ quan ban hành"),
        queryset=Organization.objects.all(),
        required=False,
        to_field_name="slug",
        empty_label=_("Không rõ"),
        error_messages={"invalid_choice": _("Hãy chọn cơ quan ban hành trong danh sách.")},
    )
    # Our own messages: Django's Vietnamese catalogue words these awkwardly.
    month = forms.IntegerField(
        label=_("Tháng"),
        required=False,
        min_value=1,
        max_value=12,
        error_messages={
            key: _("Tháng là một số từ 1 đến 12.") for key in ("invalid", "min_value", "max_value")
        },
    )
    year = forms.IntegerField(
        label=_("Năm"),
        required=False,
        min_value=1945,
        max_value=2100,
        error_messages={
            key: _("Năm là một số có bốn chữ số, ví dụ: 2024.")
            for key in ("invalid", "min_value", "max_value")
        },
    )

    error_messages = {
        "nothing": _("Hãy nhập số, ký hiệu văn bản hoặc chọn cơ quan ban hành."),
        "month_without_year": _("Đã nhập tháng thì cần nhập cả năm."),
        "bad_symbol": _("Số, ký hiệu không hợp lệ. Ví dụ đúng: 1386/STTTT-BCVT."),
    }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["number_symbol"].widget.attrs.update(
            {"autocapitalize": "characters", "spellcheck": "false", "autocomplete": "off"}
        )
        for name in ("month", "year"):
            self.fields[name].widget.attrs["inputmode"] = "numeric"
        self.style_widgets()

    def clean_number_symbol(self):
        value = normalize_number_symbol(self.cleaned_data.get("number_symbol"))
        value = value.removeprefix("SỐ:").removeprefix("SỐ")
        if value and not re.fullmatch(r"[0-9A-ZĐ./-]*", value):
            raise forms.ValidationError(self.error_messages["bad_symbol"], code="bad_symbol")
        if value and "/" not in value and not value.isdigit():
            value = "/" + value  # "STTTT-TTra" as typed without the slash
        return value

    def clean(self):
        data = super().clean()
        if self.errors:
            return data
        if not data.get("number_symbol") and not data.get("issuer"):
            raise forms.ValidationError(self.error_messages["nothing"], code="nothing")
        if data.get("month") and not data.get("year"):
            self.add_error("year", forms.ValidationError(self.error_messages["month_without_year"]))
        return data

    def _published(self):
        return Advisory.objects.published().select_related("issuer__province__merged_into")

    def _narrow(self, qs):
        data = self.cleaned_data
        if data.get("issuer"):
            qs = qs.filter(issuer=data["issuer"])
        if data.get("year"):
            qs = qs.filter(issued_year=data["year"])
        if data.get("month"):
            qs = qs.filter(issued_month=data["month"])
        return qs[:20]

    def matches(self):
        """Published letters that fit every criterion given. Drafts are never found."""
        qs = self._published()
        wanted = self.cleaned_data.get("number_symbol")
        if wanted:
            if "/" in wanted:
                qs = qs.annotate(_normalized=normalized_display_number()).filter(_normalized=wanted)
            else:
                qs = qs.filter(number=wanted)
        return self._narrow(qs)

    def unnumbered_matches(self):
        """Letters published before they got a number, with the symbol asked for.

        The portal often has a letter as it was first sent ("Số:    /STTTT-TTra");
        the copy a citizen holds may carry the number added at registration.
        Shown as "compare the content", never as a match.
        """
        number, _slash, symbol = (self.cleaned_data.get("number_symbol") or "").partition("/")
        if not (number and symbol):
            return []
        qs = (
            self._published()
            .filter(number="")
            .annotate(_normalized=normalized_display_number())
            .filter(_normalized="/" + symbol)
        )
        return list(self._narrow(qs))
