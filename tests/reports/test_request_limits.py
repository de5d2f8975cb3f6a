"""A request no report can fit is refused before it is read, on the form and the API.

Django reads a whole body (files to disk) before any limit of the form
applies: one 100 MB request of 50 files was read, then refused. Now the
announced length alone refuses a body too long for any report, and reading
stops at the first file beyond the three a report takes.
"""

import io

import pytest
from django.test.client import BOUNDARY, MULTIPART_CONTENT, encode_multipart

from reports.filing import max_body_size
from reports.models import Report

from .media import png, upload

pytestmark = pytest.mark.django_db

FORM, API = "/report/", "/api/v1/reports"


class NeverRead(io.RawIOBase):
    """A request body that fails the test if anything reads it."""

    def read(self, size=-1):
        raise AssertionError("the body was read")

    readline = read


class Counting(io.RawIOBase):
    """A request body that counts how much of it was read."""

    def __init__(self, data):
        self.data = io.BytesIO(data)
        self.consumed = 0

    def read(self, size=-1):
        chunk = self.data.read(size)
        self.consumed += len(chunk)
        return chunk

    def readline(self, size=-1):
        line = self.data.readline(size)
        self.consumed += len(line)
        return line


def post(client, path, body, length=None, stream=None):
    return client.generic(
        "POST",
        path,
        body,
        content_type=MULTIPART_CONTENT,
        CONTENT_LENGTH=str(len(body) if length is None else length),
        **{"wsgi.input": stream or Counting(body)},
    )


def test_a_body_announced_at_500_mb_gets_the_form_page_without_being_read(client):
    response = post(client, FORM, b"x", length=500 * 1024 * 1024, stream=NeverRead())
    assert response.status_code == 413
    html = response.content.decode()
    assert "Phản ánh chưa gửi được vì các tệp đính kèm quá lớn" in html
    assert "gửi tối đa 3 tệp, mỗi tệp đến 10 MB" in html
    assert "Quay lại" in html  # where what was typed can still be found
    assert 'name="content"' in html  # the form is there to try again
    assert not Report.objects.exists()


def test_the_api_answers_the_same_body_with_its_json_413(client):
    response = post(client, API, b"x", length=500 * 1024 * 1024, stream=NeverRead())
    assert response.status_code == 413
    assert response["Content-Type"].startswith("application/json")
    (message,) = response.json()["errors"]["__all__"]
    assert "quá lớn" in message and "tối đa 3 tệp" in message and "Quay lại" not in message


def test_the_limit_is_every_file_at_its_largest_and_room_for_the_text(
    client, report_data, settings
):
    settings.REPORT_EVIDENCE_MAX_SIZE = 100_000
    assert max_body_size() == 3 * 100_000 + 1024 * 1024
    refused = post(client, FORM, b"x", length=max_body_size() + 1, stream=NeverRead())
    assert refused.status_code == 413
    files = [upload(f"anh{i}.png", png()) for i in range(3)]
    assert client.post(FORM, {**report_data, "evidence": files}).status_code == 302


def many_files(report_data, count, size=200_000):
    """A multipart body: the text fields, then `count` files of `size` bytes."""
    files = [upload(f"anh{i}.png", b"\x89PNG" + b"\x00" * size) for i in range(count)]
    body = encode_multipart(BOUNDARY, {**report_data, "evidence": files})
    fourth = body.index(b'filename="anh3.png"')
    return body, fourth


def test_reading_stops_at_the_fourth_file_and_the_text_comes_back(client, report_data):
    body, fourth = many_files(report_data, 50)
    stream = Counting(body)
    response = post(client, FORM, body, stream=stream)
    assert response.status_code == 413
    html = response.content.decode()
    assert "quá nhiều tệp đính kèm: hãy chọn lại tối đa 3 tệp" in html
    assert report_data["content"] in html and 'value="+84 912 345 678"' in html
    # Not a byte of the fourth file's content, nor of the 46 after it, was read.
    assert stream.consumed < fourth + 64 * 1024 < len(body) // 10
    assert not Report.objects.exists()


def test_the_api_stops_reading_at_the_fourth_file_too(client, report_data):
    body, fourth = many_files(report_data, 5)
    stream = Counting(body)
    response = post(client, API, body, stream=stream)
    assert response.status_code == 413
    (message,) = response.json()["errors"]["__all__"]
    assert "tối đa 3 tệp" in message
    assert stream.consumed < fourth + 64 * 1024 < len(body)
    assert not Report.objects.exists()


def test_three_files_are_still_read_whole(client, report_data):
    files = [upload(f"anh{i}.png", png()) for i in range(3)]
    response = client.post(API, {**report_data, "evidence": files})
    assert response.status_code == 201
    assert Report.objects.get().evidence.count() == 3
