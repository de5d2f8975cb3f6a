"""A fake bank SMS from "VCB-BANK" is reported as a scam (LD), on the form and the API.

Letter 002 says LD covers "cuộc gọi hoặc tin nhắn". A call (V) still never
comes from a sender name, and says which kinds take one.
"""

import json

import pytest

from reports.models import Report
from reports.sms import Kind

pytestmark = pytest.mark.django_db

CONTENT = "Tai khoan cua quy khach bi khoa, truy cap vcb-xacthuc.com"


@pytest.mark.parametrize(
    ("typed", "source"),
    [("VCB-BANK", "VCB-BANK"), ("Vietcombank", "VIETCOMBANK"), ("zalo", "ZALO")],
)
def test_the_form_files_a_sender_name_as_a_scam(client, typed, source):
    response = client.post("/report/", {"kind": "LD", "source": typed, "content": CONTENT})
    assert response.status_code == 302
    report = Report.objects.get()
    assert (report.kind, report.source) == ("LD", source)
    receipt = client.get(response["Location"]).content.decode()
    assert f"LD {source} Tai khoan" in receipt


def test_the_api_files_a_sender_name_as_a_scam(client):
    response = client.post(
        "/api/v1/reports",
        json.dumps({"kind": "LD", "source": "vcb-bank", "content": CONTENT}),
        content_type="application/json",
    )
    assert response.status_code == 201
    assert response.json()["sms"] == f"LD VCB-BANK {CONTENT}"
    assert "warnings" not in response.json()


def test_the_compose_endpoint_composes_it(client):
    data = client.get(
        "/api/v1/compose", {"kind": "LD", "source": "VCB-BANK", "content": CONTENT}
    ).json()
    assert data["sms"] == f"LD VCB-BANK {CONTENT}"


def test_a_call_from_a_sender_name_is_still_refused_and_names_both_sms_kinds(client):
    response = client.post(
        "/api/v1/reports", {"kind": "V", "source": "VCB-BANK", "content": CONTENT}
    )
    assert response.status_code == 400
    (message,) = response.json()["errors"]["source"]
    assert "cuộc gọi không đến từ tên" in message
    assert "loại S" in message and "LD" in message
    html = client.post("/report/", {"kind": "V", "source": "VCB-BANK", "content": CONTENT})
    assert html.status_code == 400 and "chọn loại S (tin nhắn rác) hoặc LD" in html.content.decode()
    assert not Report.objects.exists()


def test_the_ld_label_says_calls_or_messages():
    assert Kind.SCAM.label == "LD — lừa đảo (cuộc gọi hoặc tin nhắn)"


def test_an_ld_source_error_shows_a_sender_name_as_an_example(client):
    response = client.post(
        "/api/v1/reports", {"kind": "LD", "source": "VCB BANK", "content": CONTENT}
    )
    assert "VCB-BANK" in response.json()["errors"]["source"][0]


def test_the_refusal_is_in_english_when_asked(client):
    response = client.post(
        "/api/v1/reports",
        {"kind": "V", "source": "VCB-BANK", "content": CONTENT},
        headers={"Accept-Language": "en"},
    )
    assert "LD" in response.json()["errors"]["source"][0]
