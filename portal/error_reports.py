"""What Django's debug error page may show: never a password, whatever holds it.

Django hides a setting or a request variable by its name (KEY, SECRET,
PASS, TOKEN…). A connection URL escapes that: `DATABASE_URL` and
`REDIS_URL` carry their password inside the value (`postgres://portal:…@db`),
and so does the cache's LOCATION built from it. The debug page only ever
shows on a developer's machine (DJANGO_DEBUG is off unless set), but a
developer's machine may point at a shared database too: every URL-shaped
value has its password masked, in settings, in the request's environment
and in the traceback's local variables.
"""

import re

from django.views.debug import SafeExceptionReporterFilter

# scheme://user:password@ — the user is kept (it helps to read the page), the password not.
CREDENTIALS = re.compile(r"(?P<head>\b[a-z][a-z0-9+.-]*://[^:/@\s]*:)[^@/\s]+@", re.IGNORECASE)


def mask_credentials(text, substitute=SafeExceptionReporterFilter.cleansed_substitute):
    """`redis://:s3cret@cache:6379/0` → `redis://:********************@cache:6379/0`."""
    return CREDENTIALS.sub(lambda match: f"{match['head']}{substitute}@", text)


class CredentialFilter(SafeExceptionReporterFilter):
    """Django's filter, and passwords inside URLs masked wherever they appear."""

    def cleanse_setting(self, key, value):
        # Django's own recursion (dicts, lists) comes back here for every item.
        value = super().cleanse_setting(key, value)
        if isinstance(value, str):  # a lazy string too: masked only if there is something to mask
            masked = mask_credentials(str(value), self.cleansed_substitute)
            return value if masked == str(value) else masked
        return value

    def get_traceback_frame_variables(self, request, tb_frame):
        return [
            (name, self.cleanse_setting(name, value))
            for name, value in super().get_traceback_frame_variables(request, tb_frame)
        ]
