"""Reports filed before the workflow: closed becomes resolved, and the new fields are filled."""

from django.db import migrations
from django.db.models import F

from advisories.text import search_key


def forwards(apps, schema_editor):
    Report = apps.get_model("reports", "Report")
    ReportEvent = apps.get_model("reports", "ReportEvent")
    Report.objects.filter(status="closed").update(status="resolved")
    ReportEvent.objects.filter(status="closed").update(status="resolved")
    # The filing line has no actor and no note; an erasure's note says what went.
    ReportEvent.objects.filter(actor__isnull=True, note="").update(kind="filed")
    ReportEvent.objects.filter(note__contains="tệp đính kèm").update(kind="erasure")
    for report in Report.objects.only("pk", "content").iterator(chunk_size=500):
        last_change = (
            ReportEvent.objects.filter(report_id=report.pk, kind="legacy")
            .order_by("-at")
            .values_list("at", flat=True)
            .first()
        )
        Report.objects.filter(pk=report.pk).update(
            content_search=search_key(report.content),
            status_changed_at=last_change or F("created_at"),
            first_action_at=last_change,
        )
    Report.objects.filter(status="resolved").update(closed_at=F("status_changed_at"))


def backwards(apps, schema_editor):
    Report = apps.get_model("reports", "Report")
    ReportEvent = apps.get_model("reports", "ReportEvent")
    Report.objects.filter(status__in=["resolved", "rejected"]).update(status="closed")
    ReportEvent.objects.filter(status__in=["resolved", "rejected"]).update(status="closed")


class Migration(migrations.Migration):
    dependencies = [("reports", "0005_workflow")]
    operations = [migrations.RunPython(forwards, backwards)]
