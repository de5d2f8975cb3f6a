"""A publisher sees and edits only their own body's letters, through every admin URL.

Another body's letter answers 404, exactly like a letter that does not exist:
a publisher cannot even learn that the other body has a draft.
"""

import pytest

from advisories.models import Advisory, Organization

pytestmark = pytest.mark.django_db

ADMIN = "/admin/advisories/advisory/"


@pytest.fixture
def letters(make_advisory):
    return {
        "ninh-binh": make_advisory("stttt-ninh-binh", summary="thư Ninh Bình", published=False),
        "dak-lak": make_advisory("stttt-dak-lak", summary="thư Đắk Lắk", published=False),
    }


def test_the_changelist_shows_only_the_publishers_own_letters(
    as_user, ninh_binh_publisher, letters
):
    response = as_user(ninh_binh_publisher).get(ADMIN)
    assert response.status_code == 200
    html = response.content.decode()
    assert "thư Ninh Bình" in html
    assert "thư Đắk Lắk" not in html
    # Nor does a filter or a search reveal it.
    for query in ({"q": "Đắk Lắk"}, {"issuer": "stttt-dak-lak"}, {"province": "dak-lak"}):
        assert "thư Đắk Lắk" not in as_user(ninh_binh_publisher).get(ADMIN, query).content.decode()
    # The issuer filter lists only their own body.
    assert "Sở Thông tin và Truyền thông tỉnh Đắk Lắk" not in html


@pytest.mark.parametrize("action", ["change/", "delete/", "history/", "preview/"])
def test_another_bodys_letter_is_not_found_on_any_url(
    as_user, ninh_binh_publisher, letters, action
):
    client = as_user(ninh_binh_publisher)
    other = letters["dak-lak"]
    assert client.get(f"{ADMIN}{other.pk}/{action}").status_code == 404
    # The same answer as for a letter that does not exist.
    assert client.get(f"{ADMIN}999999/{action}").status_code == 404
    # Their own letter opens.
    assert client.get(f"{ADMIN}{letters['ninh-binh'].pk}/{action}").status_code == 200


def test_view_on_site_does_not_reveal_another_bodys_draft(as_user, ninh_binh_publisher, letters):
    from django.contrib.contenttypes.models import ContentType

    client = as_user(ninh_binh_publisher)
    content_type = ContentType.objects.get_for_model(Advisory).pk
    other, own = letters["dak-lak"], letters["ninh-binh"]
    assert client.get(f"/admin/r/{content_type}/{other.pk}/").status_code == 404
    assert client.get(f"/admin/r/{content_type}/abc/").status_code == 404
    own_redirect = client.get(f"/admin/r/{content_type}/{own.pk}/")
    assert own_redirect.status_code == 302
    assert own_redirect["Location"].endswith(own.get_absolute_url())


def test_a_preview_address_that_is_not_a_number_is_not_found(as_user, ninh_binh_publisher):
    response = as_user(ninh_binh_publisher).get(f"{ADMIN}abc/preview/", follow=True)
    assert response.status_code == 404


def test_posting_to_another_bodys_letter_changes_nothing(
    as_user, ninh_binh_publisher, letters, admin_form_data
):
    client = as_user(ninh_binh_publisher)
    other = letters["dak-lak"]

    edit = client.post(
        f"{ADMIN}{other.pk}/change/", admin_form_data(other.issuer, summary="đã bị sửa")
    )
    delete = client.post(f"{ADMIN}{other.pk}/delete/", {"post": "yes"})
    publish = client.post(ADMIN, {"action": "publish", "_selected_action": [other.pk]})

    assert edit.status_code == 404
    assert delete.status_code == 404
    assert publish.status_code in (200, 302)
    other.refresh_from_db()
    assert other.summary == "thư Đắk Lắk"
    assert other.status == Advisory.Status.DRAFT


def test_a_publisher_cannot_create_a_letter_for_another_body(
    as_user, ninh_binh_publisher, admin_form_data, db
):
    dak_lak = Organization.objects.get(slug="stttt-dak-lak")
    client = as_user(ninh_binh_publisher)

    form = client.get(f"{ADMIN}add/").context["adminform"].form
    assert list(form.fields["issuer"].queryset) == [
        Organization.objects.get(slug="stttt-ninh-binh")
    ]

    response = client.post(f"{ADMIN}add/", admin_form_data(dak_lak))

    assert response.status_code == 200
    assert "issuer" in response.context["adminform"].form.errors
    assert not Advisory.objects.exists()


def test_a_publisher_cannot_move_their_letter_to_another_body(
    as_user, ninh_binh_publisher, letters, admin_form_data
):
    own = letters["ninh-binh"]
    dak_lak = Organization.objects.get(slug="stttt-dak-lak")
    response = as_user(ninh_binh_publisher).post(
        f"{ADMIN}{own.pk}/change/", admin_form_data(dak_lak, slug=own.slug)
    )
    assert response.status_code == 200
    own.refresh_from_db()
    assert own.issuer.slug == "stttt-ninh-binh"


def test_an_administrator_sees_and_opens_every_letter(as_user, administrator, letters):
    client = as_user(administrator)
    html = client.get(ADMIN).content.decode()
    assert "thư Ninh Bình" in html and "thư Đắk Lắk" in html
    for letter in letters.values():
        assert client.get(f"{ADMIN}{letter.pk}/change/").status_code == 200
        assert client.get(f"{ADMIN}{letter.pk}/preview/").status_code == 200


def test_a_citizen_is_sent_to_the_login_page(client, letters):
    response = client.get(f"{ADMIN}{letters['dak-lak'].pk}/preview/")
    assert response.status_code == 302
    assert "/admin/login/" in response["Location"]
