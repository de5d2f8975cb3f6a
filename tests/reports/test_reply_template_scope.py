"""Reply templates are national or a province's own, and each is kept by its scope's staff.

Lan inspects Đắk Lắk, Minh is Đắk Lắk's supervisor, Toàn a national
inspector. Lan uses the national templates and Đắk Lắk's, never Hà Nội's;
Minh keeps Đắk Lắk's, only Toàn the national ones.
"""

import re

import pytest

from advisories.models import Province
from reports.access import manages_templates_of, reply_templates_for
from reports.models import ReplyTemplate, Report
from reports.roles import INSPECTORS, NATIONAL_INSPECTORS, SUPERVISORS

from .conftest import make_report, staff

pytestmark = pytest.mark.django_db

ADMIN = "/admin/reports/replytemplate/"


@pytest.fixture
def dak_lak():
    return Province.objects.get(slug="dak-lak")


@pytest.fixture
def ha_noi():
    return Province.objects.get(slug="ha-noi")


@pytest.fixture
def own(dak_lak):
    return ReplyTemplate.objects.create(
        status="forwarded", title="Chuyển PA05 Đắk Lắk", text="Đã chuyển PA05.", province=dak_lak
    )


@pytest.fixture
def theirs(ha_noi):
    return ReplyTemplate.objects.create(
        status="forwarded", title="Chuyển PA05 Hà Nội", text="Đã chuyển Hà Nội.", province=ha_noi
    )


@pytest.fixture
def national():
    return ReplyTemplate.objects.get(title="Chuyển công an")


@pytest.fixture
def lan():
    return staff("lan", INSPECTORS, "dak-lak")


@pytest.fixture
def minh():
    return staff("minh", SUPERVISORS, "dak-lak")


def template_data(template, **fields):
    data = {
        "province": template.province_id or "",
        "status": template.status,
        "title": template.title,
        "text": template.text,
        "position": template.position,
        "is_active": "on",
    }
    return {**data, **fields}


def test_an_inspector_uses_national_templates_and_her_province_s(
    client, lan, own, theirs, national
):
    usable = set(reply_templates_for(lan))
    assert {own, national} <= usable and theirs not in usable
    client.force_login(lan)
    titles = client.get(ADMIN).content.decode()
    assert own.title in titles and national.title in titles and theirs.title not in titles
    report = make_report(province="dak-lak", status=Report.Status.IN_REVIEW)
    page = client.get(f"/admin/reports/report/{report.pk}/change/").content.decode()
    options = re.findall(r'<option value="\d+"[^>]*>([^<]*)</option>', page)
    assert any(own.title in o for o in options) and any(national.title in o for o in options)
    assert not any(theirs.title in o for o in options)


def test_a_forged_template_of_another_province_is_refused(client, lan, theirs):
    report = make_report(province="dak-lak", status=Report.Status.IN_REVIEW)
    client.force_login(lan)
    data = {
        "step": "forward",
        "target": "police",
        "reason": "",
        "original": "",
        "template": theirs.pk,
        "reply": "",
        "note": "",
        "assignee": "",
    }
    response = client.post(f"/admin/reports/report/{report.pk}/change/", data)
    assert response.status_code == 200  # the form again, with the error
    assert "template" in response.context["adminform"].form.errors
    report.refresh_from_db()
    assert report.status == Report.Status.IN_REVIEW and "Hà Nội" not in report.public_reply


def test_national_staff_use_a_province_s_template_on_its_reports_only(own, theirs):
    toan = staff("toan", NATIONAL_INSPECTORS)
    dak_lak_report = set(reply_templates_for(toan, own.province))
    assert own in dak_lak_report and theirs not in dak_lak_report


def test_a_provincial_supervisor_keeps_his_province_s_templates_only(
    client, minh, own, national, ha_noi
):
    assert manages_templates_of(minh, own.province)
    assert not manages_templates_of(minh, None)
    client.force_login(minh)
    edited = client.post(f"{ADMIN}{own.pk}/change/", template_data(own, text="Đã chuyển CA."))
    assert edited.status_code == 302
    own.refresh_from_db()
    assert own.text == "Đã chuyển CA."
    refused = client.post(f"{ADMIN}{national.pk}/change/", template_data(national, text="Sửa"))
    assert refused.status_code == 403
    national.refresh_from_db()
    assert national.text != "Sửa"
    # Moving his template to another province, or making it national, is refused.
    for province in (ha_noi.pk, ""):
        response = client.post(f"{ADMIN}{own.pk}/change/", template_data(own, province=province))
        assert response.status_code == 200
        own.refresh_from_db()
        assert own.province.slug == "dak-lak"


def test_a_provincial_supervisor_adds_templates_for_his_province(client, minh, dak_lak):
    client.force_login(minh)
    page = client.get(f"{ADMIN}add/")
    choices = list(page.context["adminform"].form.fields["province"].queryset)
    assert choices == [dak_lak]
    new = {"province": dak_lak.pk, "status": "resolved", "title": "Đã xử lý ĐL", "text": "Xong."}
    assert client.post(f"{ADMIN}add/", {**new, "position": 0}).status_code == 302
    assert ReplyTemplate.objects.get(title="Đã xử lý ĐL").province == dak_lak
    assert client.post(f"{ADMIN}add/", {**new, "province": "", "title": "X"}).status_code == 200
    assert not ReplyTemplate.objects.filter(title="X").exists()


def test_another_province_s_template_is_out_of_sight(client, minh, theirs):
    client.force_login(minh)
    response = client.get(f"{ADMIN}{theirs.pk}/change/")
    assert response.status_code == 302  # the admin's "does not exist" redirect
    client.post(f"{ADMIN}{theirs.pk}/delete/", {"post": "yes"})
    assert ReplyTemplate.objects.filter(pk=theirs.pk).exists()


def test_the_list_s_editable_boxes_are_read_only_on_national_rows(client, minh, own, national):
    client.force_login(minh)
    page = client.get(ADMIN)
    forms = {form.instance.pk: form for form in page.context["cl"].formset.forms}
    assert forms[national.pk].fields["position"].disabled
    assert not forms[own.pk].fields["position"].disabled


def test_national_staff_keep_the_national_templates(client, national):
    client.force_login(staff("toan", NATIONAL_INSPECTORS))
    response = client.post(
        f"{ADMIN}{national.pk}/change/", template_data(national, text="Số {source}: đã chuyển.")
    )
    assert response.status_code == 302
    national.refresh_from_db()
    assert (national.text, national.province) == ("Số {source}: đã chuyển.", None)
