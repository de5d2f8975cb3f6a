"""The report page's preview sends what Chị Lan types in a POST body, never in a URL.

URLs end up in proxies' and servers' access logs. POST /api/v1/compose takes
the same parameters as GET (form-encoded or a JSON object) and gives the same
answers; GET stays for the chatbots that already use it.
"""

import json
from urllib.parse import urlencode

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.files.uploadhandler import FileUploadHandler
from django.test import Client

pytestmark = pytest.mark.django_db

URL = "/api/v1/compose"
TYPED = {
    "kind": "LD",
    "source": "+84 912 345 678",
    "content": "Mạo danh công an,\nyêu cầu  chuyển tiền",
    "province": "binh-phuoc",
}


@pytest.fixture
def page():
    """The report page's script: same-origin, no CSRF token, checks enforced as in production."""
    return Client(enforce_csrf_checks=True)


def test_a_form_encoded_post_answers_exactly_as_get(page, hotlines):
    by_get = page.get(URL, TYPED)
    by_post = page.post(URL, urlencode(TYPED), content_type="application/x-www-form-urlencoded")
    assert by_post.status_code == by_get.status_code == 200
    assert by_post.json() == by_get.json()
    assert by_post.json()["sms"] == "LD 0912345678 Mạo danh công an, yêu cầu chuyển tiền"


def test_a_json_object_answers_exactly_as_get(page, hotlines):
    by_post = page.post(URL, json.dumps(TYPED), content_type="application/json")
    assert by_post.status_code == 200
    assert by_post.json() == page.get(URL, TYPED).json()


@pytest.mark.parametrize(
    "params",
    [
        {},
        {"kind": "Q", "source": "0912345678", "content": "x"},
        {"kind": "V", "source": "VCB-BANK", "content": "x", "province": "atlantis"},
    ],
)
def test_bad_parameters_get_the_same_400_by_post(page, params):
    by_get, by_post = page.get(URL, params), page.post(URL, params)
    assert by_post.status_code == by_get.status_code == 400
    assert by_post.json() == by_get.json()


@pytest.mark.parametrize(
    ("body", "content_type", "status", "bad"),
    [
        ("[1, 2]", "application/json", 400, "__all__"),
        (
            '{"kind": "LD", "source": 912345678, "content": "alo"}',
            "application/json",
            400,
            "source",
        ),
        ("kind=LD", "text/plain", 415, "__all__"),
    ],
)
def test_a_body_it_cannot_read_says_why(page, body, content_type, status, bad):
    response = page.post(URL, body, content_type=content_type)
    assert response.status_code == status
    assert bad in response.json()["errors"]


class RecordingUploadHandler(FileUploadHandler):
    """Stands in for Django's upload handlers: notes every file it would have stored."""

    received = []

    def receive_data_chunk(self, raw_data, start):
        return None

    def file_complete(self, file_size):
        RecordingUploadHandler.received.append(self.file_name)


def test_a_file_sent_along_is_ignored_and_never_stored(page, settings):
    settings.FILE_UPLOAD_HANDLERS = [f"{__name__}.RecordingUploadHandler"]
    RecordingUploadHandler.received = []
    upload = SimpleUploadedFile("a.png", b"\x89PNG" + b"\x00" * 4096, content_type="image/png")
    response = page.post(URL, {**TYPED, "province": "", "evidence": upload})
    assert response.status_code == 200
    assert response.json()["sms"].startswith("LD 0912345678 ")
    assert RecordingUploadHandler.received == []
    page.post("/report/", {**TYPED, "evidence": upload})  # where files are taken, it records
    assert RecordingUploadHandler.received == ["a.png"]
