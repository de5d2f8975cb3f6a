"""Set-based changes that the audit still records: use these, not queryset.update().

update() and bulk_create() send no signal, so simple-history records nothing
(the admin's letter publishing wrote no entry at all). These wrap
simple-history's bulk_*_with_history: one UPDATE or INSERT per batch for the
rows, one INSERT per batch for their history, each record with the request's
user and address, or the command of audit.origin().
"""

from simple_history.utils import bulk_create_with_history, bulk_update_with_history

from .context import record_attrs


def bulk_update(objs, fields, *, user=None, batch_size=None):
    """Save `fields` of `objs` (instances already changed in memory); returns the count."""
    objs = list(objs)
    if not objs:
        return 0
    by, reason, attrs = record_attrs(user)
    return bulk_update_with_history(
        objs,
        type(objs[0]),
        fields,
        batch_size=batch_size,
        default_user=by,
        default_change_reason=reason,
        custom_historical_attrs=attrs,
    )


def bulk_create(objs, *, user=None, batch_size=None):
    """Insert `objs`; returns them with their keys."""
    objs = list(objs)
    if not objs:
        return []
    by, reason, attrs = record_attrs(user)
    return bulk_create_with_history(
        objs,
        type(objs[0]),
        batch_size=batch_size,
        default_user=by,
        default_change_reason=reason,
        custom_historical_attrs=attrs,
    )
