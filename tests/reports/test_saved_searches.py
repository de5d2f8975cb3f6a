"""Saved searches of the inspectors' list (issue 19, part 3).

Chị Hà, an inspector of Đắk Lắk, filters the report list to what is new and
saves it as "Mới chưa ai nhận"; it is then in the list's sidebar and on the
dashboard with how many reports it holds. Shared with Đắk Lắk, her colleague
Lan sees it too, counted in Lan's own scope; Quang of Hà Nội never sees it.
"""

import re

import pytest
from django.contrib.messages import get_messages
from django.test import Client

from advisories.models import Province
from reports.models import Report, SavedSearch
from reports.roles import INSPECTORS, NATIONAL_INSPECTORS

from .conftest import make_report, staff

pytestmark = pytest.mark.django_db

LIST = "/admin/reports/report/"
DASHBOARD = "/admin/reports/dashboard/"
ADD = "/admin/reports/report/saved-searches/add/"


def delete_url(search):
    return f"/admin/reports/report/saved-searches/{search.pk}/delete/"


def province(slug):
    return Province.objects.get(slug=slug)


@pytest.fixture
def ha(db):
    return staff("ha", INSPECTORS, "dak-lak")


@pytest.fixture
def lan(db):
    return staff("lan", INSPECTORS, "dak-lak")


@pytest.fixture
def quang(db):
    return staff("quang", INSPECTORS, "ha-noi")


@pytest.fixture
def reports(db):
    """Three new reports in Đắk Lắk, one resolved there, two new in Hà Nội."""
    for n in range(3):
        make_report(source=f"091234567{n}")
    make_report(source="0987654321", status=Report.Status.RESOLVED)
    for n in range(2):
        make_report(province="ha-noi", source=f"090000000{n}")


def dashboard_rows(response):
    return {row["search"].name: row["count"] for row in response.context["saved_searches"]["rows"]}


def sidebar_names(response):
    return [row["search"].name for row in response.context["saved_searches"]]


def shown_messages(response):
    return [str(message) for message in get_messages(response.wsgi_request)]


def test_saving_the_list_keeps_its_filters_search_and_order_only(client, ha, reports):
    client.force_login(ha)
    page = client.get(LIST, {"status__exact": "new", "o": "-11", "p": "1"})
    html = page.content.decode()
    assert "Lưu bộ lọc này" in html
    assert f'action="{ADD}"' in html
    # The form carries the list's query without its page number.
    assert re.search(r'name="query" value="status__exact=new&amp;o=-11"', html)

    response = client.post(
        ADD,
        {
            "name": "  Mới   chưa ai nhận ",
            "query": "status__exact=new&o=-11&p=3&_changelist_filters=x%3D1&_facets=1&all=",
        },
    )
    search = SavedSearch.objects.get()
    assert search.name == "Mới chưa ai nhận"
    assert search.owner == ha
    assert search.shared_with is None
    assert search.query == "status__exact=new&o=-11"
    assert response.status_code == 302
    assert response["Location"] == f"{LIST}?status__exact=new&o=-11"
    assert shown_messages(response) == ["Đã lưu bộ lọc “Mới chưa ai nhận”."]


def test_saving_again_under_the_same_name_replaces_it(client, ha, reports):
    client.force_login(ha)
    client.post(ADD, {"name": "Hàng đợi", "query": "status__exact=new"})
    response = client.post(ADD, {"name": "Hàng đợi", "query": "assignee=mine"})
    assert SavedSearch.objects.get().query == "assignee=mine"
    assert shown_messages(response)[-1] == "Đã cập nhật bộ lọc “Hàng đợi”."


def test_a_saved_search_is_in_the_sidebar_and_on_the_dashboard_with_its_count(client, ha, reports):
    client.force_login(ha)
    client.post(ADD, {"name": "Mới", "query": "status__exact=new&o=-11"})

    listing = client.get(LIST)
    assert sidebar_names(listing) == ["Mới"]
    assert f'href="{LIST}?status__exact=new&amp;o=-11">Mới</a>' in listing.content.decode()

    dashboard = client.get(DASHBOARD)
    assert dashboard.status_code == 200
    assert dashboard_rows(dashboard) == {"Mới": 3}
    html = dashboard.content.decode()
    assert "Bộ lọc đã lưu" in html
    assert f'<a href="{LIST}?status__exact=new&amp;o=-11">Mới</a>' in html

    # The count is what the list itself shows at that address.
    opened = client.get(f"{LIST}?status__exact=new&o=-11")
    assert opened.context["cl"].result_count == 3


