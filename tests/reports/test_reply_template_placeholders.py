"""Supervisor Minh writes Đắk Lắk's replies: a placeholder the portal does not know, or one
left open, is refused on save, naming it; and a template stored before that rule never
shows Chị Lan a raw brace on her receipt."""

import pytest

from advisories.models import Province
from reports import triage
from reports.models import ForwardTarget, ReplyTemplate
from reports.reply_templates import template_errors
from reports.roles import INSPECTORS, SUPERVISORS

from .conftest import make_report, staff

pytestmark = pytest.mark.django_db

ADMIN = "/admin/reports/replytemplate/"


@pytest.fixture
def dak_lak():
    return Province.objects.get(slug="dak-lak")


@pytest.fixture
def minh(client):
    user = staff("minh", SUPERVISORS, "dak-lak")
    client.force_login(user)
    return user


def add(client, dak_lak, text):
    return client.post(
        f"{ADMIN}add/",
        {
            "province": dak_lak.pk,
            "status": "forwarded",
            "title": "Chuyển PA05",
            "text": text,
            "position": "0",
            "is_active": "on",
        },
    )


def text_errors(response):
    return [str(error) for error in response.context["adminform"].form.errors["text"]]


def test_every_known_placeholder_is_accepted():
    text = "Số {source} ({kind}, {province}, {date}) đã chuyển tới {target}. Mã {code}."
    assert template_errors(text) == []
    assert template_errors("Cảm ơn bạn đã báo.") == []


def test_an_unknown_placeholder_is_refused_naming_it(client, minh, dak_lak):
    response = add(client, dak_lak, "Số {nguon} đã được chuyển tới công an.")
    assert response.status_code == 200  # shown again, nothing saved
    assert text_errors(response) == [
        "Mẫu có chỗ điền không có: {nguon}. Chỉ dùng được: {source}, {kind}, {province}, "
        "{date}, {target}, {code}."
    ]
    assert not ReplyTemplate.objects.filter(title="Chuyển PA05").exists()


def test_an_unclosed_placeholder_is_refused_naming_it(client, minh, dak_lak):
    response = add(client, dak_lak, "Mã biên nhận của bạn: {code. Cảm ơn bạn.")
    assert response.status_code == 200
    [error] = text_errors(response)
    assert error.startswith("Chỗ điền “{code” thiếu dấu “}” đóng lại")
    assert not ReplyTemplate.objects.filter(title="Chuyển PA05").exists()


def test_a_closing_brace_without_its_opening_one_is_refused():
    [error] = template_errors("Số source} đã chuyển.")
    assert error.startswith("Chỗ điền “source}” thiếu dấu “{” mở đầu")
    assert len(template_errors("{{source}}")) == 2  # no doubled braces either


def test_a_good_template_is_saved(client, minh, dak_lak):
    assert add(client, dak_lak, "Số {source} đã chuyển tới {target}.").status_code == 302
    assert ReplyTemplate.objects.get(title="Chuyển PA05").province == dak_lak


def test_a_template_stored_before_the_rule_never_shows_the_citizen_a_brace(client, dak_lak):
    # Written straight into the table, as before templates were checked.
    ReplyTemplate.objects.create(
        status="forwarded",
        title="Cũ",
        text="Số {source} ({nguon}) đã chuyển tới {target}. Mã {code",
        province=dak_lak,
    )
    ha = staff("ha", INSPECTORS, "dak-lak")
    report = triage.take_step(make_report(source="0912345678"), "review", by=ha)
    old = ReplyTemplate.objects.get(title="Cũ")
    report = triage.take_step(report, "forward", by=ha, target=ForwardTarget.POLICE, reply=old.text)
    assert report.public_reply == "Số 0912345678 () đã chuyển tới Công an. Mã code"
    html = client.get(f"/report/{report.code}/").content.decode()
    assert "Số 0912345678 () đã chuyển tới Công an." in html
    assert "{nguon}" not in html and "{code" not in html


def test_the_list_still_saves_the_position_of_a_template_stored_before_the_rule(client, dak_lak):
    old = ReplyTemplate.objects.create(
        status="resolved", title="Cũ", text="Xong {nguon}", province=dak_lak, position=5
    )
    client.force_login(staff("minh", SUPERVISORS, "dak-lak"))
    listed = client.get(ADMIN).context["cl"].result_list
    rows = list(listed)
    data = {"form-TOTAL_FORMS": len(rows), "form-INITIAL_FORMS": len(rows), "_save": "Lưu"}
    for index, template in enumerate(rows):
        data[f"form-{index}-id"] = template.pk
        data[f"form-{index}-position"] = 1 if template == old else template.position
        if template.is_active:
            data[f"form-{index}-is_active"] = "on"
    assert client.post(ADMIN, data).status_code == 302
    old.refresh_from_db()
    assert old.position == 1


def test_a_bulk_step_never_leaves_a_stray_brace_either(client, dak_lak):
    minh = staff("minh", SUPERVISORS, "dak-lak")
    report = make_report(status="in_review")
    client.force_login(minh)
    client.post(
        "/admin/reports/report/",
        {
            "action": "forward",
            "_selected_action": [report.pk],
            "post": "yes",
            "target": "police",
            "reply": "Đã chuyển} công an.",
        },
    )
    report.refresh_from_db()
    assert (report.status, report.public_reply) == ("forwarded", "Đã chuyển công an.")
