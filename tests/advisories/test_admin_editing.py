"""A publisher writes a letter in the admin: Vietnamese validation, stamps, a stable address."""

import datetime

import pytest

from advisories.models import Advisory, Organization

pytestmark = pytest.mark.django_db

ADMIN = "/admin/advisories/advisory/"


@pytest.fixture
def ninh_binh():
    return Organization.objects.get(slug="stttt-ninh-binh")


def test_a_month_precision_date_cannot_carry_a_day(
    as_user, ninh_binh_publisher, ninh_binh, admin_form_data
):
    response = as_user(ninh_binh_publisher).post(
        f"{ADMIN}add/", admin_form_data(ninh_binh, date_precision="month", issued_day=15)
    )

    assert response.status_code == 200
    form = response.context["adminform"].form
    assert form.errors["issued_day"] == [
        "Ngày ban hành chỉ chính xác đến tháng thì không được ghi ngày."
    ]
    assert "Ngày ban hành chỉ chính xác đến tháng thì không được ghi ngày." in (
        response.content.decode()
    )
    assert not Advisory.objects.exists()


def test_a_day_precision_date_needs_a_real_day(
    as_user, ninh_binh_publisher, ninh_binh, admin_form_data
):
    response = as_user(ninh_binh_publisher).post(
        f"{ADMIN}add/",
        admin_form_data(ninh_binh, date_precision="day", issued_day=30, issued_month=2),
    )
    assert response.context["adminform"].form.errors["issued_day"] == [
        "Tháng 2 năm 2024 không có ngày 30."
    ]


def test_saving_stamps_who_created_and_who_changed_and_makes_an_address(
    as_user, ninh_binh_publisher, administrator, ninh_binh, admin_form_data
):
    response = as_user(ninh_binh_publisher).post(f"{ADMIN}add/", admin_form_data(ninh_binh))
    assert response.status_code == 302
    letter = Advisory.objects.get()
    assert letter.created_by == ninh_binh_publisher
    assert letter.updated_by == ninh_binh_publisher
    assert letter.slug == "2024-02-stttt-ninh-binh-canh-bao-cac-cuoc-goi-mao-danh"
    assert letter.status == Advisory.Status.DRAFT and letter.published_at is None

    # The same summary again gets its own address.
    as_user(ninh_binh_publisher).post(f"{ADMIN}add/", admin_form_data(ninh_binh))
    assert Advisory.objects.filter(slug=f"{letter.slug}-2").exists()

    as_user(administrator).post(
        f"{ADMIN}{letter.pk}/change/",
        admin_form_data(ninh_binh, slug=letter.slug, summary="đã sửa"),
    )
    letter.refresh_from_db()
    assert letter.summary == "đã sửa"
    assert letter.created_by == ninh_binh_publisher
    assert letter.updated_by == administrator


def test_a_posted_status_does_not_publish(as_user, ninh_binh_publisher, ninh_binh, admin_form_data):
    """State changes only through the actions: the form has no status any more."""
    client = as_user(ninh_binh_publisher)
    form = client.get(f"{ADMIN}add/").context["adminform"].form
    assert "status" not in form.fields and "published_at" not in form.fields

    client.post(f"{ADMIN}add/", admin_form_data(ninh_binh, status="published"))

    letter = Advisory.objects.get()
    assert (letter.status, letter.published_at) == (Advisory.Status.DRAFT, None)


def test_a_published_letters_address_cannot_change(
    as_user, ninh_binh_publisher, make_advisory, admin_form_data
):
    letter = make_advisory("stttt-ninh-binh", slug="dia-chi-da-chia-se")
    client = as_user(ninh_binh_publisher)
    form = client.get(f"{ADMIN}{letter.pk}/change/").context["adminform"].form
    assert "slug" not in form.fields

    client.post(
        f"{ADMIN}{letter.pk}/change/",
        admin_form_data(
            letter.issuer,
            slug="dia-chi-moi",
        ),
    )
    letter.refresh_from_db()
    assert letter.slug == "dia-chi-da-chia-se"


@pytest.mark.parametrize("slug", ["feed", "verify", "chosen-by-hand"])
def test_the_address_is_made_by_the_portal_whatever_is_posted(
    as_user, ninh_binh_publisher, ninh_binh, admin_form_data, slug
):
    client = as_user(ninh_binh_publisher)
    assert "slug" not in client.get(f"{ADMIN}add/").context["adminform"].form.fields
    response = client.post(f"{ADMIN}add/", admin_form_data(ninh_binh, slug=slug))
    assert response.status_code == 302
    assert Advisory.objects.get().slug == "2024-02-stttt-ninh-binh-canh-bao-cac-cuoc-goi-mao-danh"


