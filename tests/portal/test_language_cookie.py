"""Anh Tuấn picks English in the header: the cookie that remembers it is not handed to other sites.

SameSite=Lax keeps it off requests another site starts (a form posting to us);
no script reads it, so it is HttpOnly too.
"""

import pytest

pytestmark = pytest.mark.django_db


def test_the_language_cookie_is_same_site_and_out_of_scripts_reach(client):
    response = client.post("/i18n/setlang/", {"language": "en", "next": "/report/"})
    assert response.status_code == 302
    cookie = response.cookies["django_language"]
    assert cookie.value == "en"
    header = cookie.output().lower()
    assert "samesite=lax" in header
    assert "httponly" in header
