"""Values every page's layout needs."""

from django.core.exceptions import DisallowedHost


def site_root(request):
    """`https://canhbao.example.vn`, for the share card; None when the Host is not ours.

    The 400 page answers a request whose Host header is not in ALLOWED_HOSTS:
    asking for the host again there would raise once more and turn it into a 500.
    """
    try:
        return {"site_root": f"{request.scheme}://{request.get_host()}"}
    except DisallowedHost:
        return {"site_root": None}
