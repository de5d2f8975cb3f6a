"""Hà's report page at 1366×768: the triage panel first, its buttons on top, only what a step needs.

"Xử lý" comes before the citizen's report (beside it from 1200 px, by CSS),
save buttons at the top as well; a closed report shows no target, reason,
original or template unless a step offered needs them; every field is still
in the page for a browser without JavaScript, and the script (a file: the CSP
allows no inline script) hides what the chosen step does not need and puts a
chosen template's text, filled for this report by the server, in the reply
box. The steps have access keys, said in the step's help text.
"""

import html as html_module
import re

import pytest

from reports.models import ReplyTemplate, Report
from reports.roles import INSPECTORS, SUPERVISORS

from .conftest import make_report, staff

pytestmark = pytest.mark.django_db

S = Report.Status


@pytest.fixture
def ha(client):
    user = staff("ha", INSPECTORS, "dak-lak")
    client.force_login(user)
    return user


def html_of(client, report):
    response = client.get(f"/admin/reports/report/{report.pk}/change/")
    assert response.status_code == 200
    return response.content.decode()


def fields_in(html):
    return set(
        re.findall(r'name="(target|reason|original|original_pick|template|reply|note)"', html)
    )


def test_the_triage_panel_and_its_buttons_come_first(client, ha):
    html = html_of(client, make_report())
    triage_at = html.index(">Xử lý</h2>")
    assert triage_at < html.index(">Người dân phản ánh</h2>")
    assert html.index('name="_save"') < triage_at  # the buttons on top too
    assert html.index('name="_savenext"') < triage_at
    assert html.count('class="submit-row"') == 2


def test_an_open_report_shows_every_field_for_a_page_without_javascript(client, ha):
    html = html_of(client, make_report())
    assert fields_in(html) == {"target", "reason", "original", "template", "reply", "note"}
    assert 'src="/static/js/report-triage.js"' in html
    scripts = re.findall(r"<script\b([^>]*)>", html)
    assert all("src=" in attrs or "application/json" in attrs for attrs in scripts)


def test_a_closed_report_shows_only_what_its_steps_need(client, ha):
    closed = make_report(status=S.RESOLVED)
    assert fields_in(html_of(client, closed)) == {"reply", "note"}
    forwarded = make_report(status=S.FORWARDED)  # resolving needs nothing more
    assert fields_in(html_of(client, forwarded)) == {"template", "reply", "note"}
    client.force_login(staff("minh", SUPERVISORS, "dak-lak"))  # reopening: a note, a reply
    assert fields_in(html_of(client, closed)) == {"template", "reply", "note"}


def test_the_templates_text_filled_for_this_report_is_in_the_page(client, ha):
    report = make_report(source="0912345678")
    html = html_of(client, report)
    template = ReplyTemplate.objects.get(title="Chuyển công an")
    found = re.search(rf'<option value="{template.pk}"[^>]*data-filled="([^"]*)"', html)
    assert found
    text = html_module.unescape(found.group(1))
    assert "0912345678" in text and "{source}" not in text
    assert report.code not in html  # {code} is filled at the save: never on a staff page


def test_the_steps_have_access_keys_said_in_the_help(client, ha):
    html = html_of(client, make_report())
    assert re.search(
        r'<input[^>]*value="forward"[^>]*accesskey="2"|accesskey="2"[^>]*value="forward"', html
    )
    assert "Alt+2 (Firefox: Alt+Shift+2) “Chuyển cơ quan chức năng”" in html
    assert "Alt+3" not in html  # resolving is not offered to a new report


def test_the_report_page_stays_bounded(client, ha, django_assert_max_num_queries):
    report = make_report()
    for _ in range(3):
        make_report()
    html_of(client, report)
    with django_assert_max_num_queries(32):
        html_of(client, report)
