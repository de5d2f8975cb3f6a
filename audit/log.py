"""The audit log: the history records of every audited model, newest first, with their diffs.

One list across many history tables: a UNION of each table's (date, id, which
table) under the filters, ordered and cut into pages by the database. Then, for
the rows of one page, each table's records in one query (with the id of the
record before each, as a subquery) and those earlier records in a second: two
queries per table on the page, whatever the page's length, and one per kind of
related row named in a change (a province, an issuer…).
"""

import dataclasses
import datetime

from django.contrib.auth.models import Permission
from django.db import models
from django.db.models import OuterRef, Q, Subquery, Value
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from portal.names import full_name

from .models import AUDITED

# What a record's history_type means.
ACTIONS = {
    "+": gettext_lazy("Tạo mới"),
    "~": gettext_lazy("Thay đổi"),
    "-": gettext_lazy("Xóa"),
}
# The old value of a row changed before the audit had a record of it.
UNRECORDED = object()
# A value longer than this (a letter's content) is cut on the page; the CSV has it all.
SHOWN_VALUE = 300


def audited_models():
    """(label, model, history model), in the order of audit.models."""
    return [(model._meta.label_lower, model, model.history.model) for model in AUDITED]


def model_choices():
    return [(label, model._meta.verbose_name) for label, model, _history in audited_models()]


@dataclasses.dataclass
class Filters:
    model: str = ""  # "reports.hotline"; empty: every audited model
    user: str = ""  # a user name, as typed (exact)
    since: datetime.date | None = None  # from this day, in the portal's time zone
    until: datetime.date | None = None  # to this day, included
    object: str = ""  # one object's key (with a model): its whole history


def _day_start(day):
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time()))


def keys(filters):
    """A queryset of (history_date, history_id, table index) over every table, newest first."""
    parts = []
    for index, (label, _model, history) in enumerate(audited_models()):
        if filters.model and filters.model != label:
            continue
        rows = history.objects.all()
        if filters.object and filters.model:
            if not filters.object.isdigit() or len(filters.object) > 18:
                continue  # no object has such a key: nothing matches
            rows = rows.filter(**{_model._meta.pk.attname: int(filters.object)})
        if filters.user:
            rows = rows.filter(
                Q(history_username=filters.user) | Q(history_user__username=filters.user)
            )
        if filters.since:
            rows = rows.filter(history_date__gte=_day_start(filters.since))
        if filters.until:
            rows = rows.filter(
                history_date__lt=_day_start(filters.until + datetime.timedelta(days=1))
            )
        parts.append(
            # No ORDER BY of its own (history tables are ordered): a UNION's parts may have none.
            rows.order_by()
            .annotate(table=Value(index, output_field=models.IntegerField()))
            .values_list("history_date", "history_id", "table")
        )
    if not parts:
        return None
    combined = parts[0].union(*parts[1:], all=True) if len(parts) > 1 else parts[0]
    return combined.order_by("-history_date", "-history_id")


@dataclasses.dataclass
class Change:
    field: str  # the field's name, as staff read it
    old: str
    new: str


@dataclasses.dataclass
class Entry:
    record: models.Model
    model: type
    action: str
    object_label: str
    changes: list

    @property
    def when(self):
        return self.record.history_date

    @property
    def label(self):
        """The model's "app.model", as the page's model filter names it."""
        return self.model._meta.label_lower

    @property
    def object_key(self):
        return getattr(self.record, self.model._meta.pk.attname)

    @property
    def user(self):
        record = self.record
        if record.history_user_id is not None and record.history_user is not None:
            return record.history_user.get_username()
        return record.history_username

    @property
    def person(self):
        """ "Nguyễn Văn An (an.nv)" on the page: the name family name first (portal.names),
        with the account; the username alone when the account has no name or is gone."""
        record = self.record
        if record.history_user_id is None or record.history_user is None:
            return record.history_username
        name, username = full_name(record.history_user), record.history_user.get_username()
        return username if name == username else f"{name} ({username})"

    @property
    def address(self):
        return self.record.client_address or ""

    @property
    def reason(self):
        return self.record.history_change_reason or ""

    @property
    def model_name(self):
        return self.model._meta.verbose_name


def _label(model, record):
    """The changed object, from the record's own values: no query."""
    pk = getattr(record, model._meta.pk.attname)
    for name in ("display_number", "username", "name", "title", "number", "source"):
        if name == "display_number" and hasattr(model, "display_number"):
            return f"{record.number}/{record.symbol} — {record.summary[:60]}"
        if name != "display_number" and hasattr(record, name):
            value = getattr(record, name)
            if value:
                return f"{value} (#{pk})"
    return f"#{pk}"


def _owner_field(model):
    """The `user` a device belongs to (django-otp's devices), or None for other models."""
    from django_otp.models import Device

    if not issubclass(model, Device):
        return None
    return model._meta.get_field("user")


def _fields(history):
    """The audited model's fields in the history table, in the model's order."""
    return [field for field in history.tracked_fields if not field.many_to_many]


