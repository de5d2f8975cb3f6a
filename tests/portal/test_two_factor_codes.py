"""The enrolment QR code is inline SVG, and codes follow RFC 6238."""

import time_machine

from portal.two_factor import qr_svg, totp_code

# RFC 6238's SHA-1 test key ("12345678901234567890"), in hex.
RFC_KEY = "3132333435363738393031323334353637383930"


def test_the_qr_code_is_inline_svg_with_nothing_to_fetch():
    svg = qr_svg("otpauth://totp/Canhbao:thanh?secret=GEZDGNBVGY3TQOJQ&issuer=Canhbao")
    assert svg.startswith("<svg")
    assert "http" not in svg.replace("http://www.w3.org/2000/svg", "")


def test_the_code_is_the_one_an_authenticator_shows():
    # RFC 6238 appendix B: at 59 s the 8-digit code is 94287082; six digits: 287082.
    with time_machine.travel(59, tick=False):
        assert totp_code(RFC_KEY) == "287082"
