"""The API speaks its client's language: an English chatbot gets English, a phone's page Vietnamese.

Pages ignore Accept-Language on purpose (many phones are set to English while
their owners read Vietnamese). API clients are programs that ask for a
language deliberately: the language cookie still wins, then Accept-Language
when it prefers a language we have, then Vietnamese.
"""

import pytest

pytestmark = pytest.mark.django_db

VI = "Loại phản ánh phải là S (tin nhắn rác), V (cuộc gọi rác) hoặc LD (lừa đảo)."
EN = "Report type must be S (spam text), V (spam call) or LD (scam)."


def kind_error(client, **headers):
    response = client.get(
        "/api/v1/compose", {"kind": "Q", "source": "0912345678", "content": "alo"}, **headers
    )
    assert response.status_code == 400
    return response.json()["errors"]["kind"][0]


@pytest.mark.parametrize(
    "accept", ["en", "en-US", "en-GB,en;q=0.9", "fr-FR, fr;q=0.9, en;q=0.8", "vi;q=0.4, en;q=0.9"]
)
def test_an_english_speaking_bot_gets_english(client, accept):
    assert kind_error(client, HTTP_ACCEPT_LANGUAGE=accept) == EN


@pytest.mark.parametrize("accept", [None, "", "fr", "vi-VN", "en;q=0.5, vi", "*", "zz-!!"])
def test_anything_else_gets_vietnamese(client, accept):
    headers = {} if accept is None else {"HTTP_ACCEPT_LANGUAGE": accept}
    assert kind_error(client, **headers) == VI


def test_the_language_cookie_wins_over_accept_language(client):
    client.cookies["django_language"] = "vi"
    assert kind_error(client, HTTP_ACCEPT_LANGUAGE="en") == VI
    client.cookies["django_language"] = "en"
    assert kind_error(client, HTTP_ACCEPT_LANGUAGE="vi") == EN
    assert kind_error(client) == EN


def test_a_wrong_method_answers_in_the_bots_language_too(client):
    response = client.put("/api/v1/provinces", HTTP_ACCEPT_LANGUAGE="en")
    assert response.json()["errors"]["__all__"][0].startswith("Method PUT is not allowed")


def test_api_answers_tell_caches_what_they_vary_on(client):
    response = client.get("/api/v1/provinces", HTTP_ACCEPT_LANGUAGE="en")
    vary = {item.strip().lower() for item in response["Vary"].split(",")}
    assert {"accept-language", "cookie"} <= vary
    assert response["Content-Language"] == "en"


def test_pages_still_ignore_the_phones_accept_language(client):
    response = client.get("/report/", HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9")
    assert response["Content-Language"] == "vi"
    assert "Phản ánh cuộc gọi, tin nhắn lừa đảo" in response.content.decode()
