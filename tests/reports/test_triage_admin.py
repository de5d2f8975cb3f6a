"""Inspector Bảo triages the reports of his province in admin; nothing leaks to others."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from advisories.roles import ADMINISTRATORS
from reports.models import Evidence, Hotline, Report
from reports.roles import INSPECTORS

from .conftest import staff
from .media import png

pytestmark = pytest.mark.django_db

PNG = png()


def file_report(client, report_data, province, **extra):
    response = client.post("/report/", {**report_data, "province": province, **extra})
    return Report.objects.get(code=response["Location"].split("/")[2])


@pytest.fixture
def two_reports(client, report_data):
    dong_nai = file_report(
        client, report_data, "Bình Phước", evidence=[SimpleUploadedFile("a.png", PNG)]
    )
    ha_noi = file_report(client, {**report_data, "source": "0987654321"}, "Hà Nội")
    return dong_nai, ha_noi


def test_an_inspector_sees_only_the_reports_of_his_province(client, two_reports):
    dong_nai, ha_noi = two_reports
    client.force_login(staff("bao", INSPECTORS, "dong-nai"))
    listing = client.get("/admin/reports/report/").content.decode()
    assert dong_nai.case_number in listing and ha_noi.case_number not in listing
    # The receipt code is the citizen's key: never on the staff list.
    assert dong_nai.code not in listing
    assert client.get(f"/admin/reports/report/{dong_nai.pk}/change/").status_code == 200
    assert client.get(f"/admin/reports/report/{ha_noi.pk}/change/").status_code == 302  # not found


def test_an_administrator_sees_every_report(client, two_reports):
    client.force_login(staff("quan", ADMINISTRATORS))
    listing = client.get("/admin/reports/report/").content.decode()
    assert all(report.case_number in listing for report in two_reports)


def test_the_list_can_be_searched_by_a_number_typed_any_way_and_by_code(client, two_reports):
    dong_nai, ha_noi = two_reports
    client.force_login(staff("quan", ADMINISTRATORS))
    found = client.get("/admin/reports/report/", {"q": "+84 912 345 678"}).content.decode()
    assert dong_nai.case_number in found and ha_noi.case_number not in found
    code = ha_noi.code.replace("-", "").lower()
    found = client.get("/admin/reports/report/", {"q": code}).content.decode()
    assert ha_noi.case_number in found and dong_nai.case_number not in found


def test_evidence_is_downloaded_only_through_admin_by_staff_who_may_see_the_report(
    client, two_reports
):
    dong_nai, _ = two_reports
    evidence = Evidence.objects.get(report=dong_nai)
    url = f"/admin/reports/report/evidence/{evidence.pk}/"
    assert client.get(url).status_code == 302  # to the login page
    assert client.get(f"/media/{evidence.file.name}").status_code == 404  # never public
    client.force_login(staff("hanoi", INSPECTORS, "ha-noi"))
    assert client.get(url).status_code == 404
    client.force_login(staff("bao", INSPECTORS, "dong-nai"))
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Type"] == "image/png"
    assert "attachment" in response["Content-Disposition"]
    with evidence.file.open("rb") as stored:
        assert b"".join(response.streaming_content) == stored.read()


def test_the_admin_pages_speak_vietnamese(client, hotlines):
    client.force_login(staff("quan", ADMINISTRATORS))
    html = client.get("/admin/reports/hotline/").content.decode()
    assert "kênh tiếp nhận" in html.lower()
    assert client.get("/admin/reports/hotline/add/").status_code == 200
    assert "0888596677" in html


def hotline_form(number):
    """What Anh Quân types to add the line a new letter announced."""
    return {
        "scope": "national",
        "number": number,
        "channel": "call",
        "kinds": ["V", "LD"],
        "label": "Đường dây nóng thử nghiệm",
        "announced_year": "2025",
        "position": "0",
        "is_active": "on",
    }


def test_a_hotline_number_with_spaces_or_letters_is_refused_in_vietnamese(client):
    client.force_login(staff("quan", ADMINISTRATORS))
    response = client.post("/admin/reports/hotline/add/", hotline_form("0888 59 66 77x"))
    assert response.status_code == 200  # the form comes back
    assert "Hãy ghi số chỉ gồm chữ số, không dấu cách hay dấu chấm" in response.content.decode()
    assert not Hotline.objects.exists()


@pytest.mark.parametrize("number", ["0888596677", "156", "19001234", "+85512345678"])
def test_a_hotline_number_as_a_phone_dials_it_is_saved(client, number):
    client.force_login(staff("quan", ADMINISTRATORS))
    response = client.post("/admin/reports/hotline/add/", hotline_form(number))
    assert response.status_code == 302
    assert Hotline.objects.get().number == number


@pytest.fixture
def lan_report(client, report_data):
    """Chị Lan's report in Bình Phước (now Đồng Nai), with her email, consent and a screenshot."""
    return file_report(
        client,
        report_data,
        "Bình Phước",
        contact="lan.nguyen@example.com",
        consent="on",
        evidence=[SimpleUploadedFile("tin-nhan.png", PNG)],
    )


def erase(client, report):
    return client.post(
        "/admin/reports/report/",
        {"action": "erase_personal_data", "_selected_action": [report.pk]},
        follow=True,
    )


def test_an_inspector_erases_contact_and_files_when_the_citizen_asks(
    client, lan_report, django_capture_on_commit_callbacks
):
    # Chị Lan calls the department: she withdraws her consent and wants her data gone.
    path = lan_report.evidence.get().file.path
    bao = staff("bao", INSPECTORS, "dong-nai")
    client.force_login(bao)
    with django_capture_on_commit_callbacks(execute=True):
        response = erase(client, lan_report)
    assert "Đã xóa thông tin liên hệ và tệp đính kèm của 1 phản ánh." in response.content.decode()

    lan_report.refresh_from_db()
    assert (lan_report.contact, lan_report.contact_consent_text) == ("", "")
    assert lan_report.contact_consented_at is None
    assert not Evidence.objects.filter(report=lan_report).exists()
    with pytest.raises(FileNotFoundError):
        open(path, "rb").close()
    assert lan_report.content.startswith("Tự xưng")  # the report stays for triage
    assert lan_report.updated_by == bao

    page = client.get(f"/admin/reports/report/{lan_report.pk}/change/").content.decode()
    assert "lan.nguyen" not in page
    event = lan_report.events.latest("pk")
    assert event.actor == bao
    assert event.note == (
        "Xóa theo yêu cầu của người dân: thông tin liên hệ, nội dung đồng ý và 1 tệp đính kèm."
    )
    assert event.note in page


def test_an_inspector_of_another_province_cannot_erase(
    client, lan_report, django_capture_on_commit_callbacks
):
    path = lan_report.evidence.get().file.path
    with open(path, "rb") as stored:
        before = stored.read()
    client.force_login(staff("hanoi", INSPECTORS, "ha-noi"))
    with django_capture_on_commit_callbacks(execute=True):
        erase(client, lan_report)
    lan_report.refresh_from_db()
    assert lan_report.contact == "lan.nguyen@example.com"
    assert lan_report.contact_consented_at is not None
    assert lan_report.evidence.count() == 1
    with open(path, "rb") as stored:
        assert stored.read() == before
    assert not lan_report.events.filter(note__startswith="Xóa").exists()
