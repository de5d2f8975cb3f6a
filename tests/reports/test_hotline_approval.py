"""A hotline citizens dial changes only when a second administrator approves.

Administrator Hùng changes Bình Phước's inspectorate line to a number of his
own, and adds a new one; until administrator Mai approves, the receipt
pages, the look-up and the API keep showing the approved number, and the new
line is nowhere. Hùng cannot approve his own change.
"""

import pytest
from django.contrib.admin.models import LogEntry
from django.test import Client

from advisories.models import Province
from advisories.roles import ADMINISTRATORS
from reports.models import Channel, Hotline
from reports.routing import hotlines_for

from .conftest import staff

pytestmark = pytest.mark.django_db

ADMIN = "/admin/reports/hotline/"
OLD, NEW = "0888596677", "0900000002"


@pytest.fixture
def hung(hotlines):
    return staff("hung", ADMINISTRATORS)


@pytest.fixture
def mai(hotlines):
    return staff("mai", ADMINISTRATORS)


def signed_in(user):
    client = Client()
    client.force_login(user)
    return client


def form_data(line, **changes):
    body = {
        "scope": line.scope,
        "province": str(line.province_id or ""),
        "number": line.number,
        "channel": line.channel,
        "kinds": line.kind_list,
        "label": line.label,
        "note": line.note,
        "source_advisory": str(line.source_advisory_id or ""),
        "announced_by": str(line.announced_by_id or ""),
        "announced_year": str(line.announced_year),
        "announced_month": str(line.announced_month or ""),
        "position": str(line.position),
        "is_active": "on" if line.is_active else "",
    }
    body.update(changes)
    return {k: v for k, v in body.items() if v != ""}


def binh_phuoc_line():
    return Hotline.objects.get(number=OLD)


def public_numbers():
    return {line.number for line in hotlines_for(Province.objects.get(slug="binh-phuoc"))}


@pytest.fixture
def changed(hung):
    line = binh_phuoc_line()
    response = signed_in(hung).post(f"{ADMIN}{line.pk}/change/", form_data(line, number=NEW))
    assert response.status_code == 302
    line.refresh_from_db()
    return line


def test_existing_lines_are_approved(hotlines):
    assert Hotline.objects.approved().count() == Hotline.objects.count() == 5


def test_a_change_waits_and_the_public_keeps_the_approved_number(client, changed):
    assert changed.number == OLD
    assert changed.review == Hotline.Review.PENDING
    assert changed.pending_changes == {"number": NEW}
    assert OLD in public_numbers() and NEW not in public_numbers()
    assert "Đây là số chính thức" in client.get("/lookup/", {"number": OLD}).content.decode()
    assert "Đây là số chính thức" not in client.get("/lookup/", {"number": NEW}).content.decode()
    api = client.get("/api/v1/lookup", {"number": NEW}).json()
    assert api["official"] == []


def test_the_proposer_cannot_approve_their_own_change(hung, changed):
    client = signed_in(hung)
    page = client.get(f"{ADMIN}{changed.pk}/change/").content.decode()
    assert "hotline-review-approve" not in page

    response = client.post(f"{ADMIN}{changed.pk}/review/approve/", follow=True)
    assert "không thể tự duyệt" in response.content.decode()
    client.post(ADMIN, {"action": "approve", "_selected_action": [changed.pk]})
    changed.refresh_from_db()
    assert (changed.number, changed.review) == (OLD, Hotline.Review.PENDING)


def test_a_second_administrator_approves_and_the_log_says_old_and_new(mai, changed):
    client = signed_in(mai)
    assert "hotline-review-approve" in client.get(f"{ADMIN}{changed.pk}/change/").content.decode()

    client.post(f"{ADMIN}{changed.pk}/review/approve/")

    changed.refresh_from_db()
    assert (changed.number, changed.review) == (NEW, Hotline.Review.APPROVED)
    assert changed.approved_by == mai
    assert NEW in public_numbers() and OLD not in public_numbers()
    entry = LogEntry.objects.filter(object_id=str(changed.pk), user=mai).get()
    assert f"{OLD} → {NEW}" in entry.change_message
    assert "đề nghị bởi hung" in entry.change_message