def _show(field, value, related, *, full):
    if field.many_to_many:  # a set of related keys
        if not value:
            return "—"
        names = related.get(field.related_model, {})
        return ", ".join(sorted(str(names.get(key, f"#{key}")) for key in value))
    if value is None or value == "":
        return "—"
    if field.is_relation:
        target = related.get(field.related_model, {}).get(value)
        return f"{target} (#{value})" if target is not None else f"#{value}"
    if field.choices:
        return str(dict(field.flatchoices).get(value, value))
    if isinstance(value, bool):
        return _("Có") if value else _("Không")
    if isinstance(value, datetime.datetime):
        return date_format(timezone.localtime(value), "SHORT_DATETIME_FORMAT")
    if isinstance(value, datetime.date):
        return date_format(value, "SHORT_DATE_FORMAT")
    text = str(value)
    if not full and len(text) > SHOWN_VALUE:
        text = text[:SHOWN_VALUE] + "…"
    return text


def _memberships(history, record_ids):
    """{m2m field: {history_id: set of related keys}}: one query per recorded m2m field.

    simple-history keeps, with each record, the rows of the m2m table as they
    were (a user's groups, a body's members); diff_against would read them
    again for each record.
    """
    sets = {}
    for field in history._history_m2m_fields:
        rows = getattr(history, field.name).model.objects.filter(history_id__in=record_ids)
        column = f"{field.m2m_reverse_field_name()}_id"
        found = {}
        for history_id, key in rows.values_list("history_id", column):
            found.setdefault(history_id, set()).add(key)
        sets[field] = found
    return sets


def _raw_changes(history, record, before, memberships):
    """(field, old, new) of what the record changed: every set value when it was created."""
    fields = _fields(history)
    if record.history_type == "-":
        return []
    m2m = [
        (
            field,
            members.get(before.history_id, set()) if before else None,
            members.get(record.history_id, set()),
        )
        for field, members in memberships.items()
    ]
    if before is None:
        # Created: what it was created with. Changed with no record before (a row the
        # migrations made before the audit existed): its values, the old ones unknown.
        old = None if record.history_type == "+" else UNRECORDED
        return [
            (field, old, getattr(record, field.attname))
            for field in fields
            if not field.primary_key and getattr(record, field.attname) not in (None, "")
        ] + [(field, old, new) for field, _old, new in m2m if new]
    # Compared field by field (the stored values, a relation's key): simple-history's
    # diff_against reads values through model_to_dict, which skips fields that are not
    # editable in a form (a hotline's pending changes, a letter's approver).
    return [
        (field, getattr(before, field.attname), getattr(record, field.attname))
        for field in fields
        if not field.primary_key
        and getattr(before, field.attname) != getattr(record, field.attname)
    ] + [(field, old, new) for field, old, new in m2m if old != new]


def _related_names(target, keys):
    """{key: label} of related rows named in the page's changes: one query per kind."""
    if target is Permission:
        rows = Permission.objects.filter(pk__in=keys).select_related("content_type")
        return {row.pk: f"{row.content_type.app_label}.{row.codename}" for row in rows}
    return target._default_manager.in_bulk(keys)


def entries(page_keys, *, full=False):
    """The Entry of each (date, id, table) key, in the keys' order."""
    tables = audited_models()
    wanted = {}
    for _date, history_id, table in page_keys:
        wanted.setdefault(table, []).append(history_id)
    found = {}
    raw = {}
    related_ids = {}
    for table, ids in wanted.items():
        _label_name, model, history = tables[table]
        pk = model._meta.pk.attname
        earlier = history.objects.filter(**{pk: OuterRef(pk)}).filter(
            Q(history_date__lt=OuterRef("history_date"))
            | Q(history_date=OuterRef("history_date"), history_id__lt=OuterRef("history_id"))
        )
        records = list(
            history.objects.filter(history_id__in=ids)
            .select_related("history_user")
            .annotate(
                before_id=Subquery(
                    earlier.order_by("-history_date", "-history_id").values("history_id")[:1]
                )
            )
        )
        before_ids = [record.before_id for record in records if record.before_id is not None]
        before = history.objects.in_bulk(before_ids)
        memberships = _memberships(history, [*ids, *before_ids])
        for record in records:
            earlier_record = before.get(record.before_id)
            changes = _raw_changes(history, record, earlier_record, memberships)
            raw[(table, record.history_id)] = (model, record, changes)
            for field, old, new in changes:
                if field.many_to_many:
                    related_ids.setdefault(field.related_model, set()).update(
                        {*(old if isinstance(old, set) else ()), *(new or ())}
                    )
                elif field.is_relation:
                    related_ids.setdefault(field.related_model, set()).update(
                        value for value in (old, new) if value not in (None, UNRECORDED)
                    )
    # Whose second-factor device (a device's name says nothing of its owner): the owners'
    # names with the other related names, in the same one query per kind.
    owned = [(model, record) for model, record, _changes in raw.values() if _owner_field(model)]
    for model, record in owned:
        related_ids.setdefault(_owner_field(model).related_model, set()).add(record.user_id)
    related = {target: _related_names(target, keys) for target, keys in related_ids.items()}
    for key, (model, record, changes) in raw.items():
        label = _label(model, record)
        owner = _owner_field(model)
        if owner is not None:
            label = f"{label}, {related[owner.related_model].get(record.user_id, '—')}"
        found[key] = Entry(
            record=record,
            model=model,
            action=str(ACTIONS.get(record.history_type, record.history_type)),
            object_label=label,
            changes=[
                Change(
                    str(field.verbose_name),
                    _("chưa ghi")
                    if old is UNRECORDED
                    else _show(field, old, related, full=full)
                    if old is not None
                    else "—",
                    _show(field, new, related, full=full),
                )
                for field, old, new in changes
            ],
        )
    return [found[(table, history_id)] for _date, history_id, table in page_keys]
