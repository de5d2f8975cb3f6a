"""Inspector Bảo searches the list by words of what citizens wrote, accents optional.

Both databases match words by their beginning through a full-text index
(PostgreSQL's GIN index, SQLite's FTS5 table kept in step by triggers), so the
search follows every edit and deletion, bulk ones included.
"""

import pytest

from reports.models import Report
from reports.roles import INSPECTORS

from .conftest import make_report, staff

pytestmark = pytest.mark.django_db

LIST = "/admin/reports/report/"


@pytest.fixture
def bao(client):
    client.force_login(staff("bao", INSPECTORS, "dak-lak"))
    return client


def found(client, words):
    return client.get(LIST, {"q": words}).content.decode()


def test_words_are_found_with_or_without_accents_and_all_must_be_there(bao):
    bank = make_report(content="Giả danh nhân viên ngân hàng, xin mã OTP để mở khóa thẻ")
    police = make_report(
        content="Mạo danh công an phường, yêu cầu chuyển tiền", source="0987654321"
    )

    assert bank.case_number in found(bao, "ngan hang") and police.case_number not in found(
        bao, "ngan hang"
    )
    assert bank.case_number in found(bao, "NGÂN HÀNG otp")
    assert police.case_number in found(bao, "công an") and bank.case_number not in found(
        bao, "công an"
    )
    assert bank.case_number not in found(bao, "ngân hàng công an")  # every word, not any


def test_a_word_matches_by_its_beginning(bao):
    report = make_report(content="Tin nhắn báo trúng thưởng, gửi đường link lạ")

    assert report.case_number in found(bao, "thuo")  # thưởng, still being typed
    assert report.case_number not in found(bao, "uong")  # the middle of a word is not a word


def test_the_search_follows_edits_deletions_and_bulk_loads(bao):
    report = make_report(content="Gọi mạo danh điện lực, dọa cắt điện")
    assert report.case_number in found(bao, "dien luc")

    report.content = "Gọi mạo danh nhân viên bưu điện, báo có bưu phẩm"
    report.save()
    assert report.case_number not in found(bao, "dien luc")
    assert report.case_number in found(bao, "buu pham")

    bulk = make_report(content="Tuyển cộng tác viên làm việc online")
    Report.objects.filter(pk=bulk.pk).update(content_search="lua dao viec nhe luong cao")
    assert bulk.case_number in found(bao, "luong cao")

    code = report.case_number
    report.delete()
    assert code not in found(bao, "buu pham")