def test_refusing_keeps_the_approved_values(mai, changed):
    signed_in(mai).post(f"{ADMIN}{changed.pk}/review/refuse/")
    changed.refresh_from_db()
    assert (changed.number, changed.review, changed.pending_changes) == (
        OLD,
        Hotline.Review.APPROVED,
        {},
    )
    assert OLD in public_numbers()


def test_a_new_line_is_shown_nowhere_until_approved(client, hung, mai):
    body = {
        "scope": "provincial",
        "province": str(Province.objects.get(slug="binh-phuoc").pk),
        "number": NEW,
        "channel": Channel.CALL,
        "kinds": ["V", "LD"],
        "label": "Đường dây nóng hoàn tiền",
        "announced_year": "2024",
        "position": "5",
        "is_active": "on",
    }
    assert signed_in(hung).post(f"{ADMIN}add/", body).status_code == 302
    line = Hotline.objects.get(number=NEW)
    assert line.approved_at is None
    assert NEW not in public_numbers()
    assert "Đây là số chính thức" not in client.get("/lookup/", {"number": NEW}).content.decode()

    signed_in(mai).post(ADMIN, {"action": "approve", "_selected_action": [line.pk]})
    assert NEW in public_numbers()


def test_a_colleague_who_edits_the_proposal_becomes_its_proposer(hung, mai, changed):
    """The form shows the pending values: Mai re-typing the label has seen the new number."""
    client = signed_in(mai)
    form = client.get(f"{ADMIN}{changed.pk}/change/").context["adminform"].form
    assert form.initial["number"] == NEW
    client.post(f"{ADMIN}{changed.pk}/change/", form_data(changed, number=NEW, label="Thanh tra"))
    changed.refresh_from_db()
    assert changed.pending_changes == {"number": NEW, "label": "Thanh tra"}
    assert changed.proposed_by == mai
    assert changed.number == OLD

    signed_in(mai).post(f"{ADMIN}{changed.pk}/review/approve/")
    changed.refresh_from_db()
    assert changed.number == OLD  # Mai cannot approve what she proposed last
    signed_in(hung).post(f"{ADMIN}{changed.pk}/review/approve/")
    changed.refresh_from_db()
    assert (changed.number, changed.label) == (NEW, "Thanh tra")


def test_a_supervisor_approves_a_line_of_her_province_only(changed):
    """The second person may be a supervisor of the line's province, or national staff."""
    from reports.hotlines_approval import can_approve, refusal
    from reports.roles import NATIONAL_INSPECTORS, SUPERVISORS

    # Bình Phước's line: Đồng Nai's since the 2025 merger.
    thu = staff("thu", SUPERVISORS, "dong-nai")
    assert can_approve(changed, thu)
    assert can_approve(changed, staff("toan", NATIONAL_INSPECTORS))
    assert "không thuộc phạm vi của bạn" in refusal(changed, staff("lien", SUPERVISORS, "ha-noi"))
    page = signed_in(staff("lan", SUPERVISORS, "ha-noi")).get(f"{ADMIN}{changed.pk}/change/")
    assert "hotline-review-" not in page.content.decode()
    page = signed_in(thu).get(f"{ADMIN}{changed.pk}/change/").content.decode()
    assert "hotline-review-approve" in page
    signed_in(thu).post(f"{ADMIN}{changed.pk}/review/approve/")
    changed.refresh_from_db()
    assert (changed.number, changed.review) == (NEW, Hotline.Review.APPROVED)


def test_an_approved_line_is_retired_by_a_change_not_deleted_by_one_person(hung, mai):
    """Deleting would take 0888596677 off the public pages on Hùng's word alone."""
    line = binh_phuoc_line()
    admin_client = signed_in(hung)
    assert admin_client.get(f"{ADMIN}{line.pk}/delete/").status_code == 403
    page = admin_client.post(
        ADMIN, {"action": "delete_selected", "_selected_action": [line.pk], "post": "yes"}
    )
    assert Hotline.objects.filter(pk=line.pk).exists()
    assert page.status_code == 403
    # Unticking "đang dùng" is a change like any other: it waits for Mai.
    response = admin_client.post(f"{ADMIN}{line.pk}/change/", form_data(line, is_active=""))
    assert response.status_code == 302
    assert OLD in public_numbers()
    signed_in(mai).post(f"{ADMIN}{line.pk}/review/approve/")
    assert OLD not in public_numbers()