def test_the_address_tells_nothing_of_another_bodys_draft(
    as_user, ninh_binh_publisher, ninh_binh, make_advisory, admin_form_data
):
    """Đắk Lắk's draft has the same summary and month: Ninh Bình's publisher learns nothing."""
    secret = make_advisory(
        "stttt-dak-lak",
        published=False,
        issued_month=2,
        summary="cảnh báo các cuộc gọi mạo danh với mục đích lừa đảo",
    )
    secret.slug = secret.unique_slug()
    secret.save()
    response = as_user(ninh_binh_publisher).post(
        f"{ADMIN}add/", admin_form_data(ninh_binh, slug=secret.slug)
    )
    assert response.status_code == 302  # no "already exists", whatever was posted
    mine = Advisory.objects.get(issuer=ninh_binh)
    assert mine.slug == "2024-02-stttt-ninh-binh-canh-bao-cac-cuoc-goi-mao-danh"
    assert not mine.slug.endswith("-2")


def test_cited_documents_are_edited_inline(
    as_user, ninh_binh_publisher, ninh_binh, admin_form_data
):
    body = admin_form_data(ninh_binh)
    body.update(
        {
            "citations-TOTAL_FORMS": "1",
            "citations-0-position": "1",
            "citations-0-kind": "Chỉ thị",
            "citations-0-number_symbol": "12/CT-TTg",
            "citations-0-issued_on": "25/04/2019",
            "citations-0-issuer_as_written": "Thủ tướng Chính phủ",
        }
    )
    response = as_user(ninh_binh_publisher).post(f"{ADMIN}add/", body)
    assert response.status_code == 302, response.context["inline_admin_formsets"][0].formset.errors
    cited = Advisory.objects.get().citations.get()
    assert cited.number_symbol == "12/CT-TTg"
    # Day first, as Vietnamese write it (Django alone would read 04/05 as 5 April).
    assert cited.issued_on == datetime.date(2019, 4, 25)


def test_a_typed_publication_time_is_ignored(
    as_user, ninh_binh_publisher, make_advisory, admin_form_data
):
    """The backdating of the review: a published letter's date is the server's, kept."""
    letter = make_advisory("stttt-ninh-binh")
    published_at = letter.published_at
    as_user(ninh_binh_publisher).post(
        f"{ADMIN}{letter.pk}/change/",
        admin_form_data(letter.issuer, published_at_0="04/05/2020", published_at_1="08:00"),
    )
    letter.refresh_from_db()
    assert letter.published_at == published_at


def test_a_published_letter_with_a_mistake_comes_back_with_the_error_not_a_crash(
    as_user, ninh_binh_publisher, make_advisory, admin_form_data
):
    letter = make_advisory("stttt-ninh-binh", slug="dia-chi-da-chia-se")
    # A day on a month-precision date: the form must come back with the
    # message, the address still locked.
    response = as_user(ninh_binh_publisher).post(
        f"{ADMIN}{letter.pk}/change/",
        admin_form_data(letter.issuer, issued_day="15"),
    )
    assert response.status_code == 200
    assert response.context["adminform"].form.errors
    assert "dia-chi-da-chia-se" in response.content.decode()


@pytest.mark.parametrize(
    ("typed", "stored"),
    [("/STTTT- CNBCVT", "STTTT-CNBCVT"), (" STTTT-TTra ", "STTTT-TTra")],
)
def test_the_symbol_is_tidied_as_the_importer_does(
    as_user, ninh_binh_publisher, ninh_binh, admin_form_data, typed, stored
):
    as_user(ninh_binh_publisher).post(
        f"{ADMIN}add/", admin_form_data(ninh_binh, number="12", symbol=typed)
    )
    assert Advisory.objects.get().display_number == f"12/{stored}"


def test_a_number_typed_with_its_symbol_is_refused_with_where_each_goes(
    as_user, ninh_binh_publisher, ninh_binh, admin_form_data
):
    response = as_user(ninh_binh_publisher).post(
        f"{ADMIN}add/", admin_form_data(ninh_binh, number="1386/STTTT-BCVT")
    )
    assert "Chỉ ghi số ở đây (ví dụ 1386)" in response.content.decode()
    assert not Advisory.objects.exists()
