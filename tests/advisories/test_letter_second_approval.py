"""One publisher's password cannot publish a letter: a second publisher approves it.

The review's fake letter, 888/STTTT-TTra ("gọi ngay đường dây nóng
0900000002 để được hoàn tiền"), proposed by Ninh Bình's publisher: until a
colleague of the same body approves it, citizens do not see it anywhere.
"""

import pytest
from django.contrib.admin.models import LogEntry
from django.utils import timezone

from advisories.models import Advisory
from advisories.signals import letter_published

pytestmark = pytest.mark.django_db

ADMIN = "/admin/advisories/advisory/"
FAKE = "Gọi ngay đường dây nóng 0900000002 để được hoàn tiền."


def act(client, action, *letters, **extra):
    return client.post(
        ADMIN,
        {"action": action, "_selected_action": [a.pk for a in letters], **extra},
        follow=True,
    )


@pytest.fixture
def fake_letter(make_advisory):
    return make_advisory("stttt-ninh-binh", published=False, number="888", content=FAKE)


@pytest.fixture
def proposed(client, as_user, ninh_binh_publisher, fake_letter):
    act(as_user(ninh_binh_publisher), "publish", fake_letter)
    client.logout()
    fake_letter.refresh_from_db()
    return fake_letter


def verify(client, number_symbol="888/STTTT-TTra"):
    return client.get("/advisories/verify/", {"number_symbol": number_symbol}).content.decode()


def test_a_proposed_letter_is_nowhere_for_citizens(client, proposed):
    assert proposed.status == Advisory.Status.PENDING
    assert proposed.published_at is None
    assert proposed.summary not in client.get("/advisories/").content.decode()
    assert client.get(proposed.get_absolute_url()).status_code == 404
    assert client.get(f"{proposed.get_absolute_url()}original/").status_code == 404
    assert "Cổng không có công văn nào như vậy." in verify(client)
    assert proposed.slug not in client.get("/advisories/feed/").content.decode()
    assert proposed.slug not in client.get("/sitemap.xml").content.decode()
    lookup = client.get("/lookup/", {"number": "0900000002"}).content.decode()
    assert "công văn nhắc đến số này" not in lookup
    assert proposed.get_absolute_url() not in lookup


def test_the_proposer_has_no_approve_button(as_user, ninh_binh_publisher, proposed):
    html = as_user(ninh_binh_publisher).get(f"{ADMIN}{proposed.pk}/change/").content.decode()
    assert "letter-state-approve" not in html
    assert "bạn đã đề nghị đăng nên không tự duyệt được" in html


def test_the_proposer_cannot_approve_by_a_forged_post(
    client, as_user, ninh_binh_publisher, proposed
):
    staff = as_user(ninh_binh_publisher)

    response = staff.post(f"{ADMIN}{proposed.pk}/state/approve/", follow=True)
    assert "không thể tự duyệt" in response.content.decode()
    response = act(staff, "approve", proposed, post="yes")
    assert "không thể tự duyệt" in response.content.decode()

    proposed.refresh_from_db()
    assert proposed.status == Advisory.Status.PENDING
    client.logout()
    assert client.get(proposed.get_absolute_url()).status_code == 404


def test_a_colleague_approves_and_the_letter_is_public_from_then(
    client, as_user, ninh_binh_colleague, proposed, time_machine
):
    colleague = as_user(ninh_binh_colleague)
    page = colleague.get(f"{ADMIN}{proposed.pk}/change/").content.decode()
    assert "letter-state-approve" in page
    time_machine.move_to(timezone.now() + timezone.timedelta(minutes=5), tick=False)
    approved_at = timezone.now()

    response = colleague.post(f"{ADMIN}{proposed.pk}/state/approve/", follow=True)

    assert "Đã duyệt, công văn đã hiện với người dân." in response.content.decode()
    proposed.refresh_from_db()
    assert proposed.status == Advisory.Status.PUBLISHED
    assert proposed.published_at == approved_at
    assert proposed.approved_by == ninh_binh_colleague
    client.logout()
    assert client.get(proposed.get_absolute_url()).status_code == 200
    html = verify(client)
    assert "Cổng đã đăng 1 công văn khớp" in html
    assert timezone.localtime(approved_at).strftime("%H:%M, %d/%m/%Y") in html
    assert "đã được một cán bộ thứ hai duyệt" in html
    assert "Cán bộ đăng công văn, Sở Thông tin và Truyền thông" in html
    assert ninh_binh_colleague.username not in html


def test_the_changelist_action_asks_for_confirmation_first(as_user, ninh_binh_colleague, proposed):
    response = act(as_user(ninh_binh_colleague), "approve", proposed)
    assert "Duyệt và đăng" in response.content.decode()
    proposed.refresh_from_db()
    assert proposed.status == Advisory.Status.PENDING


