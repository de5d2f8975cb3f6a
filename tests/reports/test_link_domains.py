"""A link is keyed by the site it leads to, however the scammer or the citizen wrote it.

The key is the registrable domain by the Public Suffix List bundled with
publicsuffixlist (read offline): `login.vietcombank.com.vn` is
`vietcombank.com.vn`, and a link that only looks like the bank's is not.
"""

import socket

import pytest

from reports.used import URL_MAX_LENGTH, link_domain


@pytest.mark.parametrize(
    ("typed", "domain"),
    [
        ("https://vietcombank.com.vn/", "vietcombank.com.vn"),
        ("login.vietcombank.com.vn", "vietcombank.com.vn"),  # no http://, a subdomain
        ("https://Login.VietcomBank.COM.VN:443/dang-nhap?x=1", "vietcombank.com.vn"),
        ("vietcombank-vn.com./dang-nhap", "vietcombank-vn.com"),  # a trailing dot
        ("evil.com:8080/x?next=http://vietcombank.com.vn", "evil.com"),
        ("www.bbc.co.uk/news", "bbc.co.uk"),
        ("shop.evil.github.io/pay", "evil.github.io"),  # a private suffix is a site
        ("hxxps://evil-vcb[.]com/login", "evil-vcb.com"),  # as warnings print it
        ("vcb\uff0ecom\u3002vn", "vcb.com.vn"),  # full-width dots from a phone keyboard
        ("xn--vietcombnk-6qi.com", "xn--vietcombnk-6qi.com"),
        ("https://vcb_login.github.io/", "vcb_login.github.io"),  # browsers take _
    ],
)
def test_a_link_is_keyed_by_its_registrable_domain(typed, domain):
    assert link_domain(typed) == domain


def test_userinfo_before_an_at_sign_is_not_where_the_link_goes():
    assert link_domain("http://vietcombank.com.vn@evil.com/") == "evil.com"
    assert link_domain("https://user:pass@login.evil.com.vn:8443/") == "evil.com.vn"
    assert link_domain("http://evil.com\\@vietcombank.com.vn/") == "evil.com"


def test_a_look_alike_with_a_cyrillic_letter_is_not_the_bank():
    look_alike = link_domain("http://vietcomb\u0430nk.com/")  # Cyrillic а
    assert look_alike.startswith("xn--")
    assert look_alike != link_domain("http://vietcombank.com/")
    assert link_domain("https://VIETCOMB\u0410NK.com") == look_alike  # capital Cyrillic А


def test_a_vietnamese_domain_is_in_its_idna_form():
    assert link_domain("http://ngânhàng.vn/") == "ngânhàng.vn".encode("idna").decode()


@pytest.mark.parametrize(
    ("typed", "key"),
    [
        ("http://192.168.1.10:8080/login", "192.168.1.10"),
        ("103.21.44.5/vcb", "103.21.44.5"),
        ("http://[2001:db8::1]:80/", "2001:db8::1"),
    ],
)
def test_an_ip_address_is_its_own_key(typed, key):
    assert link_domain(typed) == key


@pytest.mark.parametrize(
    "typed", ["", "   ", "chào bạn", "abc", "com.vn", "http://", "a b.com", "a..b.com", "-x-.com"]
)
def test_what_is_not_a_link_gets_a_message_in_vietnamese(typed):
    with pytest.raises(ValueError, match="Hãy ghi đường link"):
        link_domain(typed)


def test_an_overlong_link_is_refused_with_the_limit():
    with pytest.raises(ValueError, match=str(URL_MAX_LENGTH)):
        link_domain("https://evil.com/" + "a" * URL_MAX_LENGTH)


def test_the_suffix_list_is_read_offline(monkeypatch):
    def no_network(*args, **kwargs):
        raise AssertionError("the suffix list was fetched")

    monkeypatch.setattr(socket, "create_connection", no_network)
    monkeypatch.setattr(socket.socket, "connect", no_network)
    assert link_domain("https://a.b.example.com.vn/") == "example.com.vn"
