"""Issue dates known to the day, the month or the year (never invent a day)."""

import calendar

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from .models import DatePrecision


def validate_issue_date(advisory):
    """Raise ValidationError (in Vietnamese, per field) when the date and its precision disagree."""
    errors = {}
    year, month, day = advisory.issued_year, advisory.issued_month, advisory.issued_day
    precision = advisory.date_precision
    if year is not None and not 1945 <= year <= 2100:
        errors["issued_year"] = _("Năm ban hành phải trong khoảng 1945–2100.")
    if month is not None and not 1 <= month <= 12:
        errors["issued_month"] = _("Tháng phải từ 1 đến 12.")
    if precision == DatePrecision.DAY:
        if month is None:
            errors["issued_month"] = _("Ngày ban hành chính xác đến ngày cần có tháng.")
        if day is None:
            errors["issued_day"] = _(
                "Ngày ban hành chính xác đến ngày cần có ngày; nếu văn bản để trống ngày, "
                "chọn độ chính xác “Đến tháng”."
            )
    elif precision == DatePrecision.MONTH:
        if month is None:
            errors["issued_month"] = _("Ngày ban hành chính xác đến tháng cần có tháng.")
        if day is not None:
            errors["issued_day"] = _(
                "Ngày ban hành chỉ chính xác đến tháng thì không được ghi ngày."
            )
    elif precision == DatePrecision.YEAR:
        if month is not None:
            errors["issued_month"] = _("Ngày ban hành chỉ chính xác đến năm thì không ghi tháng.")
        if day is not None:
            errors["issued_day"] = _("Ngày ban hành chỉ chính xác đến năm thì không ghi ngày.")
    complete = not errors and None not in (year, month, day)
    if complete and not 1 <= day <= calendar.monthrange(year, month)[1]:
        errors["issued_day"] = _("Tháng %(month)s năm %(year)s không có ngày %(day)s.") % {
            "month": month,
            "year": year,
            "day": day,
        }
    if errors:
        raise ValidationError(errors)
