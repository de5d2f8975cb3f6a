"""Who may do what is audited too: an account's groups, a role's permissions, a body's members.

Putting someone in the administrators' group, or among the staff who publish
for a body, is how one account could change what the public trusts.
"""

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.urls import reverse

from advisories.models import Organization
from advisories.roles import ADMINISTRATORS

from .conftest import staff

pytestmark = pytest.mark.django_db


def entries(client, model):
    return client.get(reverse("audit_log"), {"model": model}).context["entries"]


def test_joining_the_administrators_group_is_shown(client, quan):
    thu = staff("thu")
    thu.groups.add(Group.objects.get(name=ADMINISTRATORS))
    client.force_login(quan)

    newest = entries(client, "auth.user")[0]

    assert newest.object_label.startswith("thu")
    groups = str(get_user_model()._meta.get_field("groups").verbose_name)
    assert [(c.field, c.old, c.new) for c in newest.changes] == [(groups, "—", ADMINISTRATORS)]


def test_a_body_gets_a_new_member(client, quan):
    body = Organization.objects.get(slug="stttt-ninh-thuan")
    body.members.add(staff("thu"))
    client.force_login(quan)

    newest = entries(client, "advisories.organization")[0]

    # The body was made by a migration, before the audit: its old values are unknown.
    assert ("cán bộ", "chưa ghi", "thu") in [(c.field, c.old, c.new) for c in newest.changes]
    body.members.add(staff("lan"))
    newest = entries(client, "advisories.organization")[0]
    assert [(c.field, c.old, c.new) for c in newest.changes] == [("cán bộ", "thu", "lan, thu")]


def test_a_role_gets_a_permission(client, quan):
    group = Group.objects.get(name="Thanh tra viên")
    group.permissions.add(Permission.objects.get(codename="view_audit_log"))
    client.force_login(quan)

    change = entries(client, "auth.group")[0].changes[-1]

    assert change.field == str(Group._meta.get_field("permissions").verbose_name)
    assert "audit.view_audit_log" in change.new
    assert "audit.view_audit_log" not in change.old
