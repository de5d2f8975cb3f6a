"""Several app servers share no disk: evidence lives in S3-compatible object storage.

A real S3 HTTP endpoint (moto's server, started in this process on a free
port) stands for the deployment's object store; django-storages talks to it
over HTTP as it would to MinIO or a cloud's. Chị Lan's screenshot goes in
private, comes back only through the inspector's permission-checked view,
and goes when she withdraws consent.
"""

import socket

import boto3
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from moto.server import ThreadedMotoServer

from reports.models import Evidence, Report
from reports.roles import INSPECTORS

from .conftest import staff
from .media import png

pytestmark = pytest.mark.django_db

BUCKET = "canhbao-evidence"


@pytest.fixture(scope="module")
def s3_endpoint():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    server = ThreadedMotoServer(ip_address="127.0.0.1", port=port, verbose=False)
    server.start()
    yield f"http://127.0.0.1:{port}"
    server.stop()


@pytest.fixture
def bucket(s3_endpoint, settings, monkeypatch):
    monkeypatch.setenv("AWS_ACCESS_KEY_ID", "testing")
    monkeypatch.setenv("AWS_SECRET_ACCESS_KEY", "testing")
    client = boto3.client("s3", endpoint_url=s3_endpoint, region_name="us-east-1")
    client.create_bucket(Bucket=BUCKET)
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {
            "BACKEND": "storages.backends.s3.S3Storage",
            "OPTIONS": {
                "bucket_name": BUCKET,
                "endpoint_url": s3_endpoint,
                "region_name": "us-east-1",
                "default_acl": "private",
                "querystring_auth": True,
                "file_overwrite": False,
            },
        },
    }
    yield client
    for item in client.list_objects_v2(Bucket=BUCKET).get("Contents", []):
        client.delete_object(Bucket=BUCKET, Key=item["Key"])
    client.delete_bucket(Bucket=BUCKET)


def keys(client):
    return sorted(item["Key"] for item in client.list_objects_v2(Bucket=BUCKET).get("Contents", []))


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
