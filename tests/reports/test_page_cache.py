"""Public pages come from a cache for anonymous visitors, and change the moment staff act.

Publisher Thu publishes, edits and takes down a letter; administrator Hùng
edits a hotline; inspector Bảo confirms a number. Every one of those shows
at once on the cached pages. Two citizens get the cached report form, each
with a CSRF token of their own, and both can file.
"""

import pytest
from django.contrib.auth import get_user_model
from django.test import Client
from django.utils import timezone

from advisories.models import Advisory, Province
from portal import page_cache
from portal.page_cache import queries_added
from reports import numbers
from reports.models import Hotline, NumberMark, Report
from reports.roles import INSPECTORS

from .conftest import make_report, staff

pytestmark = pytest.mark.django_db


@pytest.fixture
def commit(django_capture_on_commit_callbacks):
    """Run what waits for the commit (the cache's generation bump), as production does."""

    def run():
        return django_capture_on_commit_callbacks(execute=True)

    return run


@pytest.fixture
def hung(commit):
    user = get_user_model().objects.create_superuser("hung", password="x")
    staff_client = Client()
    staff_client.force_login(user)
    return staff_client


def cached_twice(client, path, **params):
    client.get(path, params)
    second = client.get(path, params)
    assert second["X-Page-Cache"] == "hit"
    return second.content.decode()


def test_a_second_visit_is_served_from_the_cache_in_one_query(
    client, make_advisory, django_assert_max_num_queries
):
    make_advisory(summary="cảnh báo mạo danh Sở")
    assert client.get("/advisories/")["X-Page-Cache"] == "miss"
    with django_assert_max_num_queries(queries_added(hit=True)):
        response = client.get("/advisories/")
    assert response["X-Page-Cache"] == "hit"
    assert "cảnh báo mạo danh Sở" in response.content.decode()


def test_publishing_shows_at_once(client, make_advisory, hung, commit):
    draft = make_advisory(summary="công văn mới về sinh trắc học", published=False)
    assert "sinh trắc học" not in cached_twice(client, "/advisories/")
    with commit():
        hung.post(
            "/admin/advisories/advisory/",
            {"action": "publish", "_selected_action": [draft.pk], "index": "0"},
        )
    assert "sinh trắc học" not in client.get("/advisories/").content.decode()  # pending
    second = Client()
    second.force_login(get_user_model().objects.create_superuser("thu", password="x"))
    with commit():
        second.post(
            "/admin/advisories/advisory/",
            {"action": "approve", "_selected_action": [draft.pk], "index": "0", "post": "yes"},
        )
    assert "sinh trắc học" in client.get("/advisories/").content.decode()
    assert "sinh trắc học" in client.get("/").content.decode()


def test_unpublishing_shows_at_once(client, make_advisory, hung, commit):
    letter = make_advisory(summary="công văn sắp gỡ")
    assert "công văn sắp gỡ" in cached_twice(client, "/advisories/")
    assert client.get(letter.get_absolute_url()).status_code == 200
    with commit():
        hung.post(
            "/admin/advisories/advisory/",
            {"action": "unpublish", "_selected_action": [letter.pk], "index": "0"},
        )
    assert "công văn sắp gỡ" not in client.get("/advisories/").content.decode()
    assert client.get(letter.get_absolute_url()).status_code == 404


def test_editing_a_letter_shows_at_once(client, make_advisory, commit):
    letter = make_advisory(summary="trích yếu cũ")
    assert "trích yếu cũ" in cached_twice(client, letter.get_absolute_url())
    with commit():
        letter.summary = "trích yếu đã sửa"
        letter.save()
    assert "trích yếu đã sửa" in client.get(letter.get_absolute_url()).content.decode()


def test_a_cached_page_lives_no_longer_than_the_next_scheduled_publication(make_advisory, commit):
    """No one acts when a scheduled letter's time comes: the entries expire by then."""
    letter = make_advisory(summary="hẹn giờ đăng")
    assert page_cache._timeout(300, page_cache.generation()) == 300
    with commit():  # staff schedule it: a save, which starts a new generation
        letter.published_at = timezone.now() + timezone.timedelta(seconds=40)
        letter.save()
    assert 38 <= page_cache._timeout(300, page_cache.generation()) <= 40


