"""The CSV writes at most AUDIT_EXPORT_MAX_ROWS records and says so when more match."""

import csv
import io

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


def rows(response):
    return list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode("utf-8-sig"))))


def test_more_records_than_the_bound_ends_with_a_note(client, quan, hotline_156, settings):
    settings.AUDIT_EXPORT_MAX_ROWS = 3
    for index in range(5):
        hotline_156.position = index + 1
        hotline_156.save()
    client.force_login(quan)

    written = rows(client.get(reverse("audit_export"), {"model": "reports.hotline"}))

    assert len(written) == 1 + 3 + 1
    assert written[1][7] == "thứ tự: 4 → 5"  # newest first
    assert written[-1][0].startswith("Chỉ có 3 bản ghi đầu tiên")


def test_exactly_the_bound_has_no_note(client, quan, hotline_156, settings):
    settings.AUDIT_EXPORT_MAX_ROWS = 2
    hotline_156.position = 1
    hotline_156.save()
    client.force_login(quan)

    written = rows(client.get(reverse("audit_export"), {"model": "reports.hotline"}))

    assert len(written) == 3


def test_a_value_is_never_a_formula(client, quan, hotline_156):
    hotline_156.label = '=HYPERLINK("http://example.com")'
    hotline_156.save()
    client.force_login(quan)

    written = rows(client.get(reverse("audit_export")))

    assert "tên kênh: Trung tâm giám sát an toàn không gian mạng quốc gia → ='" not in written[1][7]
    assert written[1][7].startswith("tên kênh: ")
