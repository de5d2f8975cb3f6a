"""Supervisor Minh keeps the replies inspectors start from; inspectors use them, never edit them."""

import pytest

from advisories.models import Province
from reports.models import ReplyTemplate
from reports.roles import INSPECTORS, SUPERVISORS

from .conftest import staff

pytestmark = pytest.mark.django_db

ADMIN = "/admin/reports/replytemplate/"


def test_every_state_a_report_can_reach_has_a_template_to_start_from():
    states = set(ReplyTemplate.objects.values_list("status", flat=True))
    assert states == {"in_review", "forwarded", "resolved", "rejected"}


def test_a_supervisor_edits_a_template_of_his_province(client):
    # National templates are national staff's since reply templates have a scope
    # (test_reply_template_scope.py): Minh edits Đắk Lắk's own.
    client.force_login(staff("minh", SUPERVISORS, "dak-lak"))
    dak_lak = Province.objects.get(slug="dak-lak")
    template = ReplyTemplate.objects.get(title="Chuyển công an")
    template.province = dak_lak
    template.save()
    response = client.post(
        f"{ADMIN}{template.pk}/change/",
        {
            "province": dak_lak.pk,
            "status": "forwarded",
            "title": "Chuyển công an",
            "text": "Số {source} đã được chuyển tới Công an tỉnh Đắk Lắk.",
            "position": "1",
            "is_active": "on",
        },
    )
    assert response.status_code == 302
    template.refresh_from_db()
    assert template.text == "Số {source} đã được chuyển tới Công an tỉnh Đắk Lắk."


def test_an_inspector_reads_them_but_cannot_change_them(client):
    client.force_login(staff("ha", INSPECTORS, "dak-lak"))
    template = ReplyTemplate.objects.first()
    assert client.get(ADMIN).status_code == 200
    response = client.post(f"{ADMIN}{template.pk}/change/", {"title": "Sửa", "text": "x"})
    assert response.status_code == 403
    assert client.get(f"{ADMIN}add/").status_code == 403
