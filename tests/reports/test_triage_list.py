"""Inspector Hà's list: what each row says, finding reports by code, number or words, filters.

Reviewed: no content column, no text search ("sinh trắc" found 0 of the 100
reports that contain it), rows 4–7 lines tall. The row layout itself is
measured in a real browser (tests/browser/test_inspector_workflow.py).
"""

import pytest
from django.utils import timezone

from advisories.models import ScamPattern
from reports import triage
from reports.models import Evidence, ForwardTarget, Report
from reports.roles import INSPECTORS, SUPERVISORS

from .conftest import make_report, staff

pytestmark = pytest.mark.django_db

LIST = "/admin/reports/report/"


@pytest.fixture
def ha(client):
    user = staff("ha", INSPECTORS, "dak-lak")
    client.force_login(user)
    return user


def found(client, **params):
    return list(client.get(LIST, params).context["cl"].result_list)


def test_a_row_says_what_triage_needs(client, ha):
    report = make_report(
        kind="LD",
        source="0912345678",
        chosen="phu-yen",
        content="Tự xưng cán bộ Sở TTTT, dọa khóa SIM vì chưa xác thực sinh trắc học " * 2,
    )
    report.patterns.set(ScamPattern.objects.filter(slug__in=["khoa-sim", "chuyen-tien"]))
    Evidence.objects.create(
        report=report,
        file="evidence/x.png",
        type="image",
        content_type="image/png",
        extension="png",
        size=1,
    )
    triage.assign(report, ha, by=ha)
    triage.take_step(report, "review", by=ha)
    triage.take_step(report, "forward", by=ha, target=ForwardTarget.POLICE)
    Report.objects.filter(pk=report.pk).update(
        created_at=timezone.now() - timezone.timedelta(days=3)
    )
    html = client.get(LIST).content.decode()
    row = html.split(f">{report.case_number}</a>")[1].split("</tr>")[0]
    assert '<abbr title="LD — lừa đảo (cuộc gọi hoặc tin nhắn)">LD</abbr>' in row
    assert "0912345678" in row
    assert "Tự xưng cán bộ Sở TTTT, dọa khóa SIM vì chưa xác thực sinh…" in row
    assert "Đắk Lắk" in row and "(Phú Yên)" in row  # the former unit the citizen chose
    names = ("Yêu cầu chuyển tiền, nộp tiền", "Dọa khóa, thu hồi SIM")  # names, not slugs
    assert ", ".join(names) in row or ", ".join(reversed(names)) in row
    assert ">1<" in row  # one evidence file
    assert "Đã chuyển: Công an" in row
    assert ">ha<" in row
    assert "3 ngày" in row


@pytest.mark.parametrize(
    "query",
    ["sinh trắc", "sinh trac", "SINH TRAC HOC", "khoa sim sinh trac"],
)
def test_words_of_the_content_are_found_with_or_without_diacritics(client, ha, query):
    wanted = make_report(content="Gọi dọa khóa SIM vì chưa xác thực sinh trắc học")
    make_report(content="Mời lên làm việc về vi phạm trên mạng xã hội")
    assert found(client, q=query) == [wanted]


def test_a_number_typed_any_way_and_a_code_read_aloud_are_found(client, ha):
    wanted = make_report(source="0912345678")
    other = make_report(source="0987654321")
    assert found(client, q="+84 912 345 678") == [wanted]
    assert found(client, q="0912.345.678") == [wanted]
    assert found(client, q=other.code.replace("-", " ").lower()) == [other]


def test_search_stays_within_the_inspectors_province(client, ha):
    make_report(province="ha-noi", content="xác thực sinh trắc học")
    assert found(client, q="sinh trac") == []


def test_every_filter_narrows_the_list(client, ha):
    minh = staff("minh", SUPERVISORS, "dak-lak")
    sms = make_report(kind="S", source="VCB-BANK", chosen="phu-yen", assigned_to=ha)
    call = make_report(kind="V", assigned_to=minh)
    call.patterns.set(ScamPattern.objects.filter(slug="khoa-sim"))
    Evidence.objects.create(
        report=call,
        file="evidence/y.png",
        type="image",
        content_type="image/png",
        extension="png",
        size=1,
    )
    old = make_report(kind="LD")
    Report.objects.filter(pk=old.pk).update(created_at=timezone.now() - timezone.timedelta(days=60))
    triage.take_step(old, "reject", by=ha, reason="not_scam")
    assert found(client, kind__exact="S") == [sms]
    assert found(client, status__exact="rejected") == [old]
    assert found(client, province="dak-lak") == [call, sms, old]
    assert found(client, chosen="phu-yen") == [sms]
    assert found(client, pattern="khoa-sim") == [call]
    assert found(client, assignee="mine") == [sms]
    assert found(client, assignee="nobody") == [old]
    assert found(client, evidence="yes") == [call]
    assert found(client, evidence="no") == [sms, old]
    # The filter's own "7 ngày trước" link: from midnight seven days ago, Vietnam's time.
    midnight = timezone.localtime().replace(hour=0, minute=0, second=0, microsecond=0)
    week = {
        "created_at__gte": (midnight - timezone.timedelta(days=7)).isoformat(" "),
        "created_at__lt": (midnight + timezone.timedelta(days=1)).isoformat(" "),
    }
    assert found(client, **week) == [call, sms]


def test_filter_titles_and_counts_are_in_vietnamese(client, ha):
    make_report()
    html = client.get(LIST).content.decode()
    for label in (
        "Theo trạng thái",
        "Theo loại",
        "Theo tỉnh người dân chọn",
        "Theo thủ đoạn",
        "Theo người xử lý",
        "Theo bằng chứng",
        "Hiện số lượng",
        "Mới tiếp nhận",
    ):
        assert label in html, label
    assert "Show counts" not in html and "By " not in html


def test_the_list_is_a_constant_number_of_queries(client, ha, django_assert_max_num_queries):
    make_report()
    with django_assert_max_num_queries(30) as few:
        client.get(LIST)
    patterns = list(ScamPattern.objects.all()[:3])
    for n in range(45):
        report = make_report(kind=["S", "V", "LD"][n % 3], chosen="phu-yen" if n % 2 else None)
        report.patterns.set(patterns)
        if n % 4 == 0:
            triage.assign(report, ha, by=ha)
    with django_assert_max_num_queries(len(few.captured_queries)):
        client.get(LIST)
    with django_assert_max_num_queries(len(few.captured_queries)):
        client.get(LIST, {"q": "sinh trac", "assignee": "mine", "status__exact": "new"})
