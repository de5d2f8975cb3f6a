"""Whatever anyone types or sends, the form and the API answer clearly: never a 500."""

import json
from urllib.parse import urlencode

import pytest
from django.utils.html import escape
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from reports.models import Report
from reports.sms import CompositionError, compose

pytestmark = pytest.mark.django_db

SETTINGS = settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)

# Odd Unicode on purpose: combining marks, RTL, zero-width, emoji, NUL, no-break spaces.
odd = st.sampled_from(
    ["\u0301", "\u202e", "\u200b", "\ufeff", "📞", "\x00", "\u00a0", "\u2028", "𝟘𝟡", "ǅ", "İ", "ß"]
)
text = st.one_of(
    st.text(max_size=60),
    st.lists(st.one_of(st.text(max_size=5), odd), max_size=20).map("".join),
    st.sampled_from(["", " ", "0" * 5000, "x" * 20000, "+84" + "9" * 300, "VCB-BANK", "156"]),
)
kinds = st.one_of(st.sampled_from(["S", "v", "LD", "ld ", ""]), text)
sources = st.one_of(
    st.sampled_from(["0912345678", "+84 912 345 678", "+855 12 345 678", "VCB-BANK", "5656"]), text
)


@SETTINGS
@given(kind=kinds, source=sources, content=text)
def test_compose_gives_an_sms_or_errors_nothing_else(kind, source, content):
    try:
        composition = compose(kind, source, content)
    except CompositionError as error:
        assert error.errors and set(error.errors) <= {"kind", "source", "content"}
        assert all(messages and all(messages) for messages in error.errors.values())
        return
    assert composition.sms.startswith(f"{composition.kind} {composition.source} ")
    assert 1 <= len(composition.content) <= 1000
    assert composition.content == composition.content.strip()
    assert "  " not in composition.sms and "\x00" not in composition.sms
    assert composition.parts["sms"] >= 1 and composition.parts["sms_ascii"] >= 1
    assert composition.encoding["sms"] in ("GSM-7", "UCS-2")


@SETTINGS
@given(
    kind=kinds,
    source=sources,
    content=text,
    province=st.one_of(st.sampled_from(["", "Bình Phước", "dong-nai"]), text),
    occurred_at=st.one_of(st.sampled_from(["", "2024-09-12T14:30", "99999-01-01T00:00"]), text),
    contact=st.one_of(st.just(""), text),
    patterns=st.lists(st.one_of(st.sampled_from(["khoa-sim", "chuyen-tien"]), text), max_size=3),
)
def test_the_form_stores_a_report_or_gives_everything_back(
    client, kind, source, content, province, occurred_at, contact, patterns
):
    data = {
        "kind": kind,
        "source": source,
        "content": content,
        "province": province,
        "occurred_at": occurred_at,
        "contact": contact,
        "consent": "on",
        "patterns": patterns,
    }
    before = Report.objects.count()
    response = client.post("/report/", data)
    assert response.status_code in (302, 400)
    if response.status_code == 302:
        assert Report.objects.count() == before + 1
        assert client.get(response["Location"]).status_code == 200
    else:
        assert Report.objects.count() == before
        html = response.content.decode()
        assert "Phản ánh chưa gửi được" in html
        if "\r" not in source and "\x00" not in source:
            assert f'value="{escape(source)}"' in html or not source


@SETTINGS
@given(
    kind=kinds,
    source=sources,
    content=text,
    province=st.one_of(st.sampled_from(["", "binh-phuoc", "Bình Phước"]), text),
)
def test_the_api_answers_200_or_400_with_errors(client, kind, source, content, province):
    response = client.get(
        "/api/v1/compose",
        {"kind": kind, "source": source, "content": content, "province": province},
    )
    assert response.status_code in (200, 400)
    data = response.json()
    if response.status_code == 400:
        assert data["errors"] and set(data["errors"]) <= {"kind", "source", "content", "province"}
    else:
        assert data["sms"].startswith(data["kind"])


@SETTINGS
@given(code=text)
def test_any_receipt_path_is_a_receipt_or_a_404(client, code):
    from urllib.parse import quote

    path = quote(code, safe="")
    if not path:
        return
    response = client.get(f"/report/{path}/")
    assert response.status_code in (404, 301, 302)


def _assert_form_page_in_vietnamese(response, status):
    assert response.status_code == status
    html = response.content.decode()
    assert "Phản ánh chưa gửi được" in html
    assert 'name="content"' in html  # the form is there to try again
    assert "Bad Request" not in html


