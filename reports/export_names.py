"""An export's file name: what it holds at a glance, `phan-anh_dak-lak_dang-mo_2026-12-07.xlsx`.

Four parts, ASCII only (a police officer's mail client, an operator's file
share): the province, the list's filter in a word or two, the day it was
asked for in Vietnam, and the format. Never the list's search (it may be a
receipt code or a citizen's own number), never a receipt code.

- province: the list's province filter, else the requester's scope when the
  file was written (one province, `toan-quoc` for national staff, else
  `nhieu-tinh`);
- filter: `da-chon` for rows ticked by hand; the state (`moi-tiep-nhan`, or
  `dang-mo` for the dashboard's open states), the kind, the number
  (`so-0912345678`) of a "Xuất CSV" from a number's page, `loc` for any other
  filter, `tim-kiem` for a search alone, `tat-ca` for the whole list.
"""

import re
import unicodedata
from zoneinfo import ZoneInfo

from django.http import QueryDict
from django.utils import translation

VIETNAM = ZoneInfo("Asia/Ho_Chi_Minh")
PART_MAX = 40  # characters of one part: a name stays readable in a download bar


def ascii_slug(text):
    """`Đang mở` → `dang-mo`: Vietnamese letters without their marks (đ included), dashes."""
    text = str(text).replace("đ", "d").replace("Đ", "D")
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")[:PART_MAX].strip("-")


def _province(params, scope):
    from advisories.models import Province

    chosen = ascii_slug(params.get("province", ""))
    if chosen:
        return chosen
    if scope == "all":
        return "toan-quoc"
    ids = [int(pk) for pk in scope.split(",") if pk.isdigit()]
    if len(ids) == 1:
        slug = Province.objects.filter(pk=ids[0]).values_list("slug", flat=True).first()
        if slug:
            return ascii_slug(slug)
    return "nhieu-tinh" if ids else "toan-quoc"


def _states(value):
    from .dashboard import OPEN_STATES
    from .models import Report

    states = [state for state in value.split(",") if state]
    if set(states) == set(OPEN_STATES):
        return "dang-mo"
    labels = dict(Report.Status.choices)
    with translation.override("vi"):
        return "-".join(ascii_slug(labels.get(state, state)) for state in states)


def _filter(params, select_across):
    if not select_across:
        return "da-chon"
    words, other = [], False
    for name in sorted(params):
        value = params.get(name, "")
        if name in ("province", "q") or not value:
            continue
        if name in ("status__exact", "status__in"):
            words.append(_states(value))
        elif name == "kind__exact":
            words.append(ascii_slug(value))
        elif name == "source__exact":
            words.append("so-" + ascii_slug(value))
        else:
            other = True
    if other:
        words.append("loc")
    if not words and params.get("q"):
        words.append("tim-kiem")
    return ascii_slug("-".join(word for word in words if word)) or "tat-ca"


def file_name(export, fmt):
    """The name the file is downloaded under (reports.admin.exports.download_export)."""
    params = QueryDict(export.query or "")
    day = export.created_at.astimezone(VIETNAM).date().isoformat()
    parts = [
        "phan-anh",
        _province(params, export.scope or ""),
        _filter(params, export.select_across),
        day,
    ]
    return "_".join(parts) + f".{fmt}"
