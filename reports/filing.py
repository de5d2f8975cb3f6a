"""Storing a report from a valid form: one transaction, evidence under random names."""

from django.db import IntegrityError, transaction
from django.utils import timezone

from .codes import new_code
from .forms import CONSENT_TEXT
from .models import Evidence, Report, ReportEvent


def file_report(cleaned):
    """Create the report from `ReportForm.cleaned_data`; returns the saved Report."""
    composition = cleaned["composition"]
    chosen = cleaned.get("province")
    now = timezone.now()
    report = Report(
        kind=composition.kind,
        source=composition.source,
        content=composition.content,
        occurred_at=cleaned.get("occurred_at") or now,
        province=chosen.resolve() if chosen else None,
        province_as_chosen=chosen,
    )
    if cleaned.get("contact"):
        report.contact = cleaned["contact"]
        # The words the citizen saw, in the language they saw them in.
        report.contact_consent_text = str(CONSENT_TEXT)
        report.contact_consented_at = now
    with transaction.atomic():
        for _attempt in range(3):
            # 60 random bits: a collision is all but impossible, but never a 500.
            report.code = new_code()
            try:
                with transaction.atomic():  # a savepoint: a clash leaves the rest intact
                    report.save()
                break
            except IntegrityError:
                report.pk = None
        else:  # pragma: no cover
            raise IntegrityError("could not draw a free receipt code")
        if cleaned.get("patterns"):
            report.patterns.set(cleaned["patterns"])
        for upload, file_type in cleaned.get("evidence") or []:
            evidence = Evidence(
                report=report,
                type=file_type.type,
                content_type=file_type.content_type,
                extension=file_type.extension,
                size=upload.size,
            )
            evidence.file.save("evidence", upload, save=False)
            evidence.save()
        ReportEvent.objects.create(report=report, status=report.status)
    return report
