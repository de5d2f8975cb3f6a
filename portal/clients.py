"""Who is asking: the client's address, behind as many proxies as we trust.

Used by report throttling and by the admin's login lockout (django-axes), so
that both count the same client the same way.

An IPv6 client gets a whole /64 (or more) from its provider and may pick any
address inside it for each request: counted address by address, 30 of 30
reports passed a limit of 5 and 20 wrong passwords never locked. So an IPv6
client is its network prefix (CLIENT_IPV6_PREFIX, /64 by default).

A household or small office often gets a /56 (256 /64s) and may spread over
several of them: 40 /64s of one /56 passed a limit of 5 a minute. So report
throttling also counts the wider network (`client_network`,
CLIENT_IPV6_WIDE_PREFIX, /56 by default), with a higher limit
(reports/throttle.py). IPv4 has no such wider count: an IPv4 address is
already shared by a whole household.
"""

import ipaddress

from django.conf import settings


def seen_address(request):
    """REMOTE_ADDR, or with REPORT_TRUSTED_PROXIES = n the n-th address from the right
    of X-Forwarded-For: the one the outermost trusted proxy received; anything left of
    it can be forged by the client. As written, unchecked."""
    address = request.META.get("REMOTE_ADDR", "")
    proxies = settings.REPORT_TRUSTED_PROXIES
    if proxies:
        forwarded = [
            part.strip() for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")
        ]
        forwarded = [part for part in forwarded if part]
        if len(forwarded) >= proxies:
            address = forwarded[-proxies]
    return address


def client_ip(request):
    """The client's address as counted: IPv4 as is, IPv6 as its prefix; None if unreadable."""
    return counted_address(seen_address(request))


def client_network(request):
    """The wider IPv6 network the client is in (`2001:db8:ab::/56`); None for IPv4, for an
    unreadable address, or when the wide prefix is no wider than the client's own."""
    if settings.CLIENT_IPV6_WIDE_PREFIX >= settings.CLIENT_IPV6_PREFIX:
        return None
    address = _parse(seen_address(request))
    if address is None or address.version == 4 or address.ipv4_mapped:
        return None
    return str(ipaddress.IPv6Network((address, settings.CLIENT_IPV6_WIDE_PREFIX), strict=False))


def _parse(text):
    try:
        return ipaddress.ip_address(text.strip().strip("[]"))
    except ValueError:
        return None


def counted_address(text):
    """`2001:db8:1:2:a:b:c:d` → `2001:db8:1:2::` (/64); `::ffff:203.0.113.7` → `203.0.113.7`."""
    address = _parse(text)
    if address is None:
        return None
    if address.version == 4:
        return str(address)
    if address.ipv4_mapped:  # a dual-stack socket's view of an IPv4 client
        return str(address.ipv4_mapped)
    network = ipaddress.IPv6Network((address, settings.CLIENT_IPV6_PREFIX), strict=False)
    return str(network.network_address)
