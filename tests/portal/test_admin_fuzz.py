"""Whatever a staff member puts in an admin address or an action, the admin answers without a 5xx.

The outside review's fuzzer got 203 500s of 7,448 requests on SQLite (168 of
7,148 on PostgreSQL), all in admin. Here hypothesis draws list addresses for
each staff role (publisher, inspector, supervisor, national inspector,
administrator, superuser): parameter names from each list's real filters,
date hierarchy and search, mixed with hostile lookups (`__regex`, `__year`,
a relation walked to a password...), and values from the edges (ids above
2^63, `abc`, `1.5`, years 0 and 10000, bad regexes, 1,000 words, odd Unicode);
then action posts with odd `_selected_action`, `index` and `select_across`.
CI runs the suite on SQLite and on PostgreSQL, so this runs on both.

Besides "no 5xx": nothing outside the role's scope ever shows (Hà Nội's
reports to a Đắk Lắk inspector, Ninh Bình's draft to a Đắk Lắk publisher), a
refusal shows no row at all, and an action never changes a row outside it.
"""

import os
from urllib.parse import parse_qsl, urlencode

import pytest
from django.contrib import admin
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from reports.models import Report

from . import admin_data
from .admin_data import ROLE_NAMES, person, reports_on_both_sides

pytestmark = pytest.mark.django_db

# 35 examples: about 3 s a role and a test here, the whole file under a minute a database.
# FUZZ_EXAMPLES=250 for a longer hunt (3,000 requests: 0 errors on both databases).
FUZZ = settings(
    max_examples=int(os.environ.get("FUZZ_EXAMPLES", "35")),
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)

# Values by the kind of mistake they are, each where it hurts most (a uniform draw over
# every name and every value found none of the review's 500s in a few hundred requests).
ids = st.sampled_from(["abc", "1.5", "-1", "0", str(2**63), str(2**70), "9" * 30, "²", "١٢", ""])
dates = st.sampled_from(
    [
        "0001-01-01",  # naive: year 0 once in UTC
        "0001-01-01 00:00:00+07:00",
        "9999-12-31 23:00:00-07:00",  # year 10000 in UTC
        "10000-01-01",
        "2026-02-30",
        "2026-11-18 00:00:00+07:00",
        "abc",
    ]
)
years = st.sampled_from(["0", "1", "9999", "10000", "-1", "2026", "²", "1e3"])
regexes = st.sampled_from(["(", "[z-a]", "\\", "*", "a{2,1}", "(?P<", "x"])
searches = st.sampled_from(
    [
        " ".join(["lừa"] * 1000),  # the review's 1,000 words
        "x" * 5000,
        " ".join(f"tu{n}" for n in range(11)),
        "0912 345 678",
        "'",
        "%",
        "\\",
        '"',
    ]
)
odd_text = st.one_of(
    st.text(max_size=12),
    st.sampled_from(["🙂", "\u202e", "\u0301", "ǅ", "İ", "ß", "\u200b", "\u00a0", " ", ","]),
)
lists_of_ids = st.lists(ids, min_size=1, max_size=12).map(",".join)
TRAVERSALS = [
    "assigned_to__password__startswith",
    "issuer__members__password__startswith",
    "user__password__startswith",
    "groups__permissions__codename__regex",
    "province__name__regex",
    "patterns__slug__in",
    "pk__in",
    "id__gt",
    "nosuchfield",
]
REPEAT_NAMES = ["days", "kind", "o", "province"]
CONTROL_NAMES = ["o", "p", "all", "_facets", "e", "_popup", "_to_field"]


def suffixed(fields, suffixes):
    return st.builds(
        lambda field, suffix: f"{field}__{suffix}",
        st.sampled_from(fields),
        st.sampled_from(suffixes),
    )


@st.composite
def list_address(draw, lists):
    """A list and one to four parameters, each an attack of one kind."""
    url, names, offered, fields = draw(st.sampled_from(lists))
    anything = st.one_of(ids, dates, years, regexes, odd_text, st.sampled_from(offered or [""]))
    own = st.sampled_from(names or ["q"])
    pair = st.one_of(
        st.tuples(own, anything),  # the list's own filters, odd values
        st.tuples(own, st.sampled_from(offered or [""])),  # and what they offer
        st.tuples(suffixed(fields, ["regex", "iregex"]), regexes),
        st.tuples(suffixed(fields, ["year", "iso_year", "week_day", "month", "day"]), years),
        st.tuples(
            suffixed(fields, ["in", "exact", "gt", "lte", "gte", "lt"]),
            st.one_of(ids, dates, lists_of_ids),
        ),
        st.tuples(suffixed(fields, ["contains", "startswith", "isnull", "date"]), anything),
        st.tuples(st.sampled_from(TRAVERSALS), anything),
        st.tuples(st.just("q"), st.one_of(searches, odd_text)),
        st.tuples(st.sampled_from(CONTROL_NAMES), anything),
    )
    return url, draw(st.lists(pair, min_size=1, max_size=4))


@pytest.fixture
def scene(client):
    """Both sides of every scope, and where each role must not look."""
    reports = reports_on_both_sides()
    admin_data.letter("stttt-dak-lak", "thư của Đắk Lắk", published=False)
    hidden_letter = admin_data.letter("stttt-ninh-binh", "bản nháp của Ninh Bình", published=False)
    return {"reports": reports, "hidden_letter": hidden_letter}


