"""The staff audit: who changed what, from where, with the old and new values.

Every change to what the public trusts (letters, hotlines, number marks, reply
templates, issuers, provinces, patterns) and to who may change it (accounts,
groups, second-factor devices) is a row of a history table (django-simple-history,
registered in audit.models), read on /admin/audit/ by administrators only.

`audit.origin("lệnh import_advisories")` marks what a management command changes.
"""

from .context import origin

__all__ = ["origin"]
