"""A citizen names their bank however they say it, and the portal knows which bank it is."""

from io import StringIO

import pytest
from django.core.management import call_command

from advisories.roles import ADMINISTRATORS
from reports.bank_list import BANKS, SOURCE, load_banks
from reports.banks import bank_choices, bank_key, find_bank
from reports.models import Bank
from reports.roles import INSPECTORS

from .conftest import staff

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "typed, abbr",
    [
        ("VCB", "VCB"),
        ("vcb", "VCB"),
        ("Vietcombank", "VCB"),
        ("vietcombank", "VCB"),
        ("VIETCOMBANK", "VCB"),
        ("Viet com bank", "VCB"),
        ("Ngân hàng Ngoại thương", "VCB"),
        ("ngan hang ngoai thuong", "VCB"),
        ("NGÂN HÀNG NGOẠI THƯƠNG", "VCB"),
        ("Ngoại thương", "VCB"),
        ("Ngân hàng TMCP Ngoại Thương Việt Nam", "VCB"),
        ("970436", "VCB"),
        (" 970 436 ", "VCB"),
        ("Vietinbank", "ICB"),
        ("CTG", "ICB"),
        ("ICB", "ICB"),
        ("Công thương", "ICB"),
        ("cong thuong", "ICB"),
        ("970415", "ICB"),
        ("BIDV", "BIDV"),
        ("Đầu tư và Phát triển", "BIDV"),
        ("dau tu va phat trien", "BIDV"),
        ("970418", "BIDV"),
        ("Agribank", "VBA"),
        ("Nông nghiệp", "VBA"),
        ("nong nghiep", "VBA"),
        ("970405", "VBA"),
        ("Techcombank", "TCB"),
        ("TCB", "TCB"),
        ("970407", "TCB"),
        ("MB", "MB"),
        ("MB Bank", "MB"),
        ("mbbank", "MB"),
        ("Ngân hàng Quân đội", "MB"),
        ("970422", "MB"),
        ("VPBank", "VPB"),
        ("970432", "VPB"),
        ("ACB", "ACB"),
        ("Á Châu", "ACB"),
        ("970416", "ACB"),
        ("Sacombank", "STB"),
        ("STB", "STB"),
        ("970403", "STB"),
        ("TPBank", "TPB"),
        ("Tiên Phong", "TPB"),
        ("970423", "TPB"),
        # The full name without "Ngân hàng TMCP": a shorter form nobody listed.
        ("Ngân hàng Kiên Long", "KLB"),
        ("ngân hàng vietcombank", "VCB"),
        # A bank renamed: the old name finds today's.
        ("DongA Bank", "VIKKI"),
        ("OceanBank", "MBV"),
        ("LienVietPostBank", "LPB"),
        # E-wallets.
        ("MoMo", "MOMO"),
        ("ví momo", "MOMO"),
        ("ZaloPay", "ZALOPAY"),
        ("Zalo Pay", "ZALOPAY"),
        ("ShopeePay", "SHOPEEPAY"),
        ("Viettel Money", "VTLMONEY"),
        ("ViettelPay", "VTLMONEY"),
        ("971005", "VTLMONEY"),
        ("VNPT Money", "VNPTMONEY"),
        ("971011", "VNPTMONEY"),
    ],
)
def test_a_bank_is_found_however_it_is_typed(typed, abbr):
    bank = find_bank(typed)
    assert bank is not None, typed
    assert bank.abbr == abbr


@pytest.mark.parametrize(
    "typed",
    [
        "",
        "   ",
        None,
        "Ngân hàng",
        "ngân hàng ABC",
        "Sài Gòn Bank Ltd",
        "970499",
        "999999",
        "x" * 5000,
    ],
)
def test_an_unknown_name_finds_nothing(typed):
    assert find_bank(typed) is None


def test_the_list_states_its_source_and_every_row_carries_it():
    assert "xuannghia/vietnam-qr-pay" in SOURCE
    assert "api.vietqr.io/v2/banks" in SOURCE
    assert Bank.objects.count() == len(BANKS)
    assert set(Bank.objects.values_list("source", flat=True)) == {SOURCE}


def test_bins_are_six_digits_and_unique_and_wallets_without_one_have_none():
    bins = [row[1] for row in BANKS if row[1] is not None]
    assert all(len(b) == 6 and b.isdigit() for b in bins)
    assert len(bins) == len(set(bins))
    assert Bank.objects.get(abbr="ZALOPAY").bin is None
    assert Bank.objects.get(abbr="SHOPEEPAY").bin is None
    assert Bank.objects.get(abbr="MOMO").is_wallet


