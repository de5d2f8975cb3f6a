"""A publisher publishes and unpublishes letters from the list; a colleague approves."""

import pytest
from django.utils import timezone

from advisories.models import Advisory

pytestmark = pytest.mark.django_db

ADMIN = "/admin/advisories/advisory/"


def act(client, action, *letters, **extra):
    return client.post(
        ADMIN,
        {"action": action, "_selected_action": [a.pk for a in letters], **extra},
        follow=True,
    )


def test_publishing_a_draft_shows_it_to_citizens_once_a_colleague_approves(
    client, as_user, ninh_binh_publisher, ninh_binh_colleague, make_advisory
):
    draft = make_advisory("stttt-ninh-binh", published=False)
    assert client.get(draft.get_absolute_url()).status_code == 404

    response = act(as_user(ninh_binh_publisher), "publish", draft)

    assert "1 công văn chờ một cán bộ khác duyệt" in response.content.decode()
    draft.refresh_from_db()
    assert draft.status == Advisory.Status.PENDING
    assert draft.proposed_by == ninh_binh_publisher
    client.logout()
    assert client.get(draft.get_absolute_url()).status_code == 404

    before = timezone.now()
    response = act(as_user(ninh_binh_colleague), "approve", draft, post="yes")
    assert "Đã duyệt và đăng 1 công văn." in response.content.decode()
    draft.refresh_from_db()
    assert draft.status == Advisory.Status.PUBLISHED
    assert draft.published_at >= before
    assert draft.approved_by == ninh_binh_colleague
    client.logout()
    assert client.get(draft.get_absolute_url()).status_code == 200


def test_a_body_that_needs_no_second_approval_publishes_directly(
    client, as_user, ninh_binh_publisher, make_advisory
):
    draft = make_advisory("stttt-ninh-binh", published=False)
    draft.issuer.requires_second_approval = False
    draft.issuer.save()

    response = act(as_user(ninh_binh_publisher), "publish", draft)

    assert "Đã đăng 1 công văn." in response.content.decode()
    draft.refresh_from_db()
    assert draft.status == Advisory.Status.PUBLISHED
    client.logout()
    assert client.get(draft.get_absolute_url()).status_code == 200


def test_unpublishing_hides_the_letter_and_republishing_keeps_its_first_date(
    client, as_user, ninh_binh_publisher, ninh_binh_colleague, make_advisory
):
    letter = make_advisory("stttt-ninh-binh")
    first_published = letter.published_at
    staff = as_user(ninh_binh_publisher)

    response = act(staff, "unpublish", letter)

    assert "Đã gỡ 1 công văn." in response.content.decode()
    letter.refresh_from_db()
    assert letter.status == Advisory.Status.DRAFT
    staff.logout()
    assert client.get(letter.get_absolute_url()).status_code == 404

    act(as_user(ninh_binh_publisher), "publish", letter)
    act(as_user(ninh_binh_colleague), "approve", letter, post="yes")
    letter.refresh_from_db()
    assert letter.status == Advisory.Status.PUBLISHED
    assert letter.published_at == first_published


def test_the_actions_need_the_change_permission(
    as_user, make_advisory, ninh_binh_publisher, django_user_model
):
    from django.contrib.auth.models import Permission

    draft = make_advisory("stttt-ninh-binh", published=False)
    reader = django_user_model.objects.create_user("chi-xem", is_staff=True)
    reader.user_permissions.add(Permission.objects.get(codename="view_advisory"))
    draft.issuer.members.add(reader)

    client = as_user(reader)
    action_form = client.get(ADMIN).context["action_form"]
    assert action_form is None or "publish" not in dict(action_form.fields["action"].choices)
    act(client, "publish", draft)
    draft.refresh_from_db()
    assert draft.status == Advisory.Status.DRAFT