def test_a_search_shared_with_a_province_is_its_colleagues_and_nobody_elses(
    client, ha, lan, quang, reports
):
    # Hà inspects Hà Nội too: her list counts its new reports, Lan's does not.
    ha.inspected_provinces.create(province=province("ha-noi"))
    client.force_login(ha)
    listing = client.get(LIST)
    choices = {p.slug for p in listing.context["saved_search_share"]["choices"]}
    assert choices == {"dak-lak", "ha-noi"}
    client.post(
        ADD,
        {
            "name": "Mới của tỉnh",
            "query": "status__exact=new",
            "shared_with": province("dak-lak").pk,
        },
    )
    client.post(ADD, {"name": "Của riêng Hà", "query": "kind__exact=LD"})
    assert dashboard_rows(client.get(DASHBOARD)) == {"Của riêng Hà": 6, "Mới của tỉnh": 5}

    colleague = Client()
    colleague.force_login(lan)
    assert dashboard_rows(colleague.get(DASHBOARD)) == {"Mới của tỉnh": 3}
    assert sidebar_names(colleague.get(LIST)) == ["Mới của tỉnh"]

    elsewhere = Client()
    elsewhere.force_login(quang)
    assert dashboard_rows(elsewhere.get(DASHBOARD)) == {}
    assert sidebar_names(elsewhere.get(LIST)) == []
    assert "Mới của tỉnh" not in elsewhere.get(DASHBOARD).content.decode()


def test_one_province_is_a_box_and_only_ones_own_province_can_be_shared_with(client, ha, reports):
    client.force_login(ha)
    html = client.get(LIST).content.decode()
    assert (
        f'<input type="checkbox" name="shared_with" value="{province("dak-lak").pk}">'
        " chia sẻ với tỉnh của tôi"
    ) in html

    response = client.post(
        ADD, {"name": "Của Hà Nội", "query": "", "shared_with": province("ha-noi").pk}
    )
    assert not SavedSearch.objects.exists()
    assert shown_messages(response) == ["Bạn chỉ chia sẻ được với tỉnh, thành phố mình phụ trách."]
    client.post(ADD, {"name": "Lạ", "query": "", "shared_with": "99999999999999999999999"})
    assert not SavedSearch.objects.exists()


def test_a_national_inspector_without_a_province_saves_privately(client, reports):
    binh = staff("binh", NATIONAL_INSPECTORS)
    client.force_login(binh)
    listing = client.get(LIST)
    assert listing.context["saved_search_share"] is None
    assert "chia sẻ với tỉnh của tôi" not in listing.content.decode()
    client.post(ADD, {"name": "Mọi tỉnh, mới", "query": "status__exact=new"})
    assert dashboard_rows(client.get(DASHBOARD)) == {"Mọi tỉnh, mới": 5}


def test_only_the_owner_deletes_a_saved_search(client, ha, lan, reports):
    search = SavedSearch.objects.create(
        name="Mới", owner=ha, query="status__exact=new", shared_with=province("dak-lak")
    )
    colleague = Client()
    colleague.force_login(lan)
    assert "saved-search-delete" not in colleague.get(LIST).content.decode()
    assert colleague.post(delete_url(search)).status_code == 404
    assert colleague.post("/admin/reports/report/saved-searches/9" * 3 + "/delete/").status_code
    assert SavedSearch.objects.filter(pk=search.pk).exists()

    client.force_login(ha)
    assert client.get(delete_url(search)).status_code == 405
    assert SavedSearch.objects.filter(pk=search.pk).exists()
    response = client.post(delete_url(search))
    assert response.status_code == 302
    assert not SavedSearch.objects.exists()
    assert shown_messages(response) == ["Đã xóa bộ lọc “Mới”."]


def test_a_huge_or_odd_id_to_delete_is_not_found(client, ha):
    client.force_login(ha)
    for pk in ["99999999999999999999999", "abc"]:
        assert client.post(f"/admin/reports/report/saved-searches/{pk}/delete/").status_code == 404


@pytest.mark.parametrize(
    "query",
    [
        "removed_filter=1",  # a filter a later version took away (normalisation never keeps it)
        "content__regex=(.*.*)*z",
        "province=ha-noi",  # a choice this viewer does not have
        "created_at__gte=not-a-date",
        "o=not-a-column",
    ],
)
def test_a_query_string_that_no_longer_applies_shows_a_dash(client, ha, reports, query):
    SavedSearch.objects.create(name="Cũ", owner=ha, query=query)
    SavedSearch.objects.create(name="Mới", owner=ha, query="status__exact=new")
    client.force_login(ha)
    response = client.get(DASHBOARD)
    assert response.status_code == 200
    counts = dashboard_rows(response)
    assert counts["Mới"] == 3
    if query == "o=not-a-column":
        assert counts["Cũ"] == 4  # an order the list does not know is ignored by the list too
    else:
        assert counts["Cũ"] is None
        assert '<span title="Danh sách không còn mở được với bộ lọc này">—</span>' in (
            response.content.decode()
        )
    assert client.get(LIST).status_code == 200


def test_a_query_the_list_cannot_open_is_not_saved(client, ha, reports):
    client.force_login(ha)
    response = client.post(ADD, {"name": "Hà Nội", "query": "province=ha-noi&o=2"})
    assert not SavedSearch.objects.exists()
    assert response["Location"] == f"{LIST}?province=ha-noi&o=2"
    assert shown_messages(response) == ["Danh sách không mở được với bộ lọc này, nên không lưu."]
    for name in ["", "   ", "x" * 101]:
        client.post(ADD, {"name": name, "query": "status__exact=new"})
    assert not SavedSearch.objects.exists()


