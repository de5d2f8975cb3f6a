"""Only administrators read the audit: it shows what every account did and from where.

Anh Quân (administrators' group) and a superuser see it and the link on the
admin's index; a publisher, inspectors, a supervisor and a national inspector
get a 403, the CSV too; someone signed out is sent to the login page.
"""

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("name", ["audit_log", "audit_export"])
def test_every_other_role_is_refused(client, refused, name):
    for user in refused:
        client.force_login(user)
        response = client.get(reverse(name))
        assert response.status_code == 403, user.username


@pytest.mark.parametrize("name", ["audit_log", "audit_export"])
def test_someone_signed_out_is_sent_to_the_login_page(client, name):
    response = client.get(reverse(name))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("admin:login"))


def test_the_administrator_and_a_superuser_read_it(client, quan):
    root = get_user_model().objects.create_superuser("root", password="x")
    for user in (quan, root):
        client.force_login(user)
        assert client.get(reverse("audit_log")).status_code == 200
        assert client.get(reverse("audit_export")).status_code == 200


def test_the_admin_index_links_to_it_for_administrators_only(client, quan, refused):
    client.force_login(quan)
    assert reverse("audit_log") in client.get(reverse("admin:index")).content.decode()
    for user in refused:
        client.force_login(user)
        assert reverse("audit_log") not in client.get(reverse("admin:index")).content.decode()


def test_no_provincial_role_holds_the_permission():
    from django.contrib.auth.models import Group

    holders = Group.objects.filter(
        permissions__content_type__app_label="audit", permissions__codename="view_audit_log"
    )
    assert list(holders.values_list("name", flat=True)) == ["Quản trị viên"]
