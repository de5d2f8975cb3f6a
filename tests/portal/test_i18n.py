"""Vietnamese first; the English switch works on a fresh machine."""

from pathlib import Path

import polib
import pytest
from django.conf import settings

pytestmark = pytest.mark.django_db

CATALOG = Path(settings.BASE_DIR) / "portal" / "locale" / "en" / "LC_MESSAGES"


def test_a_visitor_switches_to_english_and_back(client):
    response = client.post("/i18n/setlang/", {"language": "en", "next": "/"}, follow=True)
    html = response.content.decode()
    assert '<html lang="en">' in html
    assert "Scam alerts" in html  # the navigation, translated
    assert "Cảnh báo</a>" not in html

    response = client.post("/i18n/setlang/", {"language": "vi", "next": "/"}, follow=True)
    assert '<html lang="vi">' in response.content.decode()


def test_the_english_catalog_is_complete_and_compiled():
    po = polib.pofile(str(CATALOG / "django.po"))
    missing = [e.msgid for e in po if not e.translated() and not e.obsolete]
    assert missing == [], "untranslated or fuzzy strings in the English catalog"
    mo = polib.mofile(str(CATALOG / "django.mo"))
    compiled = {
        (e.msgctxt, e.msgid): (e.msgstr, tuple(sorted(e.msgstr_plural.items()))) for e in mo
    }
    source = {
        (e.msgctxt, e.msgid): (e.msgstr, tuple(sorted(e.msgstr_plural.items())))
        for e in po.translated_entries()
    }
    assert compiled == source, "django.mo is stale: run `make messages`"


def test_a_phone_set_to_english_still_gets_vietnamese_until_english_is_chosen(client):
    response = client.get("/", headers={"accept-language": "en-US,en;q=0.9"})
    assert '<html lang="vi">' in response.content.decode()
    assert response["Content-Language"] == "vi"


def test_every_string_of_the_code_and_templates_is_in_the_english_catalog(
    settings, tmp_path, monkeypatch
):
    """What `make messages` would extract today: nothing may be missing from the catalog."""
    import shutil

    from django.core.management import call_command

    # makemessages writes into any `locale/` folder it walks past: work on a copy.
    source = tmp_path / "source"
    shutil.copytree(
        settings.BASE_DIR,
        source,
        ignore=shutil.ignore_patterns(".*", "locale", "tests", "staticfiles", "media", "db.*"),
    )
    monkeypatch.chdir(source)
    settings.LOCALE_PATHS = [tmp_path / "extracted"]
    call_command("makemessages", locale=["en"], verbosity=0)

    extracted = polib.pofile(str(tmp_path / "extracted" / "en" / "LC_MESSAGES" / "django.po"))
    catalog = {(e.msgctxt, e.msgid) for e in polib.pofile(str(CATALOG / "django.po"))}
    missing = [e.msgid for e in extracted if (e.msgctxt, e.msgid) not in catalog]
    assert missing == [], "new strings are not in the English catalog: run `make messages`"


def test_djangos_admin_strings_its_own_catalog_lacks_are_vietnamese_too():
    """`Show counts` and friends: our vi catalog fills what Django's misses, compiled."""
    po = polib.pofile(str(CATALOG.parents[1] / "vi" / "LC_MESSAGES" / "django.po"))
    mo = polib.mofile(str(CATALOG.parents[1] / "vi" / "LC_MESSAGES" / "django.mo"))
    assert {e.msgid for e in po} == {e.msgid for e in mo}
    from django.utils import translation

    with translation.override("vi"):
        assert translation.gettext("Show counts") == "Hiện số lượng"
        assert translation.gettext(" By %(filter_title)s ") == " Theo %(filter_title)s "
