"""Hùng, the administrator, mistypes or hand-edits admin addresses: a clear answer, never a 500.

The outside review's fuzzer got 500s from ids above 2^63 or not integers
(`abc`, `1.5`) in filters and in `_selected_action`, and from years outside
1–9999 (`0001-01-01` is year 0 in UTC). Each value is now checked against its
field before a query sees it (portal.admin_bounds): a filter answers 400 in
Vietnamese, an object page "not found", and an action changes nothing.
"""

import pytest
from django.contrib import admin
from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.utils import timezone

from advisories.models import Advisory
from reports.models import ReplyTemplate, Report, ReportEvent

from ..reports.conftest import make_report

pytestmark = pytest.mark.django_db

HUGE = str(2**70)
NOT_IDS = ["abc", "1.5", HUGE, str(2**63), "%C2%B2", "1e3", "0x10", "%20"]
ODD_IDS = [*NOT_IDS, "-1", "0"]  # ids no row has: "not found" on an object's page
MODELS = sorted(admin.site._registry, key=lambda model: model._meta.label)


def changelist(model):
    return f"/admin/{model._meta.app_label}/{model._meta.model_name}/"


@pytest.fixture
def hung(client):
    client.force_login(get_user_model().objects.create_superuser("hung", password="x"))
    return client


@pytest.mark.parametrize("model", MODELS, ids=str)
def test_an_odd_object_id_on_every_admin_page_is_not_found(hung, model):
    make_report()
    for object_id in ODD_IDS:
        for page in ("change", "delete", "history", "password"):
            if page == "password" and model is not get_user_model():
                continue
            response = hung.get(f"{changelist(model)}{object_id}/{page}/")
            # 302: the admin's own "does not exist" message on its index; 404: scoped admins.
            assert response.status_code in (302, 404), (object_id, page, response.status_code)


@pytest.mark.parametrize("object_id", [HUGE, str(2**63), "99999"])
def test_the_projects_own_object_pages_answer_not_found(hung, object_id):
    assert hung.post(f"/admin/reports/report/{object_id}/assign-to-me/").status_code == 404
    assert hung.post(f"/admin/reports/report/{object_id}/unassign/").status_code == 404
    assert hung.get(f"/admin/reports/report/evidence/{object_id}/").status_code == 404
    assert hung.get(f"/admin/reports/report/evidence/{object_id}/view/").status_code == 404
    assert hung.get(f"/admin/advisories/advisory/{object_id}/preview/").status_code == 404
    assert hung.get(f"/admin/reports/bulk-steps/{object_id}/").status_code == 404
    advisory = ContentType.objects.get_for_model(Advisory).pk
    assert hung.get(f"/admin/r/{advisory}/{object_id}/").status_code == 404
    assert hung.get(f"/admin/r/{object_id}/1/").status_code == 404


@pytest.mark.parametrize("object_id", ["%C2%B2", "abc", "1.5", "-1"])
def test_view_on_site_answers_not_found_for_an_id_that_is_no_letters(hung, object_id):
    """`"²".isdigit()` is True, and int("²") was a 500."""
    for content_type in ContentType.objects.all():
        assert hung.get(f"/admin/r/{content_type.pk}/{object_id}/").status_code == 404


@pytest.mark.parametrize(
    "path, name, values",
    [
        ("/admin/advisories/organization/", "province__id__exact", NOT_IDS),
        ("/admin/reports/inspectorprovince/", "province__id__exact", NOT_IDS),
        ("/admin/auth/user/", "groups__id__exact", NOT_IDS),
        ("/admin/reports/hotline/", "is_active__exact", ["abc", "2", HUGE, "%C2%B2"]),
        (
            "/admin/reports/report/",
            "created_at__gte",
            [
                "0001-01-01 00:00:00%2B07:00",  # year 0 in UTC: an OverflowError on SQLite
                "9999-12-31 23:00:00-07:00",  # year 10000 in UTC
                "10000-01-01",
                "1899-12-31",
                "2026-13-01",
                "abc",
                "",
            ],
        ),
        ("/admin/reports/report/", "created_at__lt", ["0001-01-01", "2201-01-01", HUGE]),
        ("/admin/axes/accessattempt/", "attempt_time__year", ["0", "1", "9999", "10000", "x"]),
        ("/admin/axes/accessattempt/", "attempt_time__gte", ["0001-01-01", "abc"]),
        ("/admin/reports/report/", "status__in", [",".join(["new"] * 11)]),
        ("/admin/reports/report/", "status__exact", ["&status__exact=".join(["new"] * 11)]),
    ],
)
def test_an_odd_value_in_a_filter_is_refused_in_vietnamese(hung, path, name, values):
    make_report()
    for value in values:
        response = hung.get(f"{path}?{name}={value}")
        assert response.status_code == 400, (name, value)
        html = response.content.decode()
        assert f"“{name}”" in html and "Mở lại danh sách, không lọc" in html