def test_a_publisher_of_another_province_cannot_approve(as_user, dak_lak_publisher, proposed):
    staff = as_user(dak_lak_publisher)
    assert staff.post(f"{ADMIN}{proposed.pk}/state/approve/").status_code == 404
    act(staff, "approve", proposed, post="yes")
    proposed.refresh_from_db()
    assert proposed.status == Advisory.Status.PENDING


def test_a_colleague_can_send_it_back_to_draft(as_user, ninh_binh_colleague, proposed):
    as_user(ninh_binh_colleague).post(f"{ADMIN}{proposed.pk}/state/refuse/")
    proposed.refresh_from_db()
    assert proposed.status == Advisory.Status.DRAFT
    assert LogEntry.objects.filter(
        object_id=str(proposed.pk), change_message="Từ chối đăng, trả về bản nháp."
    ).exists()


def test_editing_an_approved_letter_sends_it_back_for_approval(
    client, as_user, ninh_binh_publisher, make_advisory, admin_form_data
):
    """Otherwise one account could rewrite a letter a colleague approved."""
    letter = make_advisory("stttt-ninh-binh")
    as_user(ninh_binh_publisher).post(
        f"{ADMIN}{letter.pk}/change/", admin_form_data(letter.issuer, content=FAKE)
    )
    letter.refresh_from_db()
    assert letter.status == Advisory.Status.PENDING
    assert letter.proposed_by == ninh_binh_publisher
    client.logout()
    assert client.get(letter.get_absolute_url()).status_code == 404


def test_bulk_publish_and_unpublish_log_each_letter(
    as_user, ninh_binh_publisher, ninh_binh_colleague, make_advisory
):
    letters = [make_advisory("stttt-ninh-binh", published=False) for _ in range(3)]
    act(as_user(ninh_binh_publisher), "publish", *letters)
    act(as_user(ninh_binh_colleague), "approve", *letters, post="yes")
    act(as_user(ninh_binh_colleague), "unpublish", *letters)

    for letter in letters:
        messages = list(
            LogEntry.objects.filter(object_id=str(letter.pk))
            .order_by("pk")
            .values_list("user__username", "change_message")
        )
        assert messages == [
            ("can-bo-ninh-binh", "Đề nghị đăng; chờ cán bộ thứ hai duyệt."),
            (
                "can-bo-ninh-binh-2",
                "Duyệt đăng (đề nghị bởi can-bo-ninh-binh); công văn đã hiện với người dân.",
            ),
            ("can-bo-ninh-binh-2", "Gỡ đăng (Đã đăng), trả về bản nháp."),
        ]


def test_the_signal_is_sent_once_when_the_letter_becomes_public(
    as_user,
    ninh_binh_publisher,
    ninh_binh_colleague,
    fake_letter,
    django_capture_on_commit_callbacks,
):
    received = []

    def listener(sender, advisory, **kwargs):
        received.append(advisory.pk)

    letter_published.connect(listener, sender=Advisory)
    try:
        with django_capture_on_commit_callbacks(execute=True):
            act(as_user(ninh_binh_publisher), "publish", fake_letter)
        assert received == []
        with django_capture_on_commit_callbacks(execute=True):
            act(as_user(ninh_binh_colleague), "approve", fake_letter, post="yes")
            act(as_user(ninh_binh_colleague), "approve", fake_letter, post="yes")
    finally:
        letter_published.disconnect(listener, sender=Advisory)
    assert received == [fake_letter.pk]


def test_changing_only_a_cited_document_also_sends_it_back(
    as_user, ninh_binh_publisher, make_advisory, admin_form_data
):
    letter = make_advisory("stttt-ninh-binh")
    body = admin_form_data(
        letter.issuer,
        summary=letter.summary,
        content=letter.content,
        recipients=letter.recipients,
        distribution=letter.distribution,
    )
    body.update(
        {
            "citations-TOTAL_FORMS": "1",
            "citations-0-position": "1",
            "citations-0-kind": "Công văn",
            "citations-0-number_symbol": "888/STTTT-TTra",
        }
    )
    response = as_user(ninh_binh_publisher).post(f"{ADMIN}{letter.pk}/change/", body)
    assert response.status_code == 302
    letter.refresh_from_db()
    assert letter.citations.count() == 1
    assert letter.status == Advisory.Status.PENDING


def test_no_one_switches_the_second_approval_off_in_the_admin(client):
    """Not even an administrator: it would let one account publish alone."""
    from django.contrib.auth import get_user_model

    from advisories.models import Organization

    quan = get_user_model().objects.create_superuser("quan-admin", password="x")
    client.force_login(quan)
    body = Organization.objects.get(slug="stttt-dak-lak")
    page = client.get(f"/admin/advisories/organization/{body.pk}/change/").content.decode()
    assert 'name="requires_second_approval"' not in page
    assert body.requires_second_approval is True
