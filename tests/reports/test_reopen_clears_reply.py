"""Minh reopens a report Hà closed: the reply Chị Lan read ("đã xử lý xong") is no longer on
her receipt under "Đang xem xét", unless Minh gives a new one; the history keeps the old."""

import pytest

from reports import triage
from reports.models import ForwardTarget, Report
from reports.roles import INSPECTORS, SUPERVISORS

from .conftest import make_report, staff, triage_page

pytestmark = pytest.mark.django_db

OLD = "Số 0912345678 đã được nhà mạng chặn. Cảm ơn bạn."


@pytest.fixture
def closed():
    ha = staff("ha", INSPECTORS, "dak-lak")
    report = triage.take_step(make_report(), "review", by=ha)
    report = triage.take_step(report, "forward", by=ha, target=ForwardTarget.OPERATOR)
    return triage.take_step(report, "resolve", by=ha, reply=OLD)


@pytest.fixture
def minh():
    return staff("minh", SUPERVISORS, "dak-lak")


def receipt(client, report):
    response = client.get(f"/report/{report.code}/")
    assert response.status_code == 200
    return response.content.decode()


def test_the_receipt_no_longer_shows_the_old_reply_after_reopening(client, closed, minh):
    assert OLD in receipt(client, closed)
    client.force_login(minh)
    data = {
        **triage_page(client, closed),
        "step": "reopen",
        "note": "Người dân báo số vẫn gọi",
        "reply": OLD,  # the box shows the old reply, left as it was
        "assignee": "",
    }
    response = client.post(f"/admin/reports/report/{closed.pk}/change/", data)
    assert response.status_code == 302
    client.logout()
    html = receipt(client, closed)
    assert "<strong>Đang xem xét</strong>" in html
    assert OLD not in html
    closed.refresh_from_db()
    assert (closed.public_reply, closed.public_reply_at) == ("", None)
    assert closed.events.filter(reply=OLD).exists()  # kept in the history


def test_a_new_reply_given_with_the_reopening_is_shown(client, closed, minh):
    report = triage.take_step(
        closed, "reopen", by=minh, note="Số vẫn gọi", reply="Thanh tra đang xem xét lại."
    )
    html = receipt(client, report)
    assert "“Thanh tra đang xem xét lại.”" in html and OLD not in html


def test_reopening_many_at_once_clears_each_reply(client, closed, minh):
    client.force_login(minh)
    response = client.post(
        "/admin/reports/report/",
        {
            "action": "reopen",
            "_selected_action": [closed.pk],
            "post": "yes",
            "note": "Đợt kiểm tra lại",
        },
        follow=True,
    )
    assert response.status_code == 200
    closed.refresh_from_db()
    assert (closed.status, closed.public_reply) == (Report.Status.IN_REVIEW, "")
    client.logout()
    assert OLD not in receipt(client, closed)


def test_a_template_chosen_while_reopening_replaces_the_old_reply(client, closed, minh):
    from reports.models import ReplyTemplate

    template = ReplyTemplate.objects.get(title="Đang xem xét")
    client.force_login(minh)
    data = {
        **triage_page(client, closed),
        "step": "reopen",
        "note": "Số vẫn gọi",
        "reply": OLD,  # left as the page showed it
        "template": template.pk,
        "assignee": "",
    }
    assert client.post(f"/admin/reports/report/{closed.pk}/change/", data).status_code == 302
    closed.refresh_from_db()
    assert closed.public_reply.startswith("Thanh tra đã nhận và đang xem xét phản ánh")
    assert "0912345678" in closed.public_reply
