"""`import_advisories`: idempotent, one transaction per file, clear errors, progress.

Actors: the seed letters, and tiny synthetic letters written to tmp_path by
`write_letter` (a Sở TTTT Ninh Bình letter unless a part is replaced).
"""

from io import StringIO

import pytest
from django.core.management import call_command
from django.db import DataError
from django.utils import timezone

from advisories.models import Advisory, CitedDocument, Organization, Province

from .letter_samples import SEEDS, seed, write_letter
from .letter_samples import run_import as run

pytestmark = pytest.mark.django_db


def counts():
    return Advisory.objects.count(), CitedDocument.objects.count()


def test_importing_the_same_letters_twice_creates_nothing_the_second_time():
    _, _, error = run(*SEEDS)
    assert error is None
    first = counts()
    slugs = set(Advisory.objects.values_list("slug", flat=True))
    updated = set(Advisory.objects.values_list("updated_at", flat=True))

    out, _, error = run(*SEEDS)
    assert error is None
    assert counts() == first == (5, 5)
    assert set(Advisory.objects.values_list("slug", flat=True)) == slugs
    assert set(Advisory.objects.values_list("updated_at", flat=True)) == updated
    assert out.count(": đã có 2024-") == 5
    assert "0 nhập mới, 5 đã có, 0 lỗi" in out


def test_a_letter_a_publisher_corrected_is_not_imported_again():
    run(*SEEDS)
    letter = Advisory.objects.get(issuer__slug="stttt-ninh-binh")
    letter.summary = "Cảnh báo thủ đoạn lừa đảo (đã sửa chính tả)"
    letter.content += "\n\nBổ sung của cán bộ."
    letter.save()

    _, _, error = run(*SEEDS)
    assert error is None
    assert counts() == (5, 5)
    letter.refresh_from_db()
    assert letter.summary == "Cảnh báo thủ đoạn lừa đảo (đã sửa chính tả)"  # staff's edit stays


def test_progress_shows_one_line_per_file_and_a_summary():
    out, _, _ = run(SEEDS[0].parent)  # a directory stands for its .txt files
    lines = out.splitlines()
    assert lines[0].startswith("[1/5] 000_b7554f2704613060.txt: đã nhập 2024-07-pvhtt-ea-sup-")
    assert lines[2].startswith("[3/5] 002_bfa075b3ca1fe595.txt: đã nhập ")
    assert lines[-1] == "5 tệp: 5 nhập mới, 0 đã có, 0 lỗi."


def test_a_bad_file_is_reported_with_its_line_nothing_of_it_is_saved_and_others_import(tmp_path):
    bad = write_letter(tmp_path, "khong-trich-yeu.txt", summary=None)
    out, err, error = run(bad, seed("001"))
    assert error is not None  # the command exits non-zero
    assert "1 nhập mới, 0 đã có, 1 lỗi" in str(error)
    assert f"[1/2] {bad}, dòng 1: không thấy dòng trích yếu “V/v …”." in err
    assert "Không lưu gì từ tệp này." in err
    assert "[2/2] 001_fc8d8b278af57606.txt: đã nhập" in out
    assert list(Advisory.objects.values_list("issuer__slug", flat=True)) == ["stttt-ninh-thuan"]


def test_a_letter_the_model_refuses_is_reported_at_its_line(tmp_path):
    bad = write_letter(tmp_path, number="Số: 123456789012345678901/STTTT-TTra")  # > 20 characters
    _, err, error = run(bad)
    assert error is not None
    assert f"{bad}, dòng 1: số: " in err
    assert counts() == (0, 0)


def test_a_failure_halfway_through_a_file_takes_back_what_it_wrote(monkeypatch):
    # The advisory row is written, then its citations fail: the row goes too.
    bulk_create = CitedDocument.objects.bulk_create

    def fail(objects, **options):
        objects = list(objects)
        if objects:  # 000 cites three documents, 001 none
            raise DataError("value too long for type character varying(80)")
        return bulk_create(objects, **options)

    monkeypatch.setattr(CitedDocument.objects, "bulk_create", fail)
    _, err, error = run(seed("000"), seed("001"))
    assert "1 nhập mới, 0 đã có, 1 lỗi" in str(error)
    assert f"{seed('000')}: không lưu được vào cơ sở dữ liệu (value too long" in err
    assert list(Advisory.objects.values_list("issuer__slug", flat=True)) == ["stttt-ninh-thuan"]


def test_the_text_settles_two_offices_of_the_same_name_and_place():
    # A namesake Ea Súp office in another province: 000 names "tỉnh Đắk Lắk".
    Organization.objects.create(
        name="Phòng Văn hóa và Thông tin huyện Ea Súp",
        header_name="PHÒNG VĂN HÓA VÀ THÔNG TIN",
        symbol="PVHTT",
        level=Organization.Level.DISTRICT,
        province=Province.objects.get(slug="dak-nong"),
        place="Ea Súp",
        slug="pvhtt-ea-sup-dak-nong",
    )
    run(seed("000"))
    assert Advisory.objects.get().issuer.slug == "pvhtt-ea-sup"


def test_empty_unreadable_and_missing_files_are_errors(tmp_path):
    empty = tmp_path / "rong.txt"
    empty.write_text("")
    legacy = tmp_path / "vni.txt"
    legacy.write_bytes(b"S\xf4\xec: /STTTT-TTra\n")
    _, err, error = run(empty, legacy, tmp_path / "khong-co.txt")
    assert "3 lỗi" in str(error)
    assert f"{empty}: tệp rỗng." in err
    assert f"{legacy}, dòng 1: tệp không phải văn bản UTF-8" in err
    assert f"{tmp_path / 'khong-co.txt'}: không đọc được tệp" in err


