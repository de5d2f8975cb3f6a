"""Chị Lan changes her mind: from her receipt she withdraws consent, and her data is gone."""

import re
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from reports.codes import new_code
from reports.models import Evidence, Report, ReportEvent

from .media import png

pytestmark = pytest.mark.django_db

PNG = png()
WITHDRAW_BUTTON = "Rút lại đồng ý, xóa thông tin liên hệ và tệp đính kèm"


@pytest.fixture
def lan_report(client, report_data):
    """Chị Lan's report, with her email (and consent) and a screenshot of the scam SMS."""
    response = client.post(
        "/report/",
        {
            **report_data,
            "contact": "lan.nguyen@example.com",
            "consent": "on",
            "evidence": [SimpleUploadedFile("tin-nhan.png", PNG, content_type="image/png")],
        },
    )
    assert response.status_code == 302
    report = Report.objects.get(code=response["Location"].split("/")[2])
    assert report.contact and report.evidence.count() == 1
    return report


def withdraw_url(report):
    return f"/report/{report.code}/withdraw"


def test_lan_withdraws_and_her_contact_consent_and_files_are_gone(
    client, lan_report, django_capture_on_commit_callbacks
):
    path = Path(lan_report.evidence.get().file.path)
    assert path.read_bytes().startswith(b"\x89PNG")

    receipt = client.get(f"/report/{lan_report.code}/").content.decode()
    assert WITHDRAW_BUTTON in receipt
    assert f'action="{withdraw_url(lan_report)}"' in receipt

    # Files go once the erasure is committed: the test's transaction never commits.
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(withdraw_url(lan_report), follow=True)
    assert response.redirect_chain == [(f"/report/{lan_report.code}/", 302)]
    html = response.content.decode()
    assert "Đã rút lại đồng ý" in html and "1 tệp đính kèm" in html
    assert WITHDRAW_BUTTON not in html  # nothing left to withdraw
    assert "lan.nguyen" not in html

    lan_report.refresh_from_db()
    assert lan_report.contact == ""
    assert lan_report.contact_consent_text == ""
    assert lan_report.contact_consented_at is None
    assert not Evidence.objects.filter(report=lan_report).exists()
    assert not path.exists()
    # The report itself stays for the inspectors, with a trace of what happened.
    assert lan_report.content.startswith("Tự xưng cán bộ Sở TTTT")
    event = ReportEvent.objects.filter(report=lan_report).latest("pk")
    assert "rút lại đồng ý" in event.note and event.actor is None
    assert "lan.nguyen" not in event.note


def test_the_form_is_protected_against_cross_site_requests(lan_report):
    browser = Client(enforce_csrf_checks=True)
    assert browser.post(withdraw_url(lan_report)).status_code == 403
    lan_report.refresh_from_db()
    assert lan_report.contact == "lan.nguyen@example.com"

    receipt = browser.get(f"/report/{lan_report.code}/").content.decode()
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', receipt).group(1)
    response = browser.post(withdraw_url(lan_report), {"csrfmiddlewaretoken": token})
    assert response.status_code == 302
    lan_report.refresh_from_db()
    assert lan_report.contact == ""


def test_a_wrong_code_is_a_404_and_erases_nothing(client, lan_report):
    assert client.post(f"/report/{new_code()}/withdraw").status_code == 404
    assert client.post("/report/nope/withdraw").status_code == 404
    lan_report.refresh_from_db()
    assert lan_report.contact == "lan.nguyen@example.com"
    assert lan_report.evidence.count() == 1


def test_opening_the_address_erases_nothing(client, lan_report):
    response = client.get(withdraw_url(lan_report))
    assert response.status_code == 302
    assert response["Location"] == f"/report/{lan_report.code}/"
    lan_report.refresh_from_db()
    assert lan_report.contact == "lan.nguyen@example.com"
    assert lan_report.contact_consented_at is not None
    assert lan_report.evidence.count() == 1


def test_the_code_typed_in_lower_case_works_too(client, lan_report):
    typed = lan_report.code.replace("-", "").lower()
    response = client.post(f"/report/{typed}/withdraw")
    assert response["Location"] == f"/report/{lan_report.code}/"
    lan_report.refresh_from_db()
    assert lan_report.contact == ""


def test_a_report_without_contact_or_files_offers_nothing_to_withdraw(client, report_data):
    response = client.post("/report/", report_data)
    html = client.get(response["Location"]).content.decode()
    assert WITHDRAW_BUTTON not in html
    follow = client.post(f"{response['Location']}withdraw", follow=True)
    assert "không còn thông tin liên hệ hay tệp đính kèm" in follow.content.decode()
