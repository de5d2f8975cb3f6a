"""A number in the CSV opens in Excel as the citizen typed it (issue 19).

Excel read `0912345678` as the number 912345678, and the apostrophe that
kept `+639171234567` from being a formula showed up literally (`'+639…`).
A cell of digits alone now starts with a tab: Excel, LibreOffice and Google
Sheets take it as text, nothing to evaluate, no apostrophe to see. What a
citizen typed that starts like a formula is still neutralised.
"""

import pytest

from reports.export import neutralise
from reports.roles import INSPECTORS

from .conftest import make_report, staff
from .exports import export_rows

pytestmark = pytest.mark.django_db


@pytest.fixture
def rows(client, django_capture_on_commit_callbacks):
    client.force_login(staff("bao", INSPECTORS, "dong-nai"))

    def written(reports):
        return export_rows(client, django_capture_on_commit_callbacks, reports)

    return written


def test_a_vietnamese_and_a_foreign_number_keep_their_0_and_plus(rows):
    local = make_report(province="dong-nai", source="0912345678")
    foreign = make_report(
        province="dong-nai",
        source="+639171234567",
        contact="+639171234567",
        contact_consent_text="Tôi đồng ý",
        contact_consented_at="2026-11-17T08:00:00+07:00",
    )
    header, first, second = rows([local, foreign])
    source, contact = header.index("Nguồn"), header.index("Liên hệ (người dân đồng ý)")
    assert first[source] == "\t0912345678"
    assert second[source] == "\t+639171234567"
    assert second[contact] == "\t+639171234567"
    assert "'" not in second[source] + second[contact]


def test_counts_and_amounts_stay_numbers(rows):
    report = make_report(province="dong-nai", paid=True, amount_lost=50_000_000)
    header, row = rows([report])
    assert row[header.index("Số tiền mất (đồng)")] == "50000000"
    assert row[header.index("Số tệp bằng chứng")] == "0"


@pytest.mark.parametrize(
    ("typed", "cell"),
    [
        ("0912345678", "\t0912345678"),
        ("+639171234567", "\t+639171234567"),
        ("00112233445566778899", "\t00112233445566778899"),  # more digits than Excel keeps
        ("+84 gọi lại", "'+84 gọi lại"),  # not a number: a formula start, neutralised
        ("+1+cmd", "'+1+cmd"),
        ("=1+1", "'=1+1"),
        ("\t=1", "'\t=1"),
        ("VCB-BANK", "VCB-BANK"),
    ],
)
def test_only_digits_start_with_a_tab_formulas_still_get_the_apostrophe(typed, cell):
    assert neutralise(typed) == cell
