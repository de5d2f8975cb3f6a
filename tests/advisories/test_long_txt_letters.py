"""A long .txt letter is refused before it is read, or read in linear time (issue 15).

The finding: a publisher's 2.6 MB .txt ran past gunicorn's 30 s, because the
parser rejoined a letter's wrapped lines by adding each to a string held in a
list, which copies the whole paragraph at every line. Now a file's text over
200,000 characters (advisories.limits.MAX_LETTER_TEXT) is refused before it
is parsed, and every step of the parser is linear: a paragraph, a list entry
or a signature of a hundred thousand lines costs what as many short
paragraphs cost.

The parser's work is string copying inside CPython, which counts nothing, so
the linear test compares CPU times in one process: a hostile text against an
ordinary one of as many lines, each line its own paragraph. The old parser
took 2.3 to 44 times the ordinary text's time on these texts; the new one
takes a third to a half of it.
"""

import contextlib
import time

import pytest

from advisories import letter_parser
from advisories.models import Advisory

from .letter_samples import run_import, sample_letter, write_letter

pytestmark = pytest.mark.django_db


def test_the_issues_long_txt_is_refused_in_vietnamese_before_it_is_parsed(tmp_path, no_parsing):
    # 2.6 MB: one letter whose body wraps over 300,000 lines.
    path = write_letter(tmp_path, "cong-van-dai.txt", body="một dòng chữ\n" * 190_000)
    assert path.stat().st_size > 2_600_000
    _, err, error = run_import(path)
    assert error is not None
    assert "cong-van-dai.txt: văn bản trong tệp dài 2.470." in err
    assert "ký tự, quá 200.000 ký tự của một công văn (khoảng 30 trang)" in err
    assert not Advisory.objects.exists()


LINES = 120_000
# Each the worst case of one way of rejoining lines: a paragraph, a bullet, a
# recipient, a distribution entry, each wrapped on every line, and a signature
# block of as many capitals as names.
HOSTILE = {
    "paragraph": {"body": "chữ\n" * LINES},
    "bullet": {"body": "- a\n" + "chữ\n" * LINES},
    "recipient": {"recipients": "Kính gửi:\n- a\n" + "chữ\n" * LINES},
    "distribution": {"distribution": "Nơi nhận:\n- a\n" + "chữ\n" * LINES},
    "signature": {"signature": "GIÁM ĐỐC\n" * (LINES // 2) + "tên\n" * (LINES // 2)},
}


def parse_seconds(text):
    started = time.process_time()
    # A hostile letter may well be no letter: the time is what counts.
    with contextlib.suppress(letter_parser.LetterError):
        letter_parser.parse_letter(text)
    return time.process_time() - started


@pytest.fixture(scope="module")
def beyond_the_file_limit():
    """The parser is linear whatever it is given: texts beyond the file limit, on purpose."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(letter_parser, "MAX_LETTER_TEXT", 10**7)
        yield


@pytest.fixture(scope="module")
def ordinary_seconds(beyond_the_file_limit):
    return parse_seconds(sample_letter(body="Chữ.\n\n" * LINES))


@pytest.mark.parametrize("parts", HOSTILE.values(), ids=HOSTILE.keys())
def test_a_letter_wrapped_over_many_lines_is_parsed_in_linear_time(parts, ordinary_seconds):
    assert parse_seconds(sample_letter(**parts)) < 1.2 * ordinary_seconds


def test_a_header_of_thousands_of_lines_is_read_once_not_once_per_body(tmp_path, monkeypatch):
    """The issuer is looked for by the header's words in every body the portal knows:
    the header's text is folded once, not once per body (39 bodies here, hundreds later),
    and a "body" longer than any body's name is no header at all."""
    from advisories import importer

    folded = []

    def search_key(text):
        folded.append(len(text))
        return letter_parser.search_key(text)

    monkeypatch.setattr(importer, "search_key", search_key)
    header = "UBND TỈNH NINH BÌNH\n" + "SỞ THÔNG TIN\n" * 12_000
    path = write_letter(tmp_path, header=header)
    _, err, error = run_import(path)
    assert error is None, err
    assert Advisory.objects.get().issuer.slug == "stttt-ninh-binh"  # by its symbol and place
    assert sum(folded) < 3 * len(path.read_text())
