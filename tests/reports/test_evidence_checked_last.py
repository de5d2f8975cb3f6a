"""A report with a mistake in its text decodes none of its files.

Reviewed: evidence was examined before the other fields were checked, so a
report refused for its kind (`kind=XX`) still cost 19.6 s of CPU re-encoding
its images. Now the fields and the files' sizes come first (nothing but
counting); the files are examined only when everything else is right. Every
mistake is still shown at once, and what was typed comes back.
"""

import pytest

from reports.models import Evidence, Report

from .media import jpeg, png, upload

pytestmark = pytest.mark.django_db

FORM, API = "/report/", "/api/v1/reports"
SCREENSHOT = png((640, 1386))  # made before `nothing_decoded` stops Pillow


@pytest.mark.parametrize(
    ("mistake", "field"),
    [
        ({"kind": "XX"}, "kind"),
        ({"source": ""}, "source"),
        ({"content": ""}, "content"),
        ({"province": "Không có tỉnh này"}, "province"),
        ({"occurred_at": "01/01/2099"}, "occurred_at"),
        ({"contact": "0987654321"}, "consent"),
        ({"patterns": ["khong-co"]}, "patterns"),
    ],
)
@pytest.mark.parametrize("url", [FORM, API])
def test_a_report_with_a_mistake_opens_none_of_its_images(
    client, report_data, nothing_decoded, mistake, field, url
):
    files = [upload(f"man-hinh-{i}.png", SCREENSHOT) for i in range(3)]
    response = client.post(url, {**report_data, **mistake, "evidence": files})
    assert response.status_code == 400
    if url == API:
        assert set(response.json()["errors"]) == {field}
    else:
        html = response.content.decode()
        assert {**report_data, **mistake}["content"] in html  # what was typed comes back
        assert "Hãy chọn lại tệp" not in html  # no file was refused: none was examined
    assert not Report.objects.exists()


def test_with_the_text_right_every_file_problem_is_shown_at_once(client, report_data):
    files = [
        upload("hong.jpg", jpeg((200, 120))[:-400]),
        upload("trang.mp3", b"<html><script>alert(1)</script></html>"),
        upload("tot.png", png()),
    ]
    response = client.post(FORM, {**report_data, "evidence": files})
    assert response.status_code == 400
    html = response.content.decode()
    assert "Ảnh “hong.jpg” bị hỏng" in html
    assert "Tệp “trang.mp3” không phải ảnh" in html
    assert "Hãy chọn lại tệp khi gửi lại" in html
    assert report_data["content"] in html
    assert not Evidence.objects.exists()


def test_a_mistake_and_an_empty_file_are_shown_together(client, report_data, nothing_decoded):
    # Counting a file's bytes costs nothing: that check comes with the fields'.
    files = [upload("trong.png", b""), upload("tot.png", SCREENSHOT)]
    response = client.post(API, {**report_data, "kind": "XX", "evidence": files})
    assert response.status_code == 400
    errors = response.json()["errors"]
    assert set(errors) == {"kind", "evidence"}
    assert errors["evidence"][0] == "Tệp “trong.png” trống."
