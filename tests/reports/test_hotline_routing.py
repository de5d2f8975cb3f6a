"""Chị Hoa in Bình Phước sees her province's inspectorate line, and the letter that announced it."""

import pytest
from django.core.management import call_command

from advisories.models import Province
from reports.hotlines import load_hotlines
from reports.models import Channel, Hotline
from reports.routing import hotlines_for

pytestmark = pytest.mark.django_db

NATIONAL = {("156", "sms"), ("5656", "sms"), ("156", "call")}


def numbers(province_slug, kind=None):
    province = Province.objects.get(slug=province_slug) if province_slug else None
    return [(line.number, line.channel) for line in hotlines_for(province, kind)]


@pytest.mark.parametrize("slug", ["binh-phuoc", "dong-nai"])
def test_binh_phuoc_and_the_province_it_joined_get_0888596677(hotlines, slug):
    lines = numbers(slug)
    assert ("0888596677", "call") in lines
    assert set(lines) == NATIONAL | {("0888596677", "call")}
    assert lines[0] == ("0888596677", "call")  # the province's own line first


@pytest.mark.parametrize("slug", ["ninh-thuan", "khanh-hoa"])
def test_ninh_thuan_and_the_province_it_joined_get_0692348560(hotlines, slug):
    assert set(numbers(slug)) == NATIONAL | {("0692348560", "call")}


@pytest.mark.parametrize("slug", ["ha-noi", "dak-lak", "ninh-binh", "nam-dinh", None])
def test_a_province_without_a_line_of_its_own_gets_the_national_ones(hotlines, slug):
    assert set(numbers(slug)) == NATIONAL


def test_the_lines_are_filtered_by_the_kind_they_take(hotlines):
    # The switchboard takes every kind by SMS; the call lines are for calls and scams.
    assert set(numbers("dong-nai", "S")) == {("156", "sms"), ("5656", "sms")}
    assert set(numbers("dong-nai", "V")) == NATIONAL | {("0888596677", "call")}


def test_a_line_staff_switched_off_is_not_offered(hotlines):
    Hotline.objects.filter(number="0888596677").update(is_active=False)
    assert ("0888596677", "call") not in numbers("dong-nai")


def test_routing_is_one_query(hotlines, django_assert_num_queries):
    dong_nai = Province.objects.get(slug="dong-nai")
    with django_assert_num_queries(1):
        lines = hotlines_for(dong_nai)
        [line.province for line in lines] + [line.source_advisory for line in lines]


def test_each_line_remembers_the_letter_that_announced_it(hotlines, make_advisory):
    binh_phuoc = make_advisory(issuer="stttt-binh-phuoc", year=2024, month=9)
    load_hotlines()
    line = Hotline.objects.get(number="0888596677")
    assert line.source_advisory == binh_phuoc
    assert line.announced_by.slug == "stttt-binh-phuoc"
    assert line.announced_display == "tháng 9/2024"
    assert line.province.slug == "binh-phuoc"  # as announced, a former unit
    assert line.channel == Channel.CALL


def test_load_reference_data_adds_the_lines_once_and_keeps_staff_edits(capsys):
    call_command("load_reference_data")
    first = capsys.readouterr().out
    assert "Tỉnh, thành phố: 34 hiện nay" in first  # the existing step still runs first
    assert "Kênh tiếp nhận: 5 (thêm mới 5" in first
    Hotline.objects.filter(number="0692348560").update(label="Trực ban hình sự (đã sửa)")
    call_command("load_reference_data")
    assert "Kênh tiếp nhận: 5 (thêm mới 0" in capsys.readouterr().out
    assert Hotline.objects.get(number="0692348560").label == "Trực ban hình sự (đã sửa)"
