"""Whether a value typed in an admin address or form can be compared with its column at all.

An id above 2^63 is an OverflowError on SQLite and `abc` a ValueError, where
Django's admin would build a query with them (`pk__in`, which no overflow
check guards); a date of year 0 once converted to UTC is another. These
checks run first, in portal.admin_bounds (list filters, ticked rows) and in
the relation fields of every bounded admin's forms (below).
"""

import datetime

from django import forms
from django.contrib.admin.widgets import AutocompleteMixin
from django.core.exceptions import ValidationError

# Dates a filter may name. Far outside any date this portal holds (reports and
# letters from the 2020s), far inside what Python and both databases take (years
# 1 to 9999): `0001-01-01 00:00+07:00` is year 0 in UTC, an OverflowError.
EARLIEST_YEAR = 1900
LATEST_YEAR = 2200


def year_in_bounds(value):
    return not isinstance(value, datetime.date) or EARLIEST_YEAR <= value.year <= LATEST_YEAR


def fits(field, text):
    """Whether `text` is a value of `field` the database can compare: type, range, date bounds."""
    if field.is_relation:
        field = field.target_field
    try:
        value = field.to_python(text)
        field.run_validators(value)  # an integer column's range is one of them
    except (ValidationError, ValueError, TypeError, OverflowError):
        return False
    return year_in_bounds(value)


def valid_pk(model, text):
    """Whether `text` can be one of the model's primary keys (an id the column holds)."""
    return fits(model._meta.pk, text)


class _BoundedChoices:
    """What both relation fields share: the key they look rows up by, and what they show back."""

    def fits(self, value):
        opts = self.queryset.model._meta
        key = opts.get_field(self.to_field_name) if self.to_field_name else opts.pk
        return value in self.empty_values or fits(key, value)

    def bound_data(self, data, initial):
        # An autocomplete box looks the posted ids up again to show them (`pk__in`):
        # a refused one is shown as nothing chosen, under the field's error.
        data = super().bound_data(data, initial)
        if not isinstance(getattr(self.widget, "widget", self.widget), AutocompleteMixin):
            return data
        if isinstance(data, (list, tuple)):
            return [value for value in data if self.fits(value)]
        return data if self.fits(data) else None


class BoundedModelChoiceField(_BoundedChoices, forms.ModelChoiceField):
    def to_python(self, value):
        if not self.fits(value):
            raise ValidationError(self.error_messages["invalid_choice"], code="invalid_choice")
        return super().to_python(value)


class BoundedModelMultipleChoiceField(_BoundedChoices, forms.ModelMultipleChoiceField):
    def clean(self, value):
        for pk in value if isinstance(value, (list, tuple)) else ():
            if not self.fits(pk):
                raise ValidationError(
                    self.error_messages["invalid_pk_value"],
                    code="invalid_pk_value",
                    params={"pk": pk},
                )
        return super().clean(value)
