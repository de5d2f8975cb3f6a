"""Hùng, the administrator, posts a form whose chosen rows are no ids: the form says so, no 500.

A group's permissions, an organisation's members or province, a hotline's
letter: every relation field of every admin form now checks an id fits its
column before looking it up (portal.admin_values). `2^70` among a group's
permissions was a 500 on SQLite (`pk__in` has no overflow check), and `abc`
in an autocomplete box was one on both databases when the form came back.
"""

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group

from advisories.models import Organization
from reports.models import Hotline

pytestmark = pytest.mark.django_db

NOT_IDS = [str(2**70), str(2**63), "abc", "1.5", "²"]


@pytest.fixture
def hung(client):
    client.force_login(get_user_model().objects.create_superuser("hung", password="x"))
    return client


@pytest.mark.parametrize("value", NOT_IDS)
def test_a_groups_permissions_that_are_no_ids_are_an_error_of_the_form(hung, value):
    response = hung.post("/admin/auth/group/add/", {"name": "Trực ban", "permissions": [value]})
    assert response.status_code == 200
    assert response.context["adminform"].form.errors["permissions"]
    assert not Group.objects.filter(name="Trực ban").exists()


@pytest.mark.parametrize("value", NOT_IDS)
def test_an_organisations_members_and_province_that_are_no_ids_are_errors(hung, value):
    body = Organization.objects.get(slug="stttt-dak-lak")
    response = hung.post(
        f"/admin/advisories/organization/{body.pk}/change/",
        {
            "name": "Tên mới",
            "symbol": body.symbol,
            "slug": body.slug,
            "level": body.level,
            "members": [value],
            "province": value,  # an autocomplete box: shown back empty, under its error
        },
    )
    assert response.status_code == 200
    errors = response.context["adminform"].form.errors
    assert errors["members"] and errors["province"]
    body.refresh_from_db()
    assert body.name != "Tên mới"


@pytest.mark.parametrize("value", NOT_IDS)
def test_a_raw_id_typed_wrong_comes_back_as_typed_with_its_error(hung, value):
    response = hung.post("/admin/reports/hotline/add/", {"number": "156", "source_advisory": value})
    assert response.status_code == 200
    assert response.context["adminform"].form.errors["source_advisory"]
    assert f'value="{value}"' in response.content.decode()
    assert not Hotline.objects.filter(number="156", source_advisory__isnull=False).exists()