def test_the_date_hierarchy_still_opens_a_year_a_month_a_day(hung):
    for query in (
        "attempt_time__year=2026",
        "attempt_time__year=2026&attempt_time__month=2",
        "attempt_time__year=2024&attempt_time__month=2&attempt_time__day=29",
    ):
        assert hung.get(f"/admin/axes/accessattempt/?{query}").status_code == 200, query
    for query in (
        "attempt_time__year=2026&attempt_time__month=2&attempt_time__day=30",
        "attempt_time__month=2",
        "attempt_time__year=2026&attempt_time__month=13",
    ):
        assert hung.get(f"/admin/axes/accessattempt/?{query}").status_code == 400, query


def test_a_null_filter_takes_any_text_as_django_does(hung):
    assert hung.get("/admin/advisories/organization/?province__isnull=abc").status_code == 200


ACTIONS = [
    ("/admin/reports/report/", "review"),
    ("/admin/reports/report/", "export_csv"),
    ("/admin/reports/report/", "erase_personal_data"),
    ("/admin/advisories/advisory/", "publish"),
    ("/admin/auth/user/", "delete_selected"),
    ("/admin/auth/group/", "delete_selected"),
    ("/admin/reports/hotline/", "delete_selected"),
    ("/admin/axes/accessattempt/", "cleanup_expired_attempts"),
]


@pytest.mark.parametrize("path, action", ACTIONS)
@pytest.mark.parametrize("selected", ["abc", "1.5", HUGE, str(2**63), "²", ""])
def test_an_odd_selected_row_in_an_action_changes_nothing(hung, path, action, selected):
    report = make_report(
        contact="0987654321", contact_consent_text="Đồng ý", contact_consented_at=timezone.now()
    )
    response = hung.post(
        path, {"action": action, "_selected_action": [str(report.pk), selected], "index": "0"}
    )
    assert response.status_code == 400
    assert "Hãy mở lại danh sách và chọn lại" in response.content.decode()
    report.refresh_from_db()
    assert report.status == Report.Status.NEW and report.contact == "0987654321"
    assert ReportEvent.objects.filter(report=report).count() == 1  # filed, nothing since


def test_a_selected_row_that_no_longer_exists_is_just_skipped(hung):
    report = make_report()
    response = hung.post(
        "/admin/reports/report/",
        {"action": "review", "_selected_action": [str(report.pk), "-1"], "index": "0"},
    )
    assert response.status_code == 302
    report.refresh_from_db()
    assert report.status == Report.Status.IN_REVIEW


def test_the_autocomplete_takes_odd_terms_and_pages(hung):
    base = "/admin/autocomplete/?app_label=advisories&model_name=organization&field_name=province"
    for extra in ("&term=" + "+".join(["ha"] * 1000), "&term=" + "x" * 5000, "&page=abc"):
        response = hung.get(base + extra)
        assert response.status_code in (200, 404), extra
    response = hung.get(base + "&term=lak")
    assert [row["text"] for row in response.json()["results"]] == ["Đắk Lắk"]
    assert hung.get(base.replace("province", "password") + "&term=a").status_code == 403


def edited_rows(row_id, position):
    """What the list of reply templates posts when positions are edited in place."""
    return {
        "form-TOTAL_FORMS": "1",
        "form-INITIAL_FORMS": "1",
        "form-MIN_NUM_FORMS": "0",
        "form-MAX_NUM_FORMS": "1000",
        "form-0-id": row_id,
        "form-0-position": position,
        "form-0-is_active": "on",
        "_save": "Lưu",
    }


@pytest.mark.parametrize("row_id", [HUGE, str(2**63), "abc", "1.5", "²", ""])
def test_an_odd_row_in_a_list_edited_in_place_is_refused(hung, row_id):
    template = ReplyTemplate.objects.order_by("pk").first()
    before = template.position
    response = hung.post("/admin/reports/replytemplate/", edited_rows(row_id, "7"))
    assert response.status_code == 400
    assert "Hãy mở lại danh sách và chọn lại" in response.content.decode()
    template.refresh_from_db()
    assert template.position == before


def test_a_list_edited_in_place_still_saves(hung):
    template = ReplyTemplate.objects.order_by("pk").first()
    response = hung.post("/admin/reports/replytemplate/", edited_rows(str(template.pk), "77"))
    assert response.status_code == 302
    template.refresh_from_db()
    assert template.position == 77


@pytest.mark.parametrize("mark_id", ["abc", "²", "1.5", HUGE, ""])
def test_withdrawing_a_conclusion_that_is_no_id_says_there_is_none(hung, mark_id):
    response = hung.post(
        "/admin/reports/report/number/?source=0912345678",
        {"withdraw": mark_id, "withdrawal_reason": "nhầm"},
        follow=True,
    )
    assert response.status_code == 200
    assert "Không có kết luận này." in response.content.decode()
