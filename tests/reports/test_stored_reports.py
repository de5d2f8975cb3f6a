"""A report stored long ago keeps a working receipt, whatever the rules say today."""

import pytest
from django.utils import timezone

from reports.models import Report
from reports.sms import compose

pytestmark = pytest.mark.django_db


def stored(**fields):
    """A report saved straight to the database, as a data fix or an older release left it."""
    return Report.objects.create(occurred_at=timezone.now(), **fields)


def test_a_call_from_a_sender_name_stored_earlier_still_has_its_receipt(client):
    # Today a call (V) from "VCB-BANK" is refused at filing; this one got in before.
    report = stored(kind="V", source="VCB-BANK", content="Goi tu xung ngan hang")
    response = client.get(f"/report/{report.code}/")
    assert response.status_code == 200
    assert "V VCB-BANK Goi tu xung ngan hang" in response.content.decode()


def test_a_stored_report_composes_the_same_sms_as_at_filing():
    typed = ("ld", "+84 912 345 678", "Tự xưng cán bộ Sở TTTT, dọa khóa SIM")
    at_filing = compose(*typed)
    report = stored(kind=at_filing.kind, source=at_filing.source, content=at_filing.content)
    assert report.composition() == at_filing
