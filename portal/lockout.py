"""The admin's login lockout: per account and address, per account, per address.

django-axes records each failed login (user name, address, browser) and
locks when a count reaches AXES_FAILURE_LIMIT. Counted per user name and
address only, as the portal did, 28 wrong passwords over 7 accounts from one
address locked nothing, and a guesser rotating addresses was never locked.
Three counts now apply, each within the cool-off (15 minutes) and each with
its own limit:

- one account from one address: AXES_FAILURE_LIMIT (5): someone guessing
  Lan's password;
- one address, any account: LOGIN_ADDRESS_FAILURE_LIMIT (10): someone trying
  one password on many accounts (an office's staff behind one address do
  not mistype 10 times in 15 minutes);
- one account, any address: LOGIN_ACCOUNT_FAILURE_LIMIT (20): a guesser
  rotating addresses (or /64s).

The third is a way to lock an inspector out on purpose: whoever knows her
user name can send 20 wrong passwords from anywhere. So it does not apply
to an address from which that account signed in within the past
LOGIN_KNOWN_ADDRESS_DAYS (30: her office, her home), where only the first
two counts hold; a lock is cleared at once with `manage.py
axes_reset_username <name>` (or by a superuser in the admin's access
attempts). An IPv6 address is its /64 (portal.clients).

axes compares one number with one limit, and cannot tell which count
reached it: `get_failures` answers the account-and-address count, or the
limit itself once one of the other two reached its own. A successful login
forgets that account's failures, from every address, and no one else's (axes
would forget every failure from the address, so a guesser holding one account
could wipe the per-address count by signing in between guesses).
"""

from datetime import timedelta

from axes.attempts import get_cool_off_threshold
from axes.handlers.database import AxesDatabaseHandler
from axes.helpers import get_client_username
from axes.models import AccessAttempt, AccessLog
from django.conf import settings
from django.db.models import Q, Sum
from django.utils import timezone


def counts(username, address, since):
    """Failures since `since`: (this account from this address, this account, this address)."""
    mine, here = Q(username=username), Q(ip_address=address)
    sums = (
        AccessAttempt.objects.filter(attempt_time__gte=since)
        .filter(mine | here)
        .aggregate(
            pair=Sum("failures_since_start", filter=mine & here, default=0),
            account=Sum("failures_since_start", filter=mine, default=0),
            address=Sum("failures_since_start", filter=here, default=0),
        )
    )
    return sums["pair"], sums["account"], sums["address"]


def known_address(username, address):
    """Did this account sign in from this address (as counted) within the past days?"""
    since = timezone.now() - timedelta(days=settings.LOGIN_KNOWN_ADDRESS_DAYS)
    return AccessLog.objects.filter(
        username=username, ip_address=address, attempt_time__gte=since
    ).exists()


class LockoutHandler(AxesDatabaseHandler):
    """axes' database handler with three counts and their own limits (see the module)."""

    def get_failures(self, request, credentials=None):
        username = get_client_username(request, credentials)
        address = request.axes_ip_address
        pair, account, from_address = counts(username, address, get_cool_off_threshold(request))
        limit = settings.AXES_FAILURE_LIMIT
        if from_address >= settings.LOGIN_ADDRESS_FAILURE_LIMIT:
            return max(pair, limit)
        if account >= settings.LOGIN_ACCOUNT_FAILURE_LIMIT and not known_address(username, address):
            return max(pair, limit)
        return pair

    def user_logged_in(self, sender, request, user, **kwargs):
        """Recorded when the second step passes (portal.second_factor), not at the password.

        At the password step nothing is recorded: otherwise a guesser holding the
        password would wipe the account's failed codes by signing in again between
        guesses, and make their address a "known" one for the account.
        """
        if request is not None and not getattr(request, "portal_second_factor_passed", False):
            return None
        return super().user_logged_in(sender, request, user, **kwargs)

    def reset_user_attempts(self, request, credentials=None):
        username = get_client_username(request, credentials)
        count, _ = AccessAttempt.objects.filter(username=username).delete()
        return count
