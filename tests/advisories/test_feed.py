"""Following = the Atom feeds: all letters, or one province (former units included)."""

import xml.etree.ElementTree as ET
from datetime import datetime

import pytest

pytestmark = pytest.mark.django_db

ATOM = "{http://www.w3.org/2005/Atom}"


def parse(response):
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/atom+xml")
    root = ET.fromstring(response.content)
    assert root.tag == f"{ATOM}feed"
    return root


def entries(root):
    return root.findall(f"{ATOM}entry")


def test_the_feed_is_valid_atom_with_one_entry_per_published_letter(client, make_advisory):
    letters = [make_advisory("stttt-dak-lak", summary=f"cảnh báo số {i}") for i in range(3)]
    make_advisory("stttt-dak-lak", summary="bản nháp", published=False)

    root = parse(client.get("/advisories/feed/"))

    for required in ("id", "title", "updated"):
        assert root.find(f"{ATOM}{required}") is not None
    assert root.find(f"{ATOM}link[@rel='self']").get("href").endswith("/advisories/feed/")
    found = entries(root)
    assert len(found) == 3
    titles = [e.find(f"{ATOM}title").text for e in found]
    # Newest publication first (the factory publishes the later ones earlier).
    issuer = letters[0].issuer.name
    assert titles == [f"{issuer}: V/v cảnh báo số {i}" for i in range(3)]
    for entry, letter in zip(found, letters, strict=True):
        link = entry.find(f"{ATOM}link[@rel='alternate']").get("href")
        assert link == f"http://testserver{letter.get_absolute_url()}"
        assert entry.find(f"{ATOM}id") is not None
        updated = entry.find(f"{ATOM}updated").text
        assert datetime.fromisoformat(updated) >= letter.published_at.replace(microsecond=0)
        assert entry.find(f"{ATOM}author/{ATOM}name").text == letter.issuer.name
        assert "Theo phản ánh" in entry.find(f"{ATOM}summary").text


def test_a_province_feed_includes_the_former_units_and_old_slugs_work(client, make_advisory):
    make_advisory("stttt-dak-lak", summary="Đắk Lắk")
    make_advisory("pvhtt-ea-sup", summary="Ea Súp")
    ninh_thuan = make_advisory("stttt-ninh-thuan", summary="Ninh Thuận", number="1386")

    dak_lak = parse(client.get("/advisories/feed/dak-lak/"))
    assert len(entries(dak_lak)) == 2
    assert "Đắk Lắk" in dak_lak.find(f"{ATOM}title").text

    # Ninh Thuận is now part of Khánh Hòa: both addresses give the same letters.
    for slug in ("khanh-hoa", "ninh-thuan"):
        titles = [
            e.find(f"{ATOM}title").text
            for e in entries(parse(client.get(f"/advisories/feed/{slug}/")))
        ]
        assert titles == [f"{ninh_thuan.issuer.name}: V/v Ninh Thuận (1386/STTTT-TTra)"]


def test_an_unknown_province_feed_is_not_found(client):
    assert client.get("/advisories/feed/khong-co-tinh-nay/").status_code == 404


def test_an_empty_feed_is_still_valid_atom(client):
    root = parse(client.get("/advisories/feed/ha-noi/"))
    assert entries(root) == []
    assert root.find(f"{ATOM}updated") is not None
