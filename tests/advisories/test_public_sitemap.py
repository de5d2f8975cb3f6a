"""sitemap.xml lists every published letter, and no draft."""

import xml.etree.ElementTree as ET

import pytest

pytestmark = pytest.mark.django_db

NS = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}


def test_the_sitemap_lists_published_letters_only(client, make_advisory):
    published = [make_advisory("stttt-dak-lak") for _ in range(3)]
    draft = make_advisory(published=False)

    response = client.get("/sitemap.xml")

    assert response.status_code == 200
    root = ET.fromstring(response.content)
    locations = {loc.text for loc in root.findall("s:url/s:loc", NS)}
    assert locations == {f"http://testserver{a.get_absolute_url()}" for a in published}
    assert f"http://testserver{draft.get_absolute_url()}" not in locations
