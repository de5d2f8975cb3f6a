"""A scan being read is its sender's: anyone else finds nothing there (404).

Chị Hoa, publisher of Sở TTTT Đắk Lắk, sent a scan. A publisher of Sở TTTT
Ninh Bình, and even Hoa's colleague at Đắk Lắk, get "not found" for its page
and do not see it in their list of scans sent (until it is read, a scan says
nothing of whose letter it is; it is imported with Hoa's rights). An
administrator may open it. Odd ids are not found either, never a 500.
"""

import pytest
from django.test import Client

from .scans import IMPORT, dak_lak_scan_png, reading_page, send_scan, the_reading

pytestmark = pytest.mark.django_db


@pytest.fixture
def hoas_reading(as_user, dak_lak_publisher, django_capture_on_commit_callbacks):
    send_scan(
        as_user(dak_lak_publisher),
        django_capture_on_commit_callbacks,
        "hoa.png",
        dak_lak_scan_png(),
    )
    return the_reading()


@pytest.fixture
def dak_lak_colleague(django_user_model, dak_lak_publisher):
    from advisories.models import Organization
    from advisories.roles import PUBLISHERS

    colleague = django_user_model.objects.create_user("dong-nghiep", password="x", is_staff=True)
    colleague.groups.add(*dak_lak_publisher.groups.filter(name=PUBLISHERS))
    Organization.objects.get(slug="stttt-dak-lak").members.add(colleague)
    return colleague


def test_a_publisher_of_another_body_finds_nothing(as_user, hoas_reading, ninh_binh_publisher):
    client = as_user(ninh_binh_publisher)
    assert client.get(reading_page(hoas_reading)).status_code == 404
    page = client.get(IMPORT).content.decode()
    assert "hoa.png" not in page and reading_page(hoas_reading) not in page


def test_a_colleague_of_the_same_body_finds_nothing_either(
    as_user, hoas_reading, dak_lak_colleague
):
    client = as_user(dak_lak_colleague)
    assert client.get(reading_page(hoas_reading)).status_code == 404
    assert "hoa.png" not in client.get(IMPORT).content.decode()


def test_hoa_and_an_administrator_open_it(as_user, hoas_reading, dak_lak_publisher, administrator):
    assert as_user(dak_lak_publisher).get(reading_page(hoas_reading)).status_code == 200
    assert as_user(administrator).get(reading_page(hoas_reading)).status_code == 200


def test_a_citizen_is_sent_to_log_in(hoas_reading):
    response = Client().get(reading_page(hoas_reading))
    assert response.status_code == 302 and "/admin/login/" in response["Location"]


@pytest.mark.parametrize("reading_id", ["0", "99999", str(2**63), str(2**70)])
def test_an_odd_id_is_not_found(as_user, administrator, reading_id):
    assert as_user(administrator).get(f"{IMPORT}readings/{reading_id}/").status_code == 404