def test_an_issuer_that_cannot_be_inferred_stops_at_the_place_line_and_issuer_settles_it(tmp_path):
    hanoi = write_letter(tmp_path, date="Hà Nội, ngày 05 tháng 3 năm 2024")
    _, err, error = run(hanoi)
    assert error is not None
    assert f"{hanoi}, dòng 3: không xác định được cơ quan ban hành" in err
    assert "“Hà Nội”" in err and "--issuer" in err
    assert not Advisory.objects.exists()

    _, _, error = run(hanoi, issuer="stttt-ninh-binh")
    assert error is None
    advisory = Advisory.objects.get()
    assert advisory.issuer.slug == "stttt-ninh-binh"
    assert advisory.place == "Hà Nội"  # as printed, whoever issued it


def test_two_possible_issuers_are_named_and_issuer_chooses(tmp_path):
    Organization.objects.create(
        name="Sở Thông tin và Truyền thông tỉnh Ninh Bình (cũ)",
        header_name="SỞ THÔNG TIN VÀ TRUYỀN THÔNG",
        symbol="STTTT",
        level=Organization.Level.PROVINCIAL,
        place="Ninh Bình",
        slug="stttt-ninh-binh-cu",
    )
    letter = write_letter(tmp_path)
    _, err, error = run(letter)
    assert "có thể là stttt-ninh-binh, stttt-ninh-binh-cu" in err
    _, _, error = run(letter, issuer="stttt-ninh-binh-cu")
    assert error is None
    assert Advisory.objects.get().issuer.slug == "stttt-ninh-binh-cu"


def test_an_unknown_symbol_is_reported_at_the_number_line(tmp_path):
    letter = write_letter(tmp_path, header="UBND TỈNH NINH BÌNH", number="Số: 7/SYT-NVY")
    _, err, _ = run(letter)
    assert f"{letter}, dòng 3: " in err
    assert "không có cơ quan nào mang ký hiệu “SYT”" in err


def test_an_unknown_issuer_slug_is_refused_before_anything_is_read(tmp_path):
    _, _, error = run(write_letter(tmp_path), issuer="so-khong-co")
    assert "Không có cơ quan mã “so-khong-co”" in str(error)
    assert "stttt-dak-lak" in str(error)


def test_publish_publishes_new_letters_and_drafts_never_published(tmp_path):
    run(seed("002"))
    draft = Advisory.objects.get()
    assert (draft.status, draft.published_at) == (Advisory.Status.DRAFT, None)

    out, _, _ = run(seed("002"), seed("003"), publish=True)
    assert "đã có 2024-02-stttt-ninh-binh-canh-bao-cac-cuoc-goi-mao-danh" in out
    assert out.count("đã đăng") == 2
    assert Advisory.objects.published().count() == 2

    # Taken down by a publisher: importing again does not put it back.
    Advisory.objects.filter(issuer__slug="stttt-ninh-binh").update(status=Advisory.Status.DRAFT)
    published_at = Advisory.objects.get(issuer__slug="stttt-binh-phuoc").published_at
    out, _, _ = run(seed("002"), seed("003"), publish=True)
    assert "đã đăng" not in out
    assert Advisory.objects.get(issuer__slug="stttt-ninh-binh").status == Advisory.Status.DRAFT
    assert Advisory.objects.get(issuer__slug="stttt-binh-phuoc").published_at == published_at
    assert published_at <= timezone.now()


def test_dry_run_reads_and_checks_but_saves_nothing(tmp_path):
    out, _, error = run(*SEEDS, dry_run=True, publish=True)
    assert error is None
    assert out.count("sẽ nhập") == 5
    assert "Chạy thử" in out
    assert counts() == (0, 0)


def test_the_same_summary_in_another_letter_gets_its_own_slug(tmp_path):
    run(write_letter(tmp_path, "a.txt"))
    run(write_letter(tmp_path, "b.txt", number="Số: 16/STTTT-TTra"))
    run(write_letter(tmp_path, "c.txt", number="Số: /STTTT-TTra"))
    assert sorted(Advisory.objects.values_list("slug", flat=True)) == [
        "2024-03-stttt-ninh-binh-15-canh-bao-cuoc-goi-gia-danh-cong",
        "2024-03-stttt-ninh-binh-16-canh-bao-cuoc-goi-gia-danh-cong",
        "2024-03-stttt-ninh-binh-canh-bao-cuoc-goi-gia-danh-cong",
    ]
    run(write_letter(tmp_path, "d.txt", date="Ninh Bình, ngày 06 tháng 3 năm 2024"))
    assert Advisory.objects.filter(
        slug="2024-03-stttt-ninh-binh-15-canh-bao-cuoc-goi-gia-danh-cong-2"
    )


def test_load_reference_data_imports_and_publishes_the_seeds_once():
    call_command("load_reference_data", stdout=StringIO(), stderr=StringIO())
    assert Advisory.objects.published().count() == 5
    call_command("load_reference_data", stdout=StringIO(), stderr=StringIO())
    assert Advisory.objects.count() == 5


def test_publish_only_proposes_a_letter_that_is_not_a_seed(tmp_path):
    """--publish bypassed the second publisher: a file of anyone's now waits for approval."""
    out, _, _ = run(write_letter(tmp_path), publish=True)

    letter = Advisory.objects.get()
    assert (letter.status, letter.published_at) == (Advisory.Status.PENDING, None)
    assert "chờ cán bộ thứ hai duyệt mới đăng" in out
    assert "đã đăng" not in out
    assert not Advisory.objects.published().exists()
