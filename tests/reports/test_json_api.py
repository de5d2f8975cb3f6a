"""A chatbot composes the SMS and finds where to report, through the JSON API."""

from urllib.parse import unquote

import pytest

from advisories.models import Province

pytestmark = pytest.mark.django_db


def compose(client, **params):
    return client.get("/api/v1/compose", params)


def test_compose_gives_the_sms_its_encodings_parts_links_and_hotlines(
    client, hotlines, make_advisory
):
    make_advisory(issuer="stttt-ninh-thuan", year=2024, month=9)
    from reports.hotlines import load_hotlines

    load_hotlines()  # link the line to its letter, as load_reference_data does after the import
    response = compose(
        client,
        kind="ld",
        source="+84 912 345 678",
        content="Mạo danh  Sở TTTT",
        province="ninh-thuan",
    )
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/json")
    data = response.json()
    assert data["kind"] == "LD"
    assert data["source"] == "0912345678"
    assert data["sms"] == "LD 0912345678 Mạo danh Sở TTTT"
    assert data["sms_ascii"] == "LD 0912345678 Mao danh So TTTT"
    assert data["encoding"] == {"sms": "UCS-2", "sms_ascii": "GSM-7"}
    assert data["parts"] == {"sms": 1, "sms_ascii": 1}
    assert data["shortcodes"] == ["156", "5656"]
    sms_links = [link for link in data["links"] if link["channel"] == "sms"]
    assert {link["number"] for link in sms_links} == {"156", "5656"}
    assert unquote(sms_links[0]["href"].split("?body=")[1]) == data["sms"]
    tel_links = {link["href"] for link in data["links"] if link["channel"] == "call"}
    assert tel_links == {"tel:0692348560", "tel:156"}
    assert data["province"] == "khanh-hoa"
    first = data["hotlines"][0]
    assert {"label", "number", "channel", "source_advisory"} <= set(first)
    assert first["number"] == "0692348560"
    assert first["source_advisory"]["number"] == "/STTTT-TTra"
    assert first["source_advisory"]["date"] == "ngày … tháng 9 năm 2024"
    assert [h["number"] for h in data["hotlines"]][1:] == ["156", "5656", "156"]


def test_without_a_province_the_national_lines_only(client, hotlines):
    data = compose(client, kind="S", source="VCB-BANK", content="Tai khoan bi khoa").json()
    assert {(h["number"], h["channel"]) for h in data["hotlines"]} == {
        ("156", "sms"),
        ("5656", "sms"),
    }
    assert data["province"] is None


@pytest.mark.parametrize(
    ("params", "bad"),
    [
        ({}, {"kind", "source", "content"}),
        ({"kind": "Q", "source": "0912345678", "content": "x"}, {"kind"}),
        ({"kind": "V", "source": "VCB-BANK", "content": "x"}, {"source"}),
        ({"kind": "V", "source": "0912345678", "content": "x" * 1001}, {"content"}),
        (
            {"kind": "V", "source": "0912345678", "content": "x", "province": "atlantis"},
            {"province"},
        ),
        (
            {"kind": "V", "source": "0912345678", "content": "x", "province": "Bình Phước"},
            {"province"},
        ),
        (
            {"kind": "", "source": "", "content": "", "province": "nope"},
            {"kind", "source", "content", "province"},
        ),
    ],
)
def test_any_bad_parameter_is_a_400_naming_it(client, params, bad):
    response = compose(client, **params)
    assert response.status_code == 400
    errors = response.json()["errors"]
    assert set(errors) == bad
    for messages in errors.values():
        assert messages and all(isinstance(message, str) and message for message in messages)


def test_errors_follow_accept_language_when_english_is_asked(client):
    vi = compose(client, kind="Q").json()["errors"]["kind"][0]
    assert "Loại phản ánh" in vi
    # Without an English catalog entry the Vietnamese source string is still a clear answer.
    en = client.get("/api/v1/compose", {"kind": "Q"}, HTTP_ACCEPT_LANGUAGE="en").json()
    assert en["errors"]["kind"][0]


def test_provinces_lists_every_unit_with_where_it_belongs(client):
    response = client.get("/api/v1/provinces")
    assert response.status_code == 200
    rows = {row["slug"]: row for row in response.json()}
    assert len(rows) == Province.objects.count() == 64
    assert rows["binh-phuoc"] == {
        "slug": "binh-phuoc",
        "name": "Bình Phước",
        "current": False,
        "belongs_to": "dong-nai",
    }
    assert rows["dong-nai"]["current"] is True and rows["dong-nai"]["belongs_to"] == "dong-nai"
    assert sum(row["current"] for row in rows.values()) == 34


def test_the_api_runs_a_bounded_number_of_queries(client, hotlines, django_assert_max_num_queries):
    with django_assert_max_num_queries(2):
        client.get("/api/v1/provinces")
    with django_assert_max_num_queries(3):
        compose(client, kind="V", source="0912345678", content="alo", province="binh-phuoc")


def test_the_api_is_read_only_where_it_should_be(client):
    assert client.post("/api/v1/provinces").status_code == 405
    assert client.post("/api/v1/lookup").status_code == 405
    assert client.get("/api/v1/reports").status_code == 405


@pytest.fixture
def binh_phuoc_letter(hotlines, make_advisory):
    """The Bình Phước letter that announced 0888596677, linked as load_reference_data links it."""
    from reports.hotlines import load_hotlines

    letter = make_advisory(
        issuer="stttt-binh-phuoc", summary="cảnh báo mạo danh Thanh tra Sở TTTT Bình Phước"
    )
    load_hotlines()
    return letter


def test_a_letter_set_back_to_draft_is_no_longer_the_source_a_chatbot_shows(
    client, binh_phuoc_letter
):
    params = {"kind": "V", "source": "0912345678", "content": "alo", "province": "binh-phuoc"}
    line = compose(client, **params).json()["hotlines"][0]
    assert line["number"] == "0888596677"
    assert line["source_advisory"]["url"] == f"/advisories/{binh_phuoc_letter.slug}/"
    assert client.get(line["source_advisory"]["url"]).status_code == 200

    binh_phuoc_letter.status = binh_phuoc_letter.Status.DRAFT
    binh_phuoc_letter.save()
    response = compose(client, **params)
    line = response.json()["hotlines"][0]
    assert line["number"] == "0888596677"  # the line itself is still offered...
    assert line["source_advisory"] is None  # ...but not the unpublished letter
    assert binh_phuoc_letter.summary not in response.content.decode()
    assert binh_phuoc_letter.slug not in response.content.decode()