def lists_of(client):
    """(address, names its filters use, values they offer, its model's fields) of each list."""
    found = []
    for model in sorted(admin.site._registry, key=lambda model: model._meta.label):
        url = f"/admin/{model._meta.app_label}/{model._meta.model_name}/"
        response = client.get(url)
        if response.status_code != 200:
            continue
        changelist = response.context["cl"]
        names = [name for spec in changelist.filter_specs for name in spec.expected_parameters()]
        if changelist.date_hierarchy:
            names += [f"{changelist.date_hierarchy}__{part}" for part in ("year", "month", "day")]
        names += list(changelist.model_admin.allowed_lookups)
        offered = [
            value
            for spec in changelist.filter_specs
            for choice in spec.choices(changelist)
            for _name, value in parse_qsl(choice["query_string"].lstrip("?"))
        ]
        fields = [field.name for field in model._meta.get_fields() if field.concrete]
        found.append((url, names, offered, fields))
        if model is Report:  # the report list's own screens, with their own parameters
            found.append(
                (f"{url}repeat-numbers/", REPEAT_NAMES, ["all", "7", "S", "-reports"], fields)
            )
            found.append((f"{url}number/", ["source"], ["0912345678", "VCB-BANK"], fields))
    return found


def hidden_from(role, scene):
    """Text that must never reach this role: rows outside its scope."""
    if role in ("inspector", "supervisor"):
        return [report.code for report in scene["reports"]["ha-noi"]]
    if role == "publisher":
        return ["bản nháp của Ninh Bình", scene["hidden_letter"].slug]
    return []


def body(response):
    if response.streaming:
        return b"".join(response.streaming_content).decode(errors="replace")
    return response.content.decode(errors="replace")


def outside_state(role, scene):
    """What an action must leave unchanged: the rows outside the role's scope."""
    if role in ("inspector", "supervisor"):
        ids = [report.pk for report in scene["reports"]["ha-noi"]]
        return list(
            Report.objects.filter(pk__in=ids)
            .order_by("pk")
            .values_list("pk", "status", "assigned_to", "contact")
        )
    if role == "publisher":
        hidden = scene["hidden_letter"]
        return list(type(hidden).objects.filter(pk=hidden.pk).values_list("status", "summary"))
    return []


def assert_answered(response, role, scene):
    assert response.status_code < 500, response.status_code
    assert response.status_code in (200, 302, 400, 403, 404), response.status_code
    event(f"HTTP {response.status_code}")
    text = body(response)
    for secret in hidden_from(role, scene):
        assert secret not in text, secret
    if response.status_code == 400:
        # A refusal shows nothing of the list: no report, no letter of any scope.
        assert "Giả danh công an" not in text and "thư của Đắk Lắk" not in text


@pytest.mark.parametrize("role", ROLE_NAMES)
def test_any_admin_list_address_is_answered_without_a_5xx(client, scene, role):
    client.force_login(person(role))
    lists = lists_of(client)
    assert lists  # every staff role sees at least one list

    @FUZZ
    @given(data=st.data())
    def fuzz(data):
        url, pairs = data.draw(list_address(lists))
        response = client.get(f"{url}?{urlencode(pairs)}")
        assert_answered(response, role, scene)

    fuzz()


@pytest.mark.parametrize("role", ROLE_NAMES)
def test_any_admin_action_or_edit_post_is_answered_without_a_5xx(client, scene, role):
    user = person(role)
    client.force_login(user)
    lists = [found for url, *_rest in lists_of(client) if (found := _posts_of(client, url))]
    real_ids = [str(report.pk) for side in scene["reports"].values() for report in side]
    real_ids += [str(scene["hidden_letter"].pk), str(user.pk)]
    before = outside_state(role, scene)

    @FUZZ
    @given(data=st.data())
    def fuzz(data):
        url, actions, editable = data.draw(st.sampled_from(lists))
        rows = st.lists(st.one_of(st.sampled_from(real_ids), ids), max_size=4)
        if editable and data.draw(st.booleans()):
            form = _edit(data.draw(rows), editable, data.draw(st.lists(odd_text, max_size=4)))
        else:
            action = data.draw(st.one_of(st.sampled_from(actions), st.sampled_from(["", "nope"])))
            form = {"action": action, "_selected_action": data.draw(rows)}
            for name, choices in (
                ("index", ["0", "1", "abc", "-1", "99"]),
                ("select_across", ["0", "1", "abc"]),
                ("post", ["yes", "no"]),
            ):
                if data.draw(st.booleans()):
                    form[name] = data.draw(st.sampled_from(choices))
            if action == "delete_selected":
                form.pop("post", None)  # the confirmation page only: Django's deletion follows
        query = data.draw(st.sampled_from(["", "?status__exact=new", "?q=" + "a " * 500]))
        response = client.post(url + query, form)
        assert_answered(response, role, scene)
        assert outside_state(role, scene) == before

    fuzz()


def _posts_of(client, url):
    """(address, its actions, the fields edited in place) of a list that takes a post, or None."""
    response = client.get(url)
    if response.status_code != 200 or response.context.get("cl") is None:
        return None  # not a list (the repeat-numbers screen)
    action_form = response.context.get("action_form")
    actions = (
        [name for name, _label in action_form.fields["action"].choices if name]
        if action_form
        else []
    )
    editable = list(response.context["cl"].list_editable)
    return (url, actions or [""], editable) if actions or editable else None


def _edit(rows, editable, values):
    """A post of the list's in-place edit (list_editable) for these row ids and values."""
    form = {
        "_save": "Lưu",
        "form-TOTAL_FORMS": str(len(rows)),
        "form-INITIAL_FORMS": str(len(rows)),
    }
    for index, row in enumerate(rows):
        form[f"form-{index}-id"] = row
        for number, name in enumerate(editable):
            form[f"form-{index}-{name}"] = values[number % len(values)] if values else ""
    return form
