"""A letter's text has a maximum length, said in Vietnamese, and nothing typed is lost.

Actors: Chị Hoa, publisher of Sở TTTT Ninh Bình, types or pastes a letter in
admin; the `import_advisories` command and the admin import read files. The
limits (advisories.limits): content 100,000 characters (30 dense pages), a
summary 1,000, each list 5,000; a file's whole text 200,000, refused before
it is parsed.
"""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from advisories.limits import (
    MAX_CONTENT_LENGTH,
    MAX_LETTER_TEXT,
    MAX_LIST_LENGTH,
    MAX_SUMMARY_LENGTH,
    grouped,
)
from advisories.models import Advisory, Organization

from .letter_samples import run_import, sample_letter, write_letter

pytestmark = pytest.mark.django_db

ADD = "/admin/advisories/advisory/add/"


def text_of_length(length):
    """Vietnamese prose, cut to exactly `length` characters."""
    sentence = "Người dân cảnh giác với cuộc gọi mạo danh cơ quan nhà nước. "
    return (sentence * (length // len(sentence) + 1))[:length]


@pytest.fixture
def ninh_binh():
    return Organization.objects.get(slug="stttt-ninh-binh")


def test_hoa_pasting_more_than_thirty_pages_is_told_how_much_to_cut_and_keeps_her_text(
    as_user, ninh_binh_publisher, ninh_binh, admin_form_data
):
    content = text_of_length(MAX_CONTENT_LENGTH + 1234)
    response = as_user(ninh_binh_publisher).post(ADD, admin_form_data(ninh_binh, content=content))

    assert response.status_code == 200
    assert response.context["adminform"].form.errors["content"] == [
        "Dài 101.234 ký tự, quá giới hạn 100.000 ký tự: hãy bớt 1.234 ký tự."
    ]
    page = response.content.decode()
    textarea = page.split('name="content"')[1].split("</textarea>")[0]
    assert content in textarea  # every character she typed comes back to her
    # No maxlength: a browser would cut a longer paste short without a word.
    assert "maxlength" not in textarea.split(">")[0]
    assert not Advisory.objects.exists()


def test_a_letter_of_thirty_dense_pages_is_saved(
    as_user, ninh_binh_publisher, ninh_binh, admin_form_data
):
    content = text_of_length(MAX_CONTENT_LENGTH)
    response = as_user(ninh_binh_publisher).post(ADD, admin_form_data(ninh_binh, content=content))
    assert response.status_code == 302
    assert Advisory.objects.get().content == content


@pytest.mark.parametrize(
    ("field", "limit", "message"),
    [
        ("summary", MAX_SUMMARY_LENGTH, "Dài 1.001 ký tự, quá giới hạn 1.000 ký tự"),
        ("recipients", MAX_LIST_LENGTH, "Dài 5.001 ký tự, quá giới hạn 5.000 ký tự"),
        ("distribution", MAX_LIST_LENGTH, "Dài 5.001 ký tự, quá giới hạn 5.000 ký tự"),
    ],
)
def test_the_summary_and_the_lists_are_bounded_too(
    as_user, ninh_binh_publisher, ninh_binh, admin_form_data, field, limit, message
):
    client = as_user(ninh_binh_publisher)
    response = client.post(ADD, admin_form_data(ninh_binh, **{field: text_of_length(limit + 1)}))
    assert response.context["adminform"].form.errors[field] == [f"{message}: hãy bớt 1 ký tự."]
    response = client.post(ADD, admin_form_data(ninh_binh, **{field: text_of_length(limit)}))
    assert response.status_code == 302


def test_a_file_longer_than_any_letter_is_refused_before_it_is_parsed(tmp_path, no_parsing):
    path = write_letter(tmp_path, "dai.txt", body=text_of_length(MAX_LETTER_TEXT))
    _, err, error = run_import(path)
    assert error is not None
    assert (
        f"{path}: văn bản trong tệp dài {grouped(len(path.read_text()))} ký tự, "
        "quá 200.000 ký tự của một công văn (khoảng 30 trang): mỗi tệp chỉ chứa một công văn."
    ) in err
    assert not Advisory.objects.exists()


def test_hoa_uploading_such_a_file_is_told_so_in_admin(as_user, ninh_binh_publisher, no_parsing):
    data = sample_letter(body=text_of_length(MAX_LETTER_TEXT)).encode()
    response = as_user(ninh_binh_publisher).post(
        "/admin/advisories/advisory/import/", {"file": SimpleUploadedFile("dai.txt", data)}
    )
    assert "quá 200.000 ký tự của một công văn (khoảng 30 trang)" in response.content.decode()
    assert not Advisory.objects.exists()


def test_an_imported_letter_whose_content_is_too_long_names_the_field(tmp_path):
    # One sentence, then "Trân trọng./." as a paragraph of its own (15 characters with
    # the blank line): 100,001 characters of content, in a file well under 200,000.
    body = "a" * (MAX_CONTENT_LENGTH - 15) + ".\n\nTrân trọng./."
    _, err, error = run_import(write_letter(tmp_path, body=body))
    assert error is not None
    assert "nội dung: Dài 100.001 ký tự, quá giới hạn 100.000 ký tự: hãy bớt 1 ký tự." in err
    assert not Advisory.objects.exists()
