"""Before publishing, staff preview the letter in the official layout citizens will see."""

import pytest

pytestmark = pytest.mark.django_db

ADMIN = "/admin/advisories/advisory/"


def test_a_publisher_previews_a_draft_in_the_public_layout(
    as_user, ninh_binh_publisher, make_advisory
):
    draft = make_advisory("stttt-ninh-binh", published=False)
    client = as_user(ninh_binh_publisher)

    change = client.get(f"{ADMIN}{draft.pk}/change/").content.decode()
    assert f'href="{ADMIN}{draft.pk}/preview/"' in change

    response = client.get(f"{ADMIN}{draft.pk}/preview/")
    assert response.status_code == 200
    assert response.templates[0].name == "advisories/detail.html"
    html = response.content.decode()
    assert "Bản xem trước" in html
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in html
    assert "ngày … tháng 02 năm 2024" in html
    assert 'content="noindex' in html


def test_the_preview_link_is_in_the_list_too(as_user, ninh_binh_publisher, make_advisory):
    draft = make_advisory("stttt-ninh-binh", published=False)
    html = as_user(ninh_binh_publisher).get(ADMIN).content.decode()
    assert f'href="{ADMIN}{draft.pk}/preview/"' in html


def test_a_staff_member_without_advisory_rights_cannot_preview(
    as_user, make_advisory, django_user_model
):
    draft = make_advisory("stttt-ninh-binh", published=False)
    stranger = django_user_model.objects.create_user("thanh-tra", is_staff=True)
    draft.issuer.members.add(stranger)
    assert as_user(stranger).get(f"{ADMIN}{draft.pk}/preview/").status_code in (403, 404)
