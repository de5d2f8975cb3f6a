"""A .docx is measured before python-docx parses it, and read in linear time (issue 15).

The finding: a 185 KB .docx whose document.xml unpacks to 51 MB took a worker
30 s and 950 MB. Now the sizes its parts declare are checked first (5 MB an
XML part, 10 MB of XML in all, 40 MB unpacked, a 256 KB directory), a part
cannot unpack to more than it declares, and the reading stops at the longest
text a letter file may have. Tables are walked once: python-docx's own walk
yields a cell once per column it spans and climbs every row of a vertical
merge. Actors: Chị Hoa, publisher of Sở TTTT Đắk Lắk; the import command.
"""

import struct

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from advisories import letter_docx
from advisories.letter_files import read_document
from advisories.letter_parser import LetterError
from advisories.models import Advisory

from .letter_samples import docx_letter, docx_with_body_xml, run_import

pytestmark = pytest.mark.django_db

PARAGRAPH = b"<w:p><w:r><w:t>x</w:t></w:r></w:p>"


@pytest.fixture
def refuse_parsing(monkeypatch):
    """Once called, python-docx opening a file fails the test (the test's own files are
    written with python-docx before)."""
    import docx

    def document(*args, **kwargs):
        raise AssertionError("python-docx parsed the file")

    return lambda: monkeypatch.setattr(docx, "Document", document)


def refusal(data, name="cong-van.docx"):
    with pytest.raises(LetterError) as refused:
        read_document(data, name)
    return refused.value.message


def test_the_issues_docx_is_refused_before_python_docx_parses_it(refuse_parsing):
    data = docx_with_body_xml(PARAGRAPH * (51 * 1024 * 1024 // len(PARAGRAPH)))
    assert len(data) < 300_000  # 51 MB of XML, compressed
    refuse_parsing()
    assert refusal(data) == "tệp .docx giải nén ra quá lớn."


def test_hoa_is_told_so_in_vietnamese(as_user, dak_lak_publisher, tmp_path, refuse_parsing):
    data = docx_with_body_xml(PARAGRAPH * (6 * 1024 * 1024 // len(PARAGRAPH)))
    refuse_parsing()
    response = as_user(dak_lak_publisher).post(
        "/admin/advisories/advisory/import/", {"file": SimpleUploadedFile("dai.docx", data)}
    )
    assert "dai.docx: tệp .docx giải nén ra quá lớn." in response.content.decode()
    path = tmp_path / "dai.docx"
    path.write_bytes(data)
    _, err, error = run_import(path)
    assert error is not None and f"{path}: tệp .docx giải nén ra quá lớn." in err
    assert not Advisory.objects.exists()


def declaring(data, part, size):
    """The ZIP with `part` declaring `size` unpacked bytes, in its local and central headers."""
    data = bytearray(data)
    # (signature, where the unpacked size is, where the name's length is, where the name is)
    for signature, size_at, length_at, name_at in (
        (b"PK\x03\x04", 22, 26, 30),
        (b"PK\x01\x02", 24, 28, 46),
    ):
        start = data.find(signature)
        while start >= 0:
            (length,) = struct.unpack_from("<H", data, start + length_at)
            if data[start + name_at : start + name_at + length] == part.encode():
                struct.pack_into("<I", data, start + size_at, size)
            start = data.find(signature, start + 4)
    return bytes(data)


def test_a_part_that_understates_its_size_is_refused_as_broken():
    """zipfile unpacks no more than a part declares, and the rest fails its checksum."""
    data = docx_with_body_xml(PARAGRAPH * (8 * 1024 * 1024 // len(PARAGRAPH)))
    data = declaring(data, "word/document.xml", 1024 * 1024)
    assert refusal(data) == "tệp .docx bị hỏng hoặc không phải văn bản Word."


def test_a_zip_directory_longer_than_a_docx_has_is_refused_before_it_is_read(monkeypatch):
    import io
    import zipfile

    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as package:
        source = zipfile.ZipFile(io.BytesIO(docx_letter()))
        for info in source.infolist():
            package.writestr(info.filename, source.read(info.filename))
        for n in range(5_000):
            package.writestr(f"customXml/phan-rat-nhieu-trong-tep-nay-{n:05d}.bin", b"")

    def zip_file(*args, **kwargs):
        raise AssertionError("zipfile read the directory")

    monkeypatch.setattr(letter_docx.zipfile, "ZipFile", zip_file)
    assert refusal(out.getvalue()) == "tệp .docx giải nén ra quá lớn."


def table(rows):
    return b"<w:tbl><w:tblGrid><w:gridCol/></w:tblGrid>" + b"".join(rows) + b"</w:tbl>"


def cell(text=b"", properties=b""):
    run = b"<w:r><w:t>" + text + b"</w:t></w:r>" if text else b""
    return b"<w:tc><w:tcPr>" + properties + b"</w:tcPr><w:p>" + run + b"</w:p></w:tc>"


def test_a_cell_spanning_two_billion_columns_is_read_once():
    span = cell(b"O gop", b'<w:gridSpan w:val="2000000000"/>')
    text = read_document(docx_with_body_xml(table([b"<w:tr>" + span + b"</w:tr>"])), "a.docx").text
    assert text.count("O gop") == 1


def test_a_cell_merged_down_five_thousand_rows_is_read_once():
    first = b"<w:tr>" + cell(b"O gop", b'<w:vMerge w:val="restart"/>') + b"</w:tr>"
    rest = [b"<w:tr>" + cell(properties=b"<w:vMerge/>") + b"</w:tr>"] * 4_999
    text = read_document(docx_with_body_xml(table([first, *rest])), "a.docx").text
    assert text.count("O gop") == 1


def test_a_docx_of_more_lines_than_any_letter_stops_being_read_at_the_limit():
    # 600,000 empty paragraphs: 3.6 MB of XML, allowed; 1.2 million characters of text.
    message = refusal(docx_with_body_xml(b"<w:p/>" * 600_000))
    assert message == (
        "văn bản trong tệp dài hơn 200.000 ký tự của một công văn (khoảng 30 trang): "
        "mỗi tệp chỉ chứa một công văn."
    )
