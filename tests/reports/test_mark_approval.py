"""One staff account never changes what the public trusts alone.

The review's case: Minh, an inspector of Hà Nội, marks 0354836427, a number
national inspectors confirmed a scam, as the "Đường dây nóng Công an TP Hà
Nội". Until Hà (Hà Nội's supervisor) approves it, nothing changes for
anyone; once approved, it is Hà Nội's own verdict, shown with ?province=ha-noi
only. Minh cannot approve his own mark, nor can Đông (Đồng Nai's supervisor).
"""

import pytest
from django.contrib.admin.models import LogEntry

from advisories.models import Province
from reports import numbers
from reports.models import NumberMark
from reports.roles import INSPECTORS, NATIONAL_INSPECTORS, SUPERVISORS

from .conftest import make_report, staff

pytestmark = pytest.mark.django_db

NUMBER = "0354836427"
SETTLE = "/admin/reports/report/marks-to-settle/"
OWNER = "Đường dây nóng Công an TP Hà Nội"
SCAM, OFFICIAL = NumberMark.Kind.SCAM, NumberMark.Kind.OFFICIAL


@pytest.fixture
def ha_noi():
    return Province.objects.get(slug="ha-noi")


@pytest.fixture
def minh():
    return staff("minh", INSPECTORS, "ha-noi")


@pytest.fixture
def ha():
    return staff("ha", SUPERVISORS, "ha-noi")


@pytest.fixture
def confirmed():
    """National inspectors confirmed the number a scam (nothing to overturn: in force at once)."""
    make_report(province="ha-noi", source=NUMBER)
    toan = staff("toan", NATIONAL_INSPECTORS)
    mark = numbers.mark(NUMBER, SCAM, by=toan, province=None, reason="Nhiều tỉnh phản ánh")
    assert mark.is_active
    return mark


@pytest.fixture
def proposal(confirmed, minh, ha_noi):
    return numbers.mark(
        NUMBER, OFFICIAL, by=minh, province=ha_noi, reason="Công văn của Công an TP", owner=OWNER
    )


def look(client, **params):
    page = client.get("/lookup/", {"number": NUMBER, **params}).content.decode()
    api = client.get("/api/v1/lookup", {"number": NUMBER, **params}).json()
    return page, api


def says_scam(page, api):
    return (
        "đã xác nhận đây là số lừa đảo" in page
        and "Đây là số chính thức" not in page
        and api["verdict"] == "confirmed_scam"
        and api["confirmed_scam"] is not None
        and api["verified_official"] == []
    )


def test_an_official_mark_on_a_confirmed_scam_waits_and_changes_nothing(client, proposal):
    assert proposal.is_pending
    assert says_scam(*look(client))
    assert says_scam(*look(client, province="ha-noi"))
    page, api = look(client)
    assert api["verdict_scope"]["scope"] == "national"
    assert api["confirmed_scam"]["by"] == ["national"]
    assert "Kết luận toàn quốc" in page


def test_while_it_waits_other_conclusions_go_on(proposal):
    dong = staff("dong", INSPECTORS, "dong-nai")
    mark = numbers.mark(
        NUMBER, SCAM, by=dong, province=Province.objects.get(slug="dong-nai"), reason="Ghi âm"
    )
    assert mark.is_active  # an ordinary confirmation overturns nothing


def test_approved_by_ha_noi_it_is_ha_noi_s_verdict_only(client, proposal, ha):
    numbers.decide(proposal, by=ha, approve=True, note="Đã gọi xác minh")
    page, api = look(client, province="ha-noi")
    assert "Đây là số chính thức" in page and OWNER in page
    assert "Kết luận riêng của Hà Nội" in page
    assert api["verdict"] == "official" and api["confirmed_scam"] is None
    assert api["province"] == "ha-noi"
    assert api["verdict_scope"] == {"scope": "ha-noi", "name": "Hà Nội", "organizations": [OWNER]}
    assert says_scam(*look(client))  # nationwide: still the national verdict
    assert says_scam(*look(client, province="dong-nai"))
    entry = LogEntry.objects.get(object_id=str(proposal.pk))
    assert (entry.user, "Duyệt kết luận" in entry.change_message) == (ha, True)


def test_the_proposer_cannot_approve_his_own_mark(client, proposal, minh):
    with pytest.raises(numbers.MarkRefused, match="Bạn là người đề xuất"):
        numbers.decide(proposal, by=minh, approve=True)
    client.force_login(minh)
    page = client.get(SETTLE).content.decode()
    assert NUMBER in page and 'value="approve"' not in page  # he sees it wait, no button
    response = client.post(SETTLE, {"mark": proposal.pk, "decision": "approve"}, follow=True)
    assert "Bạn là người đề xuất" in response.content.decode()
    proposal.refresh_from_db()
    assert proposal.is_pending


def test_an_inspector_of_the_province_has_no_right_to_approve(proposal):
    with pytest.raises(numbers.MarkRefused, match="Bạn không có quyền duyệt"):
        numbers.decide(proposal, by=staff("lan", INSPECTORS, "ha-noi"), approve=True)


