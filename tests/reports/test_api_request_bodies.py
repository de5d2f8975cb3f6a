"""A chatbot posts reports as JSON; a broken or oversized request gets a JSON answer it can read."""

import json

import pytest

from reports.models import Report

pytestmark = pytest.mark.django_db

URL = "/api/v1/reports"


def errors_of(response):
    assert response["Content-Type"].startswith("application/json")
    errors = response.json()["errors"]
    assert errors and all(
        isinstance(messages, list) and messages and all(isinstance(m, str) and m for m in messages)
        for messages in errors.values()
    )
    return errors


def test_the_zalo_bot_files_a_report_as_json(client, report_data):
    response = client.post(
        URL,
        {
            **report_data,
            "province": "binh-phuoc",
            "patterns": ["khoa-sim", "chuyen-tien"],
            "contact": "0987654321",
            "consent": True,
            "occurred_at": None,
        },
        content_type="application/json",
    )
    assert response.status_code == 201, response.content
    data = response.json()
    report = Report.objects.get(code=data["code"])
    assert data["sms"] == f"LD 0912345678 {report_data['content']}"
    assert report.province.slug == "dong-nai" and report.province_as_chosen.slug == "binh-phuoc"
    assert {p.slug for p in report.patterns.all()} == {"khoa-sim", "chuyen-tien"}
    assert report.contact == "0987654321" and report.contact_consented_at is not None


def test_json_with_a_charset_and_the_same_errors_as_the_form(client):
    response = client.post(
        URL,
        json.dumps({"kind": "Q", "source": "0912345678", "content": "alo"}),
        content_type="application/json; charset=utf-8",
    )
    assert response.status_code == 400
    assert set(errors_of(response)) == {"kind"}
    assert Report.objects.count() == 0


def test_a_contact_without_consent_is_refused_in_json_too(client, report_data):
    body = {**report_data, "contact": "0987654321", "consent": False}
    response = client.post(URL, body, content_type="application/json")
    assert response.status_code == 400
    assert set(errors_of(response)) == {"consent"}


@pytest.mark.parametrize(
    ("body", "bad"),
    [
        ('{"kind": "LD", "source": ', "__all__"),  # cut off
        (b'{"kind": "\xff"}', "__all__"),  # not UTF-8
        ('["LD", "0912345678", "alo"]', "__all__"),  # not an object
        ('"LD 0912345678 alo"', "__all__"),
        ("[" * 100_000, "__all__"),  # nesting deeper than any parser should follow
        ('{"kind": "LD", "source": 912345678, "content": "alo"}', "source"),  # a number
        ('{"kind": "LD", "source": "0912345678", "content": {"text": "alo"}}', "content"),
        ('{"kind": ["LD", "S"], "source": "0912345678", "content": "alo"}', "kind"),
        ('{"kind": "LD", "source": "0912345678", "content": "alo", "patterns": [1]}', "patterns"),
        ('{"kind": "LD", "source": "0912345678", "content": "alo", "evidence": "x"}', "evidence"),
    ],
)
def test_json_the_api_cannot_take_is_a_400_that_says_why(client, body, bad):
    response = client.post(URL, body, content_type="application/json")
    assert response.status_code == 400
    assert bad in errors_of(response)
    assert Report.objects.count() == 0


def test_a_lone_surrogate_in_json_is_never_a_500(client):
    body = '{"kind": "LD", "source": "0912345678", "content": "alo", "patterns": ["\\ud800"]}'
    response = client.post(URL, body, content_type="application/json")
    assert response.status_code == 400
    assert set(errors_of(response)) == {"patterns"}


def test_a_body_of_another_type_is_a_415_naming_the_types_we_read(client, report_data):
    response = client.post(URL, "kind=LD", content_type="text/plain")
    assert response.status_code == 415
    message = errors_of(response)["__all__"][0]
    assert "multipart/form-data" in message and "application/json" in message


@pytest.mark.parametrize(
    ("method", "path", "allow"),
    [
        ("get", URL, "POST"),
        ("put", URL, "POST"),
        ("delete", URL, "POST"),
        ("put", "/api/v1/compose", "GET, POST, HEAD"),
        ("patch", "/api/v1/provinces", "GET, HEAD"),
    ],
)
def test_a_wrong_method_is_a_json_405_with_allow(client, method, path, allow):
    response = getattr(client, method)(path)
    assert response.status_code == 405
    assert response["Allow"] == allow
    assert method.upper() in errors_of(response)["__all__"][0]


def test_a_body_over_the_memory_limit_is_a_json_413(client, settings, report_data):
    big = "x" * (settings.DATA_UPLOAD_MAX_MEMORY_SIZE + 1)
    for body, content_type in [
        (f"kind=LD&source=0912345678&content={big}", "application/x-www-form-urlencoded"),
        (json.dumps({**report_data, "content": big}), "application/json"),
    ]:
        response = client.post(URL, body, content_type=content_type)
        assert response.status_code == 413, content_type
        assert "quá lớn" in errors_of(response)["__all__"][0]
    response = client.post(URL, {**report_data, "content": big})  # multipart
    assert response.status_code == 413
    assert Report.objects.count() == 0


def test_too_many_fields_is_a_json_413(client, settings, report_data):
    fields = "&".join(f"f{n}=x" for n in range(settings.DATA_UPLOAD_MAX_NUMBER_FIELDS + 1))
    response = client.post(URL, fields, content_type="application/x-www-form-urlencoded")
    assert response.status_code == 413
    assert "__all__" in errors_of(response)


@pytest.mark.parametrize(
    "content_type",
    [
        "multipart/form-data",  # no boundary
        "multipart/form-data; boundary=",
        "application/x-www-form-urlencoded; charset=latin-1",  # forms are UTF-8
    ],
)
def test_a_broken_body_is_a_json_400(client, content_type):
    response = client.post(URL, "kind=LD&source=0912345678&content=alo", content_type=content_type)
    assert response.status_code == 400
    assert "không đọc được" in errors_of(response)["__all__"][0]
    assert Report.objects.count() == 0
