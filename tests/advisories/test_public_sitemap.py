"""sitemap.xml lists every published letter, and no draft."""

import xml.etree.ElementTree as ET

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

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


def test_the_sitemap_reads_no_letter_text(client, make_advisory):
    """A crawler's visit with 10,000 letters must not load their texts into a worker
    (it took one from 70 MB to 177 MB): only the fields an entry shows."""
    make_advisory("stttt-dak-lak")
    with CaptureQueriesContext(connection) as queries:
        assert client.get("/sitemap.xml").status_code == 200

    sql = " ".join(q["sql"] for q in queries.captured_queries)
    assert '"advisories_advisory"."slug"' in sql
    assert '"content"' not in sql and '"search_text"' not in sql
