"""With several app servers, export files live in the object store, private, like evidence.

Lan of Hà Nội exports her province's reports on a deployment whose files
are in S3-compatible storage (moto's server here). The worker puts the file
in the bucket, never public; she downloads it through the permission-checked
view, byte for byte; after 7 days the clean-up removes it from the bucket.
"""

import datetime

import pytest
import time_machine

from reports import export_jobs
from reports.models import Export
from reports.roles import INSPECTORS
from tests.jobs import run_jobs

from .conftest import make_report, staff
from .exports import EXPORTS, ask, download
from .object_storage import BUCKET, keys

pytestmark = pytest.mark.django_db


def test_an_export_round_trips_through_object_storage(
    client, bucket, django_capture_on_commit_callbacks
):
    reports = [make_report(province="ha-noi", content=f"Mạo danh ngân hàng {i}") for i in range(3)]
    lan = staff("lan", INSPECTORS, "ha-noi")
    client.force_login(lan)
    ask(client, select_across=True, capture=django_capture_on_commit_callbacks)
    run_jobs()

    export = Export.objects.get()
    assert export.status == Export.Status.DONE
    assert keys(bucket) == [export.file.name]
    assert export.file.name.startswith("exports/")
    acl = bucket.get_object_acl(Bucket=BUCKET, Key=export.file.name)
    assert all("AllUsers" not in str(grant) for grant in acl["Grants"])  # never public
    stored = bucket.get_object(Bucket=BUCKET, Key=export.file.name)["Body"].read()

    response = client.get(f"{EXPORTS}{export.pk}/download/")
    assert b"".join(response.streaming_content) == stored
    rows = download(client, export)
    assert {row[0] for row in rows[1:]} == {report.case_number for report in reports}

    later = export.expires_at + datetime.timedelta(minutes=1)
    with time_machine.travel(later), django_capture_on_commit_callbacks(execute=True):
        export_jobs.remove_expired_exports.call()
    assert keys(bucket) == []
    assert not Export.objects.exists()
