"""Pieces of the staff second factor (issue 17) that need no database.

The enrolment page shows the otpauth:// URI as a QR code drawn here as inline
SVG (segno, pure Python): nothing is fetched from a CDN, and the secret never
leaves the portal in a third-party image request.
"""

from binascii import unhexlify

import segno
from django_otp.oath import totp


def qr_svg(uri: str) -> str:
    """The URI as an inline <svg> element, for an authenticator app to scan."""
    return segno.make(uri, error="m").svg_inline(scale=4)


def totp_code(hex_key: str) -> str:
    """The six-digit code a TOTP device with this hex key shows now.

    bench/ and the browser tests sign in with it, as a phone would.
    """
    return f"{totp(unhexlify(hex_key)):06d}"


def passkey_rp_id(request):
    """The passkey's relying party: the host name staff sign in on, without its port."""
    from django.http.request import split_domain_port

    domain, _port = split_domain_port(request.get_host())
    return domain