def test_no_name_is_claimed_by_two_banks():
    """One typed name must never point at two banks: the look-up would guess."""
    owner = {}
    for abbr, bin_, short_name, full_name, aliases, _wallet in BANKS:
        for name in [abbr, bin_, short_name, full_name, *aliases]:
            key = bank_key(name)
            if key:
                assert owner.setdefault(key, abbr) == abbr, (name, owner[key], abbr)


def test_no_hotline_without_a_source():
    """No source gives a bank's hotline: none is invented (the receipt says the card's back)."""
    assert not Bank.objects.exclude(hotline="").exists()


def test_loading_twice_changes_nothing():
    before = list(Bank.objects.order_by("abbr").values())
    call_command("load_reference_data", stdout=StringIO(), stderr=StringIO())
    history = Bank.history.count()
    call_command("load_reference_data", stdout=StringIO(), stderr=StringIO())
    assert list(Bank.objects.order_by("abbr").values()) == before
    assert Bank.history.count() == history
    assert load_banks(Bank) == (0, 0)


def test_loading_keeps_an_administrators_aliases_and_hotline():
    bank = Bank.objects.get(abbr="VCB")
    bank.aliases += "\nVCB Digibank"
    bank.hotline = "1900545413"
    bank.source += " Tổng đài: trang của ngân hàng."
    bank.save()

    load_banks(Bank)

    bank.refresh_from_db()
    assert "VCB Digibank" in bank.aliases.splitlines()
    assert bank.hotline == "1900545413"
    assert find_bank("vcb digibank") == bank


def test_a_change_is_seen_by_the_next_look_up():
    assert find_bank("Ngân hàng Ngoại hối") is None
    bank = Bank.objects.get(abbr="VCB")
    bank.aliases += "\nNgân hàng Ngoại hối"
    bank.save()
    assert find_bank("ngan hang ngoai hoi") == bank


def test_choices_for_a_select_name_each_bank_by_short_and_full_name():
    choices = dict(bank_choices())
    assert choices["VCB"] == "Vietcombank: Ngân hàng TMCP Ngoại Thương Việt Nam"
    assert len(choices) == len(BANKS)
    # Banks first, e-wallets after.
    abbrs = [abbr for abbr, _label in bank_choices()]
    assert abbrs.index("MOMO") > abbrs.index("VCB")


def test_administrators_edit_the_list_and_inspectors_only_read_it(client):
    client.force_login(staff("inspector", INSPECTORS, "dak-lak"))
    assert client.get("/admin/reports/bank/?q=ngoai+thuong").status_code == 200
    vcb = Bank.objects.get(abbr="VCB")
    page = client.get(f"/admin/reports/bank/{vcb.pk}/change/")
    assert page.status_code == 200
    assert b'name="aliases"' not in page.content
    assert client.get("/admin/reports/bank/add/").status_code == 403

    client.force_login(staff("admin", ADMINISTRATORS))
    listing = client.get("/admin/reports/bank/?q=ngoai+thuong")
    assert b"Vietcombank" in listing.content
    page = client.get(f"/admin/reports/bank/{vcb.pk}/change/")
    assert b'name="aliases"' in page.content
    assert client.get("/admin/reports/bank/add/").status_code == 200


def test_a_bin_typed_in_the_admin_must_be_six_digits(client):
    client.force_login(staff("admin", ADMINISTRATORS))
    answer = client.post(
        "/admin/reports/bank/add/",
        {"abbr": "new", "bin": "12345", "short_name": "New", "full_name": "Ngân hàng Mới",
         "source": "Thử"},
    )  # fmt: skip
    assert answer.status_code == 200
    assert "Mã BIN gồm đúng 6 chữ số" in answer.content.decode()
    answer = client.post(
        "/admin/reports/bank/add/",
        {"abbr": "new", "bin": "", "short_name": "New", "full_name": "Ngân hàng Mới",
         "source": "Thử"},
    )  # fmt: skip
    assert answer.status_code == 302
    assert Bank.objects.get(abbr="NEW").bin is None


def test_an_abbreviation_is_not_changed_once_accounts_may_be_keyed_by_it(client):
    client.force_login(staff("admin", ADMINISTRATORS))
    vcb = Bank.objects.get(abbr="VCB")
    page = client.get(f"/admin/reports/bank/{vcb.pk}/change/").content.decode()
    assert 'name="abbr"' not in page
    assert 'name="short_name"' in page
