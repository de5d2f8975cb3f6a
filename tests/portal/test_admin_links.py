"""Every admin link the app writes still opens, for each role that sees it.

The admin now runs only the parameters its filters, date hierarchy and
`allowed_lookups` use (portal.admin_bounds). So each link with a query string
on the pages staff open (the index, the dashboard, every list they see and its
filters, sorting and change links, the repeat-numbers screen, a number's page,
a report's and a letter's page) is followed, for an inspector, a supervisor, a
national inspector, a publisher, an administrator and a superuser: each must
answer 200, none the 400 of a refused lookup.
The dashboard's clock is set to Wednesday 18/11/2026, 15:00 in Vietnam.
"""

from html.parser import HTMLParser
from urllib.parse import parse_qsl, urljoin, urlsplit

import pytest
from django.contrib import admin

from reports import dashboard

from . import admin_data
from .admin_data import NOW, ROLE_NAMES, person, reports_on_both_sides

pytestmark = pytest.mark.django_db


class Links(HTMLParser):
    """Every `<a href>`, and every `<form action>` with its hidden fields, of a page."""

    def __init__(self):
        super().__init__()
        self.hrefs, self.forms = [], []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "a" and attrs.get("href"):
            self.hrefs.append(attrs["href"])
        elif tag == "form":
            self.forms.append([attrs.get("action") or "", attrs.get("method", "get"), {}])
        elif tag == "input" and self.forms and attrs.get("type") == "hidden":
            self.forms[-1][2][attrs.get("name")] = attrs.get("value", "")


@pytest.fixture(autouse=True)
def wednesday(monkeypatch):
    monkeypatch.setattr(dashboard, "_now", lambda: NOW)


@pytest.fixture
def reports():
    return reports_on_both_sides()["dak-lak"]


@pytest.fixture
def letter():
    return admin_data.letter("stttt-dak-lak", "cảnh báo cuộc gọi mạo danh công an")


def pages(client, report, letter):
    """The pages this person may open; the index's and the lists' links are among them."""
    opened = ["/admin/", "/admin/reports/dashboard/", "/admin/reports/report/dashboard/"]
    opened += ["/admin/reports/bulk-steps/"]
    opened += [
        "/admin/reports/report/repeat-numbers/?days=all",
        "/admin/reports/report/number/?source=0912345678",
        f"/admin/reports/report/{report.pk}/change/",
        f"/admin/advisories/advisory/{letter.pk}/change/",
    ]
    for model in admin.site._registry:
        opened.append(f"/admin/{model._meta.app_label}/{model._meta.model_name}/")
    for url in opened:
        response = client.get(url)
        if response.status_code == 200:
            yield url, response.content.decode()


@pytest.mark.parametrize("role", ROLE_NAMES)
def test_every_admin_link_with_a_query_opens(client, reports, letter, role):
    client.force_login(person(role))
    followed, kinds = {}, {}
    for page, html in pages(client, reports[0], letter):
        parser = Links()
        parser.feed(html)
        for href in parser.hrefs:
            url = urljoin(page, href)
            parts = urlsplit(url)
            if not parts.path.startswith("/admin/") or not parts.query or url in followed:
                continue
            # Three links of each kind (one list, the same parameter names) are enough:
            # the other 30 provinces of a filter are written by the same code.
            kind = (parts.path, tuple(sorted(name for name, _v in parse_qsl(parts.query))))
            kinds[kind] = kinds.get(kind, 0) + 1
            if kinds[kind] <= 3:
                followed[url] = page
        for action, method, fields in parser.forms:
            url = urljoin(page, action)
            if method.lower() == "post" and "?" in action and "action" in fields:
                fields.pop("csrfmiddlewaretoken", None)
                response = client.post(url, fields)
                if response.status_code == 302:  # an export, queued: its page opens
                    assert response["Location"] == "/admin/reports/exports/", (url, page)
                    response = client.get(response["Location"])
                assert response.status_code == 200, (url, page)
    assert len(followed) > 20  # the walk did reach the filters' links
    for url, page in followed.items():
        response = client.get(url)
        assert response.status_code == 200, (url, "linked from", page)
