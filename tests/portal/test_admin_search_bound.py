"""Inspector Hà pastes a whole SMS in the search box: its first ten words are searched, she is told.

A 1,000-word `?q=` was a 500 on the letter, hotline, template, organisation
and user lists: Django ANDs one OR per word and SQLite refused the expression
("Expression tree is too large"). Every admin's search now keeps its first
MAX_SEARCH_WORDS words and MAX_SEARCH_LENGTH characters, the project's own
searches (reports, letters) and the autocomplete included.
"""

import pytest
from django.contrib import admin
from django.contrib.auth import get_user_model
from django.db import connection
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext

from advisories.models import Advisory
from portal.admin_bounds import MAX_SEARCH_LENGTH, MAX_SEARCH_WORDS, bounded_search
from reports.models import Report
from reports.roles import INSPECTORS

from ..reports.conftest import make_report, staff

pytestmark = pytest.mark.django_db

THOUSAND_WORDS = " ".join(f"tu{n:04d}" for n in range(1000))
SEARCHABLE = sorted(
    (model for model, model_admin in admin.site._registry.items() if model_admin.search_fields),
    key=lambda model: model._meta.label,
)
CUT_MESSAGE = "Chỉ tìm theo 10 từ đầu tiên (tối đa 200 ký tự)"


def test_the_bound_keeps_what_fits_as_typed_and_cuts_the_rest():
    assert bounded_search("  lừa  đảo ") == "  lừa  đảo "  # within bounds: not even respaced
    assert bounded_search(THOUSAND_WORDS) == " ".join(THOUSAND_WORDS.split()[:MAX_SEARCH_WORDS])
    assert bounded_search("x" * 5000) == "x" * MAX_SEARCH_LENGTH
    assert len(bounded_search(" ".join(["y" * 30] * 10))) <= MAX_SEARCH_LENGTH


@pytest.mark.parametrize("model", SEARCHABLE, ids=str)
def test_a_thousand_word_search_on_every_list_searches_ten_and_says_so(client, model):
    client.force_login(get_user_model().objects.create_superuser("hung", password="x"))
    url = f"/admin/{model._meta.app_label}/{model._meta.model_name}/"
    response = client.get(url, {"q": THOUSAND_WORDS})
    assert response.status_code == 200
    html = response.content.decode()
    assert CUT_MESSAGE in html
    first_ten = " ".join(THOUSAND_WORDS.split()[:MAX_SEARCH_WORDS])
    assert f'name="q" value="{first_ten}"' in html  # the box shows what was searched
    response = client.get(url, {"q": "z" * 5000})
    assert response.status_code == 200 and CUT_MESSAGE in response.content.decode()


def test_a_search_within_bounds_is_not_cut_nor_announced(client):
    client.force_login(staff("ha", INSPECTORS, "dak-lak"))
    make_report(content="Gọi tự xưng công an yêu cầu cài ứng dụng")
    html = client.get("/admin/reports/report/", {"q": "cong an ung dung"}).content.decode()
    assert "Gọi tự xưng công an" in html and CUT_MESSAGE not in html


def test_the_pasted_sms_still_finds_its_report_by_its_first_ten_words(client):
    client.force_login(staff("ha", INSPECTORS, "dak-lak"))
    sms = (
        "Quy khach da trung thuong xe may SH vui long truy cap duong link ben duoi "
        "va nhap ma OTP de nhan giai trong ngay hom nay"
    )
    make_report(content=sms)
    make_report(content="Quy khach da trung thuong mot chiec o to")
    response = client.get("/admin/reports/report/", {"q": sms + " " + THOUSAND_WORDS})
    html = response.content.decode()
    assert "Quy khach da trung thuong xe may" in html and "o to" not in html
    assert CUT_MESSAGE in html


def _request(user):
    request = RequestFactory().get("/admin/")
    request.user = user
    return request


def test_the_projects_own_searches_get_the_bound_whoever_calls_them():
    """ReportAdmin's and AdvisoryAdmin's get_search_results, called directly, see ten words."""
    user = get_user_model().objects.create_superuser("hung", password="x")
    for model in (Report, Advisory):
        model_admin = admin.site.get_model_admin(model)
        queryset, _duplicates = model_admin.get_search_results(
            _request(user), model.objects.all(), THOUSAND_WORDS
        )
        with CaptureQueriesContext(connection) as queries:
            list(queryset)
        sql = " ".join(query["sql"] for query in queries.captured_queries)
        assert "tu0009" in sql and "tu0010" not in sql, model


def test_the_autocomplete_searches_ten_words_too(client):
    client.force_login(get_user_model().objects.create_superuser("hung", password="x"))
    response = client.get(
        "/admin/autocomplete/",
        {
            "app_label": "advisories",
            "model_name": "organization",
            "field_name": "province",
            "term": "lak " * 1000,
        },
    )
    assert response.status_code == 200
    assert [row["text"] for row in response.json()["results"]] == ["Đắk Lắk"]
