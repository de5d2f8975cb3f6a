"""Chị Mai's phone loses its signal half way through sending her report.

gunicorn gives up on a client silent for its timeout (tests/portal/test_slow_clients.py
shows it on a real server); Django then cannot read the rest of the body. Mai
gets the portal's page in her language, saying nothing was stored, not a 500;
an app gets the same message in the API's shape.
"""

import pytest

from reports.models import Report

pytestmark = pytest.mark.django_db

BOUNDARY = "----mai"
BODY = (
    f'--{BOUNDARY}\r\nContent-Disposition: form-data; name="kind"\r\n\r\nLD\r\n'
    f'--{BOUNDARY}\r\nContent-Disposition: form-data; name="source"\r\n\r\n0912345678\r\n'
    f'--{BOUNDARY}\r\nContent-Disposition: form-data; name="content"\r\n\r\nGiả danh'
).encode()


class LostSignal:
    """wsgi.input as gunicorn's is when the client stops sending: the first bytes, then an error."""

    def __init__(self, data):
        self.data = data

    def read(self, size=-1):
        if not self.data:
            raise BlockingIOError(11, "Resource temporarily unavailable")  # SO_RCVTIMEO
        size = len(self.data) if size is None or size < 0 else size
        chunk, self.data = self.data[:size], self.data[size:]
        return chunk

    def readline(self, size=-1):
        return self.read(size)


def post_half(client, path, **extra):
    return client.generic(
        "POST",
        path,
        BODY,
        content_type=f"multipart/form-data; boundary={BOUNDARY}",
        CONTENT_LENGTH=str(len(BODY) + 100_000),
        **{"wsgi.input": LostSignal(BODY)},
        **extra,
    )


def test_the_form_answers_the_portals_page_in_vietnamese(client):
    response = post_half(client, "/report/")
    assert response.status_code == 400
    page = response.content.decode()
    assert "Yêu cầu không hợp lệ" in page
    assert "kết nối chậm quá lâu hoặc bị ngắt giữa chừng, nên chưa có gì được lưu" in page
    assert not Report.objects.exists()


def test_in_english_when_the_cookie_says_so(client):
    client.cookies["django_language"] = "en"
    page = post_half(client, "/report/").content.decode()
    assert "nothing has been stored" in page


def test_the_api_answers_in_its_own_shape(client):
    response = post_half(client, "/api/v1/reports")
    assert response.status_code == 400
    assert response.json() == {
        "errors": {
            "__all__": [
                "Cổng chưa nhận đủ dữ liệu gửi lên: kết nối chậm quá lâu hoặc bị ngắt giữa "
                "chừng, nên chưa có gì được lưu. Hãy kiểm tra kết nối mạng rồi gửi lại."
            ]
        }
    }
    assert not Report.objects.exists()


def test_the_log_says_what_happened_without_a_traceback(client, caplog):
    post_half(client, "/report/")
    warnings = [record for record in caplog.records if record.name == "portal.middleware"]
    assert [record.getMessage() for record in warnings] == [
        "Request body not received in full, the client stopped sending: POST /report/"
    ]
    assert not any(record.exc_info for record in caplog.records)