def test_saving_and_deleting_need_the_forms_csrf_token(ha, reports):
    browser = Client(enforce_csrf_checks=True)
    browser.force_login(ha)
    assert browser.post(ADD, {"name": "Mới", "query": "status__exact=new"}).status_code == 403
    assert not SavedSearch.objects.exists()
    search = SavedSearch.objects.create(name="Mới", owner=ha, query="status__exact=new")
    assert browser.post(delete_url(search)).status_code == 403
    assert SavedSearch.objects.exists()

    page = browser.get(LIST).content.decode()
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1)
    response = browser.post(
        ADD, {"name": "Của tôi", "query": "assignee=mine", "csrfmiddlewaretoken": token}
    )
    assert response.status_code == 302
    assert SavedSearch.objects.filter(name="Của tôi").exists()


def test_a_publisher_cannot_save_a_search(client, reports):
    from advisories.roles import PUBLISHERS

    client.force_login(staff("thao", PUBLISHERS))
    assert client.post(ADD, {"name": "Mới", "query": ""}).status_code == 403
    assert not SavedSearch.objects.exists()


# The list's filter choices are read once for the whole section (provinces, the province
# chosen, scam patterns, assignable staff: their provinces, then the people), whatever
# the number of searches; then one count each.
FILTER_CHOICES = 5


def saved(owner, count):
    queries = ["status__exact=new", "assignee=mine", "kind__exact=LD&o=-11", "q=sinh+trac"]
    for n in range(count):
        SavedSearch.objects.create(name=f"Bộ lọc {n:02d}", owner=owner, query=queries[n % 4])


@pytest.mark.parametrize("searches", [3, 10, 14])
def test_the_dashboard_costs_one_count_per_search_shown(
    client, ha, reports, django_assert_max_num_queries, searches
):
    client.force_login(ha)
    client.get(DASHBOARD)  # the figures are cached a minute: the same for both pages
    with django_assert_max_num_queries(100) as none:
        client.get(DASHBOARD)
    saved(ha, searches)
    shown = min(searches, 10)
    with django_assert_max_num_queries(len(none.captured_queries) + FILTER_CHOICES + shown) as many:
        response = client.get(DASHBOARD)
    counted = [q for q in many.captured_queries if q["sql"].startswith("SELECT COUNT(*)")]
    assert len(counted) == shown
    assert len(response.context["saved_searches"]["rows"]) == shown
    assert response.context["saved_searches"]["more"] == (searches > 10)
    counts = [row["count"] for row in response.context["saved_searches"]["rows"]]
    assert None not in counts


ADMIN_LIST = "/admin/reports/savedsearch/"


def test_the_admins_menu_leads_to_ones_own_and_ones_provinces_saved_searches(
    client, ha, lan, quang, reports
):
    SavedSearch.objects.create(
        name="Mới của tỉnh", owner=ha, query="status__exact=new", shared_with=province("dak-lak")
    )
    SavedSearch.objects.create(name="Của riêng Hà", owner=ha, query="assignee=mine")
    SavedSearch.objects.create(name="Của Quang", owner=quang, query="status__exact=new")
    client.force_login(lan)
    index = client.get("/admin/").content.decode()
    assert f'<a href="{ADMIN_LIST}">Bộ lọc đã lưu</a>' in index
    page = client.get(ADMIN_LIST)
    assert page.status_code == 200
    assert [search.name for search in page.context["cl"].result_list] == ["Mới của tỉnh"]
    assert f'href="{LIST}?status__exact=new">Mở</a>' in page.content.decode()


def test_only_the_owner_changes_a_saved_search_in_admin(client, ha, lan, reports):
    search = SavedSearch.objects.create(
        name="Mới", owner=ha, query="status__exact=new", shared_with=province("dak-lak")
    )
    change = f"{ADMIN_LIST}{search.pk}/change/"
    colleague = Client()
    colleague.force_login(lan)
    assert colleague.get(change).status_code == 200  # read-only
    assert colleague.post(change, {"name": "Của Lan", "shared_with": ""}).status_code == 403
    assert colleague.post(f"{ADMIN_LIST}{search.pk}/delete/", {"post": "yes"}).status_code == 403
    search.refresh_from_db()
    assert (search.name, search.shared_with.slug) == ("Mới", "dak-lak")

    client.force_login(ha)
    client.post(change, {"name": "Mới, ngoài tỉnh", "shared_with": province("ha-noi").pk})
    search.refresh_from_db()
    assert search.name == "Mới"  # Hà Nội is not hers to share with
    assert client.post(change, {"name": "Mới nhận", "shared_with": ""}).status_code == 302
    search.refresh_from_db()
    assert (search.name, search.shared_with, search.query) == (
        "Mới nhận",
        None,
        "status__exact=new",
    )
    assert client.get(f"{ADMIN_LIST}add/").status_code == 403
