"""Who works on which report: take it, give it back, and a supervisor hands it on.

Đắk Lắk has inspectors Hà and Tuấn and supervisor Minh; Lan inspects Hà Nội;
Toàn is a national inspector; Thu publishes letters. A report can only go
to someone who may open it.
"""

import pytest

from reports import triage
from reports.models import Report
from reports.roles import INSPECTORS, NATIONAL_INSPECTORS, SUPERVISORS

from .conftest import make_report, staff

pytestmark = pytest.mark.django_db

LIST = "/admin/reports/report/"


@pytest.fixture
def team():
    from advisories.roles import PUBLISHERS

    return {
        "ha": staff("ha", INSPECTORS, "dak-lak"),
        "tuan": staff("tuan", INSPECTORS, "dak-lak"),
        "minh": staff("minh", SUPERVISORS, "dak-lak"),
        "lan": staff("lan", INSPECTORS, "ha-noi"),
        "toan": staff("toan", NATIONAL_INSPECTORS),
        "thu": staff("thu", PUBLISHERS),
    }


def assignee_choices(client, report):
    form = client.get(f"{LIST}{report.pk}/change/").context["adminform"].form
    return sorted(user.username for user in form.fields["assignee"].queryset)


def test_a_supervisor_can_give_a_report_only_to_people_who_may_open_it(client, team):
    client.force_login(team["minh"])
    report = make_report()
    # The province's own team: Toàn (national) may open it, but is no one's to hand it to.
    assert assignee_choices(client, report) == ["ha", "minh", "tuan"]
    assert triage.assignable_staff([report.province]).filter(username="lan").exists() is False


def test_an_inspector_may_only_take_it_or_leave_it(client, team):
    client.force_login(team["ha"])
    assert assignee_choices(client, make_report()) == ["ha"]


def test_take_and_give_back_with_the_row_buttons(client, team):
    client.force_login(team["ha"])
    report = make_report()
    html = client.get(LIST).content.decode()
    take = f'formaction="{LIST}{report.pk}/assign-to-me/"'
    assert take in html
    response = client.post(
        f"{LIST}{report.pk}/assign-to-me/",
        HTTP_REFERER=f"http://testserver{LIST}?status__exact=new",
    )
    assert response.status_code == 302 and response["Location"].endswith("?status__exact=new")
    report.refresh_from_db()
    assert report.assigned_to == team["ha"]
    assert f'formaction="{LIST}{report.pk}/unassign/"' in client.get(LIST).content.decode()
    client.post(f"{LIST}{report.pk}/unassign/")
    report.refresh_from_db()
    assert report.assigned_to is None
    assert list(
        report.events.filter(kind="assignment").values_list(
            "actor__username", "assigned_to__username"
        )
    ) == [
        ("ha", "ha"),
        ("ha", None),
    ]
    assert client.get(f"{LIST}{report.pk}/assign-to-me/").status_code == 405  # GET never acts


def test_an_inspector_cannot_take_a_report_someone_else_has(client, team):
    report = make_report(assigned_to=team["tuan"])
    client.force_login(team["ha"])
    assert f"{report.pk}/assign-to-me/" not in client.get(LIST).content.decode()
    client.post(f"{LIST}{report.pk}/assign-to-me/")
    report.refresh_from_db()
    assert report.assigned_to == team["tuan"]
    with pytest.raises(triage.Refused, match="đang do tuan xử lý"):
        triage.assign(report, team["ha"], by=team["ha"])


def test_a_row_button_on_another_provinces_report_finds_nothing(client, team):
    elsewhere = make_report(province="ha-noi")
    client.force_login(team["ha"])
    assert client.post(f"{LIST}{elsewhere.pk}/assign-to-me/").status_code == 404


def test_bulk_take_and_give_back_say_what_was_skipped(client, team):
    mine, free, taken = make_report(), make_report(), make_report(assigned_to=team["tuan"])
    triage.assign(mine, team["ha"], by=team["ha"])
    client.force_login(team["ha"])
    response = client.post(
        LIST,
        {"action": "assign_to_me", "_selected_action": [mine.pk, free.pk, taken.pk]},
        follow=True,
    )
    message = next(str(m) for m in response.context["messages"])
    assert message == (
        "Bạn đã nhận 1 phản ánh. Bỏ qua 2 phản ánh: 1 đang do người khác xử lý; "
        "1 đã như vậy từ trước."
    )
    assert Report.objects.filter(assigned_to=team["ha"]).count() == 2


def test_a_supervisor_hands_reports_on_through_a_confirmation_page(client, team):
    reports = [make_report(), make_report(assigned_to=team["ha"])]
    client.force_login(team["minh"])
    ids = [report.pk for report in reports]
    page = client.post(LIST, {"action": "assign", "_selected_action": ids})
    assert page.status_code == 200
    html = page.content.decode()
    assert "Đã chọn 2 phản ánh; 2 sẽ được thay đổi." in html
    people = [user.username for user in page.context["form"].fields["assignee"].queryset]
    assert people == ["ha", "minh", "tuan"]
    response = client.post(
        LIST,
        {"action": "assign", "_selected_action": ids, "post": "yes", "assignee": team["tuan"].pk},
        follow=True,
    )
    assert "Đã giao 2 phản ánh cho tuan." in [str(m) for m in response.context["messages"]]
    assert Report.objects.filter(assigned_to=team["tuan"]).count() == 2


def test_an_inspector_is_not_offered_handing_on(client, team):
    client.force_login(team["ha"])
    make_report()
    actions = client.get(LIST).context["action_form"].fields["action"].choices
    names = [name for name, _label in actions]
    assert "assign_to_me" in names and "assign" not in names and "reopen" not in names


def test_my_queue_and_nobodys(client, team):
    mine = make_report(assigned_to=team["ha"])
    free = make_report()
    other = make_report(assigned_to=team["tuan"])
    client.force_login(team["ha"])
    queue = client.get(LIST, {"assignee": "mine"}).context["cl"].result_list
    assert list(queue) == [mine]
    nobody = client.get(LIST, {"assignee": "nobody"}).context["cl"].result_list
    assert list(nobody) == [free]
    theirs = client.get(LIST, {"assignee": str(team["tuan"].pk)}).context["cl"].result_list
    assert list(theirs) == [other]
    html = client.get(LIST).content.decode()
    assert "Của tôi" in html and "Chưa giao cho ai" in html
    assert ">tuan<" in html  # the assignee shows in the list


def test_a_national_inspector_works_any_province(client, team):
    report = make_report(province="ha-noi")
    triage.assign(report, team["toan"], by=team["toan"])
    triage.take_step(report, "review", by=team["toan"])
    with pytest.raises(triage.Refused, match="không xử lý phản ánh của tỉnh"):
        triage.assign(report, team["ha"], by=team["toan"])
