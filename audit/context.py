"""Who or what is changing things now: a request (its user and address) or a command.

django-simple-history's middleware tells it the request's user; the client's
address and a command's name are ours, set here and copied into each history
record by audit.models.fill_record.
"""

import contextlib
import contextvars
import ipaddress

from simple_history.models import HistoricalRecords

# The reason of the innermost origin(): "lệnh import_advisories".
_origin = contextvars.ContextVar("audit_origin", default=None)


@contextlib.contextmanager
def origin(reason):
    """Records made inside are marked with `reason` and no user, no address.

    For management commands: the change was made by the command, on the
    server, not by someone's request. Nested calls keep the outermost reason
    (load_reference_data runs import_advisories: the letters were loaded by it).
    """
    token = _origin.set(_origin.get() or str(reason))
    try:
        yield
    finally:
        _origin.reset(token)


def current_origin():
    return _origin.get()


def current_request():
    """The request being answered (simple-history's middleware keeps it), or None."""
    return getattr(HistoricalRecords.context, "request", None)


def client_address(request):
    """The client's full address as the outermost trusted proxy saw it, or None.

    portal.clients decides which address to believe (REPORT_TRUSTED_PROXIES);
    the audit keeps the whole address, not the /64 throttling counts, and only
    if it is one.
    """
    from portal.clients import seen_address

    text = seen_address(request).strip().strip("[]")
    try:
        address = ipaddress.ip_address(text)
    except ValueError:
        return None
    if address.version == 6 and address.ipv4_mapped:
        return str(address.ipv4_mapped)
    return str(address)


def record_attrs(user=None):
    """(user, change reason, extra fields) for records made now, outside the signal.

    bulk_*_with_history sends no pre_create_historical_record: audit.bulk
    passes these as its default_user, default_change_reason and
    custom_historical_attrs.
    """
    reason = current_origin()
    if reason:
        return None, reason, {"client_address": None, "history_username": ""}
    request = current_request()
    if user is None and request is not None and request.user.is_authenticated:
        user = request.user
    address = client_address(request) if request is not None else None
    username = user.get_username() if user is not None else ""
    return user, "", {"client_address": address, "history_username": username}