def test_the_next_scheduled_letter_is_asked_once_a_generation(
    make_advisory, django_assert_num_queries
):
    letter = make_advisory(summary="hẹn giờ đăng")
    Advisory.objects.filter(pk=letter.pk).update(
        published_at=timezone.now() + timezone.timedelta(hours=1)
    )
    current = page_cache.generation()
    with django_assert_num_queries(1):
        first = page_cache._timeout(300, current)
    with django_assert_num_queries(0):
        assert page_cache._timeout(300, current) == first == 300


def test_a_hotline_edit_shows_at_once(client, hotlines, commit):
    assert "0888596677" in cached_twice(client, "/lookup/", number="0888596677")
    with commit():
        Hotline.objects.filter(number="0888596677").first().delete()
    assert (
        "Đây là số chính thức"
        not in client.get("/lookup/", {"number": "0888596677"}).content.decode()
    )


def test_a_confirmed_number_shows_at_once(client, commit):
    make_report(province="dong-nai", source="0912345678")
    assert "đã xác nhận đây là số lừa đảo" not in cached_twice(
        client, "/lookup/", number="0912345678"
    )
    bao = staff("bao", INSPECTORS, "dong-nai")
    with commit():
        numbers.mark(
            "0912345678",
            NumberMark.Kind.SCAM,
            by=bao,
            province=Province.objects.get(slug="dong-nai"),
            reason="ghi âm",
        )
    html = client.get("/lookup/", {"number": "0912345678"}).content.decode()
    assert "đã xác nhận đây là số lừa đảo" in html


def test_two_citizens_file_from_the_cached_form_each_with_their_own_token():
    lan, tuan = Client(enforce_csrf_checks=True), Client(enforce_csrf_checks=True)
    first = lan.get("/report/")
    second = tuan.get("/report/")
    assert (first["X-Page-Cache"], second["X-Page-Cache"]) == ("miss", "hit")
    tokens = []
    for citizen, page in ((lan, first), (tuan, second)):
        html = page.content.decode()
        assert "__CSRF_TOKEN_FOR_THIS_VISITOR__" not in html
        token = html.split('name="csrfmiddlewaretoken" value="')[1].split('"')[0]
        tokens.append(token)
        assert "csrftoken" in citizen.cookies
        response = citizen.post(
            "/report/",
            {
                "kind": "LD",
                "source": "0912345678",
                "content": "Giả danh công an",
                "csrfmiddlewaretoken": token,
            },
            HTTP_ORIGIN="http://testserver",
        )
        assert response.status_code == 302
    assert tokens[0] != tokens[1]
    assert Report.objects.count() == 2


def test_staff_always_get_the_page_fresh(hung, make_advisory):
    make_advisory()
    hung.get("/advisories/")
    response = hung.get("/advisories/")
    assert "X-Page-Cache" not in response


def test_each_language_has_its_own_cached_page(client):
    client.get("/")
    client.cookies["django_language"] = "en"
    response = client.get("/")
    assert response["X-Page-Cache"] == "miss"
    assert '<html lang="en">' in response.content.decode()


def test_a_worker_keeps_its_readers_working_set_cached(client):
    """Django's local-memory cache keeps 300 entries and drops a third past that: readers
    who go beyond the newest letters would get most pages rendered again."""
    first = {"number": "0912000000"}
    assert client.get("/lookup/", first)["X-Page-Cache"] == "miss"
    for n in range(1, 400):
        client.get("/lookup/", {"number": f"0912{n:06d}"})

    assert client.get("/lookup/", first)["X-Page-Cache"] == "hit"


def test_a_hit_reads_no_more_than_the_generation(client, django_assert_num_queries):
    """A cached page costs about what a constant page does: no ORM query, no render."""
    client.get("/")
    with django_assert_num_queries(page_cache.queries_added(hit=True)):
        response = client.get("/")
    assert response["X-Page-Cache"] == "hit"
    assert "<html" in response.content.decode()