def test_a_supervisor_who_proposed_cannot_approve_either(client, confirmed, ha, ha_noi):
    mark = numbers.mark(NUMBER, OFFICIAL, by=ha, province=ha_noi, reason="x", owner=OWNER)
    client.force_login(ha)
    assert 'value="approve"' not in client.get(SETTLE).content.decode()
    response = client.post(SETTLE, {"mark": mark.pk, "decision": "approve"}, follow=True)
    assert "Bạn là người đề xuất: một cán bộ khác cùng phạm vi phải duyệt." in (
        response.content.decode()
    )
    mark.refresh_from_db()
    assert mark.is_pending and not LogEntry.objects.exists()


def test_another_province_s_supervisor_cannot_approve(client, proposal):
    dong = staff("dong", SUPERVISORS, "dong-nai")
    with pytest.raises(numbers.MarkRefused, match="Chỉ cán bộ phụ trách Hà Nội"):
        numbers.decide(proposal, by=dong, approve=True)
    client.force_login(dong)
    assert NUMBER not in client.get(SETTLE).content.decode()  # not in his scope
    response = client.post(SETTLE, {"mark": proposal.pk, "decision": "approve"}, follow=True)
    assert "Chỉ cán bộ phụ trách Hà Nội" in response.content.decode()
    proposal.refresh_from_db()
    assert proposal.is_pending


def test_a_national_mark_is_approved_by_national_staff_only(confirmed, ha):
    toan = confirmed.created_by
    withdrawal = numbers.withdraw(confirmed, by=toan, reason="Nhầm")
    assert withdrawal.is_withdrawal_pending and withdrawal.is_active
    with pytest.raises(numbers.MarkRefused, match="Bạn là người đề xuất"):
        numbers.decide(withdrawal, by=toan, approve=True)
    with pytest.raises(numbers.MarkRefused, match="Chỉ cán bộ phụ trách toàn quốc"):
        numbers.decide(withdrawal, by=ha, approve=True)
    numbers.decide(withdrawal, by=staff("thu", NATIONAL_INSPECTORS), approve=True)
    withdrawal.refresh_from_db()
    assert not withdrawal.is_active


def test_a_supervisor_refuses_and_the_page_settles_it(client, proposal, ha):
    client.force_login(ha)
    page = client.get(SETTLE).content.decode()
    assert NUMBER in page and OWNER in page and 'value="approve"' in page
    response = client.post(
        SETTLE,
        {"mark": proposal.pk, "decision": "refuse", "note": "Không phải số của CA"},
        follow=True,
    )
    assert "Đã từ chối" in response.content.decode()
    proposal.refresh_from_db()
    assert proposal.state == NumberMark.State.REFUSED and proposal.decided_by == ha
    assert LogEntry.objects.get(object_id=str(proposal.pk)).user == ha
    again = numbers.mark(NUMBER, OFFICIAL, by=ha, province=proposal.province, reason="y", owner="Z")
    assert again.is_pending  # a refused proposal does not block the next one


def test_approving_lists_the_conflict_with_the_national_verdict(client, proposal, ha):
    client.force_login(ha)
    client.post(SETTLE, {"mark": proposal.pk, "decision": "approve"})
    proposal.refresh_from_db()
    assert proposal.is_active
    page = client.get(SETTLE)
    assert [(mark.pk, len(national)) for mark, national in page.context["conflicts"]] == [
        (proposal.pk, 1)
    ]
    assert "Hà Nội: Số chính thức đã xác minh" in page.content.decode()


def test_a_forged_decision_is_refused_plainly(client, ha):
    client.force_login(ha)
    for forged in ({"mark": "abc", "decision": "approve"}, {"mark": "1", "decision": "x"}):
        response = client.post(SETTLE, forged, follow=True)
        assert response.status_code == 200
        assert "Không có kết luận này." in response.content.decode()


def test_the_page_needs_the_right_to_see_marks(client):
    client.force_login(staff("pub", "Cán bộ đăng công văn"))
    assert client.get(SETTLE).status_code == 403


def test_the_page_reads_a_bounded_number_of_queries(client, ha, django_assert_max_num_queries):
    ha_noi = Province.objects.get(slug="ha-noi")
    toan = staff("toan", NATIONAL_INSPECTORS)
    for n in range(12):
        number = f"03548364{n:02d}"
        numbers.mark(number, SCAM, by=toan, province=None, reason="x")
        mark = numbers.mark(
            number,
            OFFICIAL,
            by=staff(f"i{n}", INSPECTORS, "ha-noi"),
            province=ha_noi,
            reason="y",
            owner=f"Cơ quan {n}",
        )
        if n % 2:
            numbers.decide(mark, by=ha, approve=True)  # a conflict with the national verdict
    client.force_login(ha)
    # 10 whatever the number of rows: session, user, the second factor's device,
    # permissions, the two lists.
    with django_assert_max_num_queries(10):
        page = client.get(SETTLE)
    assert len(page.context["waiting"]) == 6 and len(page.context["conflicts"]) == 6


def test_the_number_page_says_the_official_mark_waits(client, confirmed, minh, ha_noi):
    client.force_login(minh)
    response = client.post(
        f"/admin/reports/report/number/?source={NUMBER}",
        {
            "kind_submitted": "official",
            "official-kind": "official",
            "official-scope": ha_noi.pk,
            "official-owner": OWNER,
            "official-reason": "Công văn của Công an TP",
        },
        follow=True,
    )
    html = response.content.decode()
    assert "Đã ghi đề xuất kết luận về 0354836427" in html
    assert "chờ duyệt" in html
    assert NumberMark.objects.get(kind=OFFICIAL).is_pending
