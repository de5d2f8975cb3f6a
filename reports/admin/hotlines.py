"""Admin for hotlines (administrators) and inspectors' provinces."""

from django import forms
from django.contrib import admin
from django.contrib.auth import get_user_model
from django.utils.translation import gettext_lazy as _

from portal.admin_bounds import BoundedAdmin

from ..models import Hotline, InspectorProvince
from ..sms import Kind


class HotlineForm(forms.ModelForm):
    kinds = forms.MultipleChoiceField(
        label=_("loại phản ánh tiếp nhận"),
        choices=Kind.choices,
        widget=forms.CheckboxSelectMultiple,
    )

    class Meta:
        model = Hotline
        fields = [
            "scope",
            "province",
            "number",
            "channel",
            "kinds",
            "label",
            "note",
            "source_advisory",
            "announced_by",
            "announced_year",
            "announced_month",
            "position",
            "is_active",
        ]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.initial["kinds"] = self.instance.kind_list

    def clean_kinds(self):
        return " ".join(self.cleaned_data["kinds"])


@admin.register(Hotline)
class HotlineAdmin(BoundedAdmin):
    form = HotlineForm
    list_display = ["number", "channel", "scope", "province", "label", "kinds", "is_active"]
    list_filter = ["scope", "channel", "is_active"]
    search_fields = ["number", "label"]
    list_select_related = ["province"]
    autocomplete_fields = []
    raw_id_fields = ["source_advisory"]


@admin.register(InspectorProvince)
class InspectorProvinceAdmin(BoundedAdmin):
    list_display = ["user", "province"]
    list_filter = ["province"]
    list_select_related = ["user", "province"]

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "user":
            kwargs["queryset"] = get_user_model().objects.filter(is_staff=True)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)
