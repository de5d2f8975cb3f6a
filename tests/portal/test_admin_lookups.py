"""Inspector Hà's report list runs only what its own filters, search and links ask for.

An outside review hung a worker for 30 s with `?content__regex=(.*.*)*z%23`:
Django's admin ran any lookup on a model's own fields. Now a parameter that
no filter, date hierarchy or link of the app uses is refused with a 400 in
Vietnamese that names it, before any query reads the list; and so on every
admin of the site, Django's and django-axes' included (portal.admin_bounds).
"""

import pytest
from django.contrib import admin
from django.contrib.auth import get_user_model
from django.db import connection
from django.test.utils import CaptureQueriesContext

from portal.admin_bounds import BoundedAdmin
from reports.roles import INSPECTORS

from ..reports.conftest import make_report, staff

pytestmark = pytest.mark.django_db

LIST = "/admin/reports/report/"


@pytest.fixture
def ha(client):
    """Hà triages Đắk Lắk; one report there, one in Hà Nội she must never see."""
    user = staff("ha", INSPECTORS, "dak-lak")
    make_report(province="dak-lak", content="Giả danh công an Đắk Lắk")
    make_report(province="ha-noi", content="Giả danh ngân hàng ở Hà Nội")
    client.force_login(user)
    return client


def refused(client, url, name):
    """The 400 page naming the parameter, showing no row of the list."""
    response = client.get(url)
    assert response.status_code == 400, url
    html = response.content.decode()
    assert f"“{name}”" in html
    assert "Mở lại danh sách, không lọc" in html
    assert "Giả danh" not in html  # no report's content: nothing of the list is shown
    return html


@pytest.mark.parametrize(
    "lookup, pattern",
    [
        ("content__regex", "(.*.*)*z#"),  # the review's: catastrophic backtracking
        ("content__iregex", "(.*.*)*z#"),
        ("content__regex", "("),  # invalid: a 500 on both databases
        ("source__regex", "[z-a]"),
    ],
)
def test_a_regex_on_the_report_list_is_refused_before_any_query_reads_reports(ha, lookup, pattern):
    with CaptureQueriesContext(connection) as queries:
        html = refused(ha, f"{LIST}?{lookup}={pattern.replace('#', '%23')}", lookup)
    assert "Danh sách này không lọc theo" in html
    sql = [query["sql"] for query in queries.captured_queries]
    assert not [q for q in sql if "REGEXP" in q or " ~" in q]  # SQLite's, PostgreSQL's
    assert not [q for q in sql if 'FROM "reports_report"' in q]  # the list was never read


@pytest.mark.parametrize(
    "query, name",
    [
        ("created_at__year=0", "created_at__year"),
        ("created_at__iso_year=10000", "created_at__iso_year"),
        ("created_at__week_day=1", "created_at__week_day"),
        ("created_at__date=2026-11-18", "created_at__date"),
        ("assigned_to__password__startswith=pbkdf2", "assigned_to__password__startswith"),
        ("province__name__contains=N", "province__name__contains"),
        ("contact__isnull=0", "contact__isnull"),
        ("id__in=1,2", "id__in"),
        ("pk=1", "pk"),
        ("content__contains=công an", "content__contains"),
        ("no_such_field=1", "no_such_field"),
    ],
)
def test_lookups_no_filter_writes_are_refused_by_name(ha, query, name):
    refused(ha, f"{LIST}?{query}", name)


@pytest.mark.parametrize(
    "query, name",
    [
        ("province=ha-noi", "province"),  # a province outside her scope: not offered
        ("assignee=%C2%B2", "assignee"),  # "²".isdigit(), but int("²") was a 500
        (f"assignee={2**70}", "assignee"),
        ("pattern=no-such-pattern", "pattern"),
        ("evidence=maybe", "evidence"),
    ],
)
def test_a_choice_a_filter_does_not_offer_is_refused(ha, query, name):
    html = refused(ha, f"{LIST}?{query}", name)
    assert "không có lựa chọn" in html


def test_a_colleague_of_another_province_is_not_a_choice_of_the_assignee_filter(ha):
    elsewhere = staff("lan", INSPECTORS, "ha-noi")
    refused(ha, f"{LIST}?assignee={elsewhere.pk}", "assignee")
    colleague = staff("binh", INSPECTORS, "dak-lak")
    assert ha.get(LIST, {"assignee": str(colleague.pk)}).status_code == 200


def test_what_the_filters_and_links_write_still_lists(ha):
    response = ha.get(
        LIST,
        {
            "status__in": "new,in_review,forwarded",
            "status__exact": "new",
            "kind__exact": "LD",
            "province": "dak-lak",
            "source__exact": "0912345678",
            "created_at__gte": "2026-11-11 00:00:00+07:00",
            "created_at__lt": "2200-01-01 00:00:00+07:00",
            "assignee": "nobody",
            "evidence": "no",
            "q": "công an",
            "o": "-9",
        },
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert "Giả danh công an Đắk Lắk" in html and "Hà Nội" not in html


def test_every_admin_of_the_site_is_bounded():
    """Django's User and Group admins and django-axes' too, not only the project's."""
    registered = admin.site._registry
    labels = {model._meta.label for model in registered}
    assert {"auth.User", "auth.Group", "axes.AccessAttempt", "reports.Report"} <= labels
    assert all(isinstance(model_admin, BoundedAdmin) for model_admin in registered.values())


@pytest.mark.parametrize(
    "model", sorted(admin.site._registry, key=lambda model: model._meta.label), ids=str
)
def test_every_list_refuses_a_lookup_it_does_not_write(client, model):
    client.force_login(get_user_model().objects.create_superuser("root", password="x"))
    url = f"/admin/{model._meta.app_label}/{model._meta.model_name}/"
    assert client.get(url).status_code == 200
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url, {"pk__regex": "(.*.*)*z#"})
    assert response.status_code == 400
    assert "“pk__regex”" in response.content.decode()
    assert not [q for q in queries.captured_queries if "(.*.*)*z#" in q["sql"]]
