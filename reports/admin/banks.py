"""The banks' and e-wallets' list (reports.bank_list): administrators correct it, staff read it."""

from django import forms
from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from advisories.admin import AdministratorsChange
from portal.admin_bounds import BoundedAdmin

from ..banks import bank_key, find_bank
from ..models import Bank


class BankForm(forms.ModelForm):
    class Meta:
        model = Bank
        fields = [
            "abbr",
            "bin",
            "short_name",
            "full_name",
            "aliases",
            "is_wallet",
            "hotline",
            "source",
        ]

    def clean_bin(self):
        value = (self.cleaned_data.get("bin") or "").strip()
        if value and not (len(value) == 6 and value.isdigit() and value.isascii()):
            raise forms.ValidationError(_("Mã BIN gồm đúng 6 chữ số, ví dụ 970436."))
        # NULL, not "": several e-wallets have none and the column is unique.
        return value or None

    def clean_abbr(self):
        value = self.cleaned_data["abbr"].strip().upper()
        if not bank_key(value):
            raise forms.ValidationError(_("Tên viết tắt cần có chữ cái hoặc chữ số."))
        return value


@admin.register(Bank)
# Reference data the help steps and the look-up trust: only administrators change it.
class BankAdmin(AdministratorsChange, BoundedAdmin):
    form = BankForm
    list_display = ["short_name", "abbr", "bin", "full_name", "is_wallet", "hotline"]
    list_filter = ["is_wallet"]
    search_fields = ["abbr", "bin", "short_name", "full_name", "aliases"]
    search_help_text = _(
        "Tìm theo tên viết tắt, mã BIN, tên hoặc tên gọi khác; có dấu hay không dấu đều được."
    )

    def get_search_results(self, request, queryset, search_term):
        """The words as typed, and the bank the look-up itself would find ("ngoai thuong")."""
        results, duplicates = super().get_search_results(request, queryset, search_term)
        found = find_bank(search_term) if search_term.strip() else None
        if found is not None:
            results = results | queryset.filter(pk=found.pk)
        return results, duplicates

    def get_readonly_fields(self, request, obj=None):
        # The abbreviation is in the key of every account of the bank (VCB:0011001234567),
        # which marks and the look-up go by: renaming it would orphan them.
        return ["abbr"] if obj is not None else []
