"""Issuers, provinces and scam patterns: administrators edit, publishers only look."""

import pytest

from advisories.models import Organization

pytestmark = pytest.mark.django_db


def test_an_administrator_edits_who_publishes_for_a_body(
    as_user, administrator, ninh_binh_publisher
):
    body = Organization.objects.get(slug="stttt-dak-lak")
    client = as_user(administrator)
    url = f"/admin/advisories/organization/{body.pk}/change/"
    form = client.get(url).context["adminform"].form
    assert "members" in form.fields

    data = {
        field: getattr(body, field)
        for field in ("name", "header_name", "parent_body", "symbol", "level", "place", "slug")
    }
    data.update({"province": body.province_id, "members": [ninh_binh_publisher.pk]})
    assert client.post(url, data).status_code == 302
    assert list(body.members.all()) == [ninh_binh_publisher]


def test_a_publisher_sees_their_body_but_cannot_change_it(as_user, ninh_binh_publisher):
    client = as_user(ninh_binh_publisher)
    listing = client.get("/admin/advisories/organization/").content.decode()
    assert "Sở Thông tin và Truyền thông tỉnh Ninh Bình" in listing
    assert "Sở Thông tin và Truyền thông tỉnh Đắk Lắk" not in listing
    own = Organization.objects.get(slug="stttt-ninh-binh")
    response = client.get(f"/admin/advisories/organization/{own.pk}/change/")
    assert response.status_code == 200
    assert "members" not in response.context["adminform"].form.fields
    assert client.post(f"/admin/advisories/organization/{own.pk}/change/", {}).status_code == 403


def test_provinces_are_read_only_for_publishers(as_user, ninh_binh_publisher, administrator):
    from advisories.models import Province

    hue = Province.objects.get(slug="hue")
    url = f"/admin/advisories/province/{hue.pk}/change/"
    publisher = as_user(ninh_binh_publisher).get(url)
    assert publisher.status_code == 200
    assert not publisher.context["has_change_permission"]
    assert as_user(administrator).get(url).context["has_change_permission"]


def test_scam_patterns_are_listed_with_their_published_letters(
    as_user, administrator, make_advisory
):
    from advisories.models import ScamPattern

    make_advisory("stttt-dak-lak", patterns=[ScamPattern.objects.get(slug="khoa-sim")])
    response = as_user(administrator).get("/admin/advisories/scampattern/")
    assert response.status_code == 200
    counts = {p.slug: p._advisories for p in response.context["cl"].result_list}
    assert counts["khoa-sim"] == 1
    assert counts["ket-ban-zalo"] == 0
