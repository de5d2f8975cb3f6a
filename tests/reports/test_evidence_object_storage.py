"""Several app servers share no disk: evidence lives in S3-compatible object storage.

A real S3 HTTP endpoint (moto's server, started in this process on a free
port: tests/reports/object_storage.py) stands for the deployment's object
store; django-storages talks to it over HTTP as it would to MinIO or a
cloud's. Chị Lan's screenshot goes in private, comes back only through the
inspector's permission-checked view, and goes when she withdraws consent.
"""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command

from reports.models import Evidence, Report
from reports.roles import INSPECTORS

from .conftest import staff
from .media import png
from .object_storage import BUCKET, keys

pytestmark = pytest.mark.django_db


def test_a_screenshot_round_trips_through_object_storage(
    client, bucket, django_capture_on_commit_callbacks
):
    response = client.post(
        "/report/",
        {
            "kind": "LD",
            "source": "0912345678",
            "content": "Tin nhắn giả ngân hàng",
            "province": "Đồng Nai",
            "contact": "lan@example.com",
            "consent": "on",
            "evidence": [SimpleUploadedFile("tin-nhan.png", png(), content_type="image/png")],
        },
    )
    assert response.status_code == 302
    report = Report.objects.get()
    evidence = report.evidence.get()
    assert keys(bucket) == [evidence.file.name]
    stored = bucket.get_object(Bucket=BUCKET, Key=evidence.file.name)["Body"].read()
    acl = bucket.get_object_acl(Bucket=BUCKET, Key=evidence.file.name)
    assert all("AllUsers" not in str(grant) for grant in acl["Grants"])  # never public

    client.force_login(staff("bao", INSPECTORS, "dong-nai"))
    download = client.get(f"/admin/reports/report/evidence/{evidence.pk}/")
    assert download.status_code == 200
    assert b"".join(download.streaming_content) == stored
    assert download["X-Content-Type-Options"] == "nosniff"
    client.logout()

    with django_capture_on_commit_callbacks(execute=True):
        client.post(f"/report/{report.code}/withdraw")
    assert keys(bucket) == []
    assert not Evidence.objects.exists()


def test_clean_evidence_finds_and_removes_a_leftover_in_the_bucket(bucket, capsys):
    bucket.put_object(Bucket=BUCKET, Key="evidence/bo-quen.png", Body=png())
    call_command("clean_evidence", "--older-than", "0", "--dry-run")
    assert keys(bucket) == ["evidence/bo-quen.png"]
    call_command("clean_evidence", "--older-than", "0")
    assert keys(bucket) == []