def test_the_form_answers_a_body_over_the_memory_limit_in_vietnamese(client, settings):
    big = "x" * (settings.DATA_UPLOAD_MAX_MEMORY_SIZE + 1)
    response = client.post("/report/", {"kind": "LD", "source": "0912345678", "content": big})
    _assert_form_page_in_vietnamese(response, 413)
    assert "quá lớn" in response.content.decode()
    response = client.post(
        "/report/", f"content={big}", content_type="application/x-www-form-urlencoded"
    )
    _assert_form_page_in_vietnamese(response, 413)
    assert Report.objects.count() == 0


def test_the_form_answers_too_many_fields_in_vietnamese(client, settings):
    fields = {f"f{n}": "x" for n in range(settings.DATA_UPLOAD_MAX_NUMBER_FIELDS + 1)}
    _assert_form_page_in_vietnamese(client.post("/report/", fields), 413)


def test_the_form_answers_a_broken_body_in_vietnamese(client):
    response = client.post("/report/", "kind=LD", content_type="multipart/form-data; boundary=")
    _assert_form_page_in_vietnamese(response, 400)
    assert "không đọc được" in response.content.decode()


# What a buggy chatbot or a fuzzer posts: any text, a field repeated, a body over the limit.
HUGE = "x" * (2_621_440 + 1)  # just over DATA_UPLOAD_MAX_MEMORY_SIZE
FIELDS = ["kind", "source", "content", "province", "occurred_at", "contact", "consent"]
values = st.one_of(text, st.lists(text, min_size=1, max_size=3), st.just(HUGE))
report_fields = st.one_of(
    # Mostly what a chatbot means to send, so that reports do get stored...
    st.fixed_dictionaries(
        {
            "kind": st.sampled_from(["S", "v", "LD", "ld "]),
            "source": st.sampled_from(["0912345678", "+84 912 345 678", "VCB-BANK", "5656"]),
            "content": st.text(min_size=1, max_size=200),
        }
    ),
    # ...and anything at all.
    st.fixed_dictionaries({"kind": kinds, "source": sources, "content": text}),
)
json_values = st.recursive(
    st.one_of(st.none(), st.booleans(), st.integers(), st.floats(), text),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(text, inner, max_size=3),
    max_leaves=8,
)


def _assert_api_answer(response, before):
    assert response.status_code in (201, 400, 413), response.content[:300]
    event(f"HTTP {response.status_code}")  # --hypothesis-show-statistics: every branch is hit
    assert response["Content-Type"].startswith("application/json")
    data = response.json()
    if response.status_code == 201:
        assert Report.objects.count() == before + 1
        report = Report.objects.get(code=data["code"])
        assert data["sms"] == report.composition().sms
        return
    assert Report.objects.count() == before
    assert set(data) == {"errors"} and data["errors"]
    for name, messages in data["errors"].items():
        assert isinstance(name, str)
        assert messages and all(isinstance(m, str) and m for m in messages)


@SETTINGS
@given(
    good=report_fields,
    extra=st.dictionaries(st.sampled_from([*FIELDS, "patterns", "x", "kind"]), values, max_size=4),
    encoding=st.sampled_from(["multipart", "urlencoded"]),
)
def test_the_report_api_stores_one_report_or_answers_errors(client, good, extra, encoding):
    data = {**good, **extra}
    before = Report.objects.count()
    if encoding == "multipart":
        response = client.post("/api/v1/reports", data)
    else:
        response = client.post(
            "/api/v1/reports",
            urlencode(data, doseq=True),
            content_type="application/x-www-form-urlencoded",
        )
    _assert_api_answer(response, before)


@SETTINGS
@given(
    body=st.one_of(
        st.dictionaries(st.sampled_from([*FIELDS, "patterns", "evidence"]), json_values),
        report_fields,
        st.builds(
            lambda fields, extra: {**fields, **extra},
            report_fields,
            st.dictionaries(
                st.sampled_from([*FIELDS, "patterns", "evidence"]), json_values, max_size=3
            ),
        ),
        json_values,
    )
)
def test_the_report_api_takes_any_json_without_a_500(client, body):
    before = Report.objects.count()
    response = client.post("/api/v1/reports", json.dumps(body), content_type="application/json")
    _assert_api_answer(response, before)
