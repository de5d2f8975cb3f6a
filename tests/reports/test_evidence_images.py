"""Chị Mai's phone photo of a scam SMS goes to the inspector without where she took it.

Screenshots and photos are stored as a fresh encoding of their pixels:
no EXIF (GPS position, phone model), XMP, comment or text chunk of the
original, nor anything hidden after the image, reaches whoever downloads it.
"""

import io
import struct
import zlib

import pytest
from PIL import ExifTags, Image
from PIL.PngImagePlugin import PngInfo

from reports.evidence import Refused, examine, images
from reports.models import Evidence, Report

from .media import image_bytes, jpeg, png, stored_image, upload

pytestmark = pytest.mark.django_db

PAGE = b"<html><script>fetch('/admin/')</script></html>"
XMP = b"<x:xmpmeta xmlns:x='adobe:ns:meta/'><rdf:RDF>GPS 21.0245 105.8412</rdf:RDF></x:xmpmeta>"


def phone_exif():
    """What a phone writes: its make, the orientation it was held in, and where it was."""
    exif = Image.Exif()
    exif[ExifTags.Base.Make] = "Điện thoại của Mai"
    exif[ExifTags.Base.Orientation] = 6  # held upright: the pixels lie on their side
    gps = exif.get_ifd(ExifTags.IFD.GPSInfo)
    gps[ExifTags.GPS.GPSLatitudeRef] = "N"
    gps[ExifTags.GPS.GPSLatitude] = (21.0, 1.0, 28.2)
    gps[ExifTags.GPS.GPSLongitudeRef] = "E"
    gps[ExifTags.GPS.GPSLongitude] = (105.0, 50.0, 28.3)
    return exif


def sideways_photo(format="JPEG", **save):
    """80 × 40 pixels as the sensor saw them: red on the left half, blue on the right."""
    image = Image.new("RGB", (80, 40), "blue")
    image.paste("red", (0, 0, 40, 40))
    out = io.BytesIO()
    image.save(out, format, exif=phone_exif(), **save)
    return out.getvalue()


def png_chunks(data):
    """The chunk types of a PNG file, in order."""
    position, types = 8, []
    while position < len(data):
        (length,) = struct.unpack(">I", data[position : position + 4])
        types.append(data[position + 4 : position + 8])
        position += 12 + length
        if types[-1] == b"IEND":
            break
    return types


def riff_chunks(data):
    """The chunk types inside a WebP (RIFF) file."""
    position, types = 12, []
    while position + 8 <= len(data):
        types.append(data[position : position + 4])
        (length,) = struct.unpack("<I", data[position + 4 : position + 8])
        position += 8 + length + (length & 1)
    return types


def png_header_only(width, height):
    """A PNG that announces width × height pixels and holds almost nothing: a bomb's header."""

    def chunk(kind, body):
        return (
            struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body))
        )

    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(b"\x00" * 64))
        + chunk(b"IEND", b"")
    )


def assert_nothing_but_pixels(data):
    for trace in (b"<html", b"<script", b"Exif\x00\x00", b"xmpmeta", b"Mai", b"GPS"):
        assert trace not in data, trace


def test_mai_s_photo_is_stored_upright_without_exif_gps_xmp_or_comment(client, report_data):
    photo = sideways_photo(comment=b"<script>alert(1)</script>", xmp=XMP) + PAGE
    before = Image.open(io.BytesIO(photo))
    assert before.getexif().get_ifd(ExifTags.IFD.GPSInfo)  # the test photo does carry GPS

    response = client.post("/report/", {**report_data, "evidence": [upload("anh.jpg", photo)]})
    assert response.status_code == 302
    evidence = Evidence.objects.get()
    with evidence.file.open("rb") as stored:
        data = stored.read()
    assert_nothing_but_pixels(data)
    assert evidence.size == len(data) != len(photo)

    image = stored_image(evidence)
    assert image.format == "JPEG"
    assert not image.getexif().get_ifd(ExifTags.IFD.GPSInfo)
    assert len(image.getexif()) == 0 and "exif" not in image.info
    assert "comment" not in image.info and "xmp" not in image.info
    # Turned as Mai held her phone: the red half, on the left for the sensor, is on top.
    assert image.size == (40, 80)
    red, _green, blue = image.getpixel((20, 10))
    assert red > 200 and blue < 60
    red, _green, blue = image.getpixel((20, 70))
    assert blue > 200 and red < 60


def test_png_text_chunks_exif_and_trailing_html_are_gone():
    info = PngInfo()
    info.add_text("Comment", "<script>alert(1)</script>")
    info.add_itxt("Author", "Mai", zip=True)
    data = sideways_photo("PNG", pnginfo=info) + PAGE
    assert b"tEXt" in data and b"eXIf" in data

    kept = examine(upload("anh.png", data))
    content = kept.content.read()
    assert kept.file_type.content_type == "image/png"
    assert png_chunks(content) == [b"IHDR", b"IDAT", b"IEND"]
    assert_nothing_but_pixels(content)
    assert Image.open(io.BytesIO(content)).size == (40, 80)


def test_lossless_webp_exif_and_xmp_chunks_are_gone():
    data = sideways_photo("WEBP", lossless=True, xmp=XMP)
    assert {b"EXIF", b"XMP "} <= set(riff_chunks(data))
    kept = examine(upload("anh.webp", data))
    content = kept.content.read()
    assert kept.file_type.content_type == "image/webp"
    assert not {b"EXIF", b"XMP ", b"ICCP"} & set(riff_chunks(content))
    assert_nothing_but_pixels(content)
    stored = Image.open(io.BytesIO(content))
    assert stored.size == (40, 80)
    assert stored.getpixel((20, 10)) == (255, 0, 0)  # lossless: the very same red


def test_a_lossy_webp_is_stored_as_a_jpeg_without_exif_or_xmp():
    # Lossy to begin with: JPEG costs a tenth of WebP to encode, for the same quality.
    data = sideways_photo("WEBP", xmp=XMP)
    kept = examine(upload("anh.webp", data))
    content = kept.content.read()
    assert kept.file_type.content_type == "image/jpeg"
    assert_nothing_but_pixels(content)
    stored = Image.open(io.BytesIO(content))
    assert stored.format == "JPEG" and stored.size == (40, 80)
    assert len(stored.getexif()) == 0 and "xmp" not in stored.info


def test_a_transparent_palette_png_keeps_its_transparency():
    image = Image.new("P", (16, 16), 0)
    image.putpalette([255, 255, 255, 200, 0, 0] + [0] * 762)
    image.paste(1, (0, 0, 8, 16))
    out = io.BytesIO()
    image.save(out, "PNG", transparency=0)
    stored = Image.open(examine(upload("a.png", out.getvalue())).content).convert("RGBA")
    assert stored.getpixel((12, 8))[3] == 0  # transparent stays transparent
    assert stored.getpixel((4, 8)) == (200, 0, 0, 255)


@pytest.mark.parametrize(
    "data",
    [
        image_bytes("GIF"),
        b"<svg xmlns='http://www.w3.org/2000/svg' onload='alert(1)'/>",
        image_bytes("BMP"),
        image_bytes("TIFF"),
    ],
)
def test_other_images_renamed_jpg_are_refused(data):
    with pytest.raises(Refused) as refused:
        examine(upload("anh.jpg", data, "image/jpeg"))
    assert refused.value.reason == Refused.NOT_EVIDENCE


@pytest.mark.parametrize(
    "data",
    [
        jpeg((200, 120))[:-400],  # cut off while sending
        png((200, 120))[:-60],
        b"\xff\xd8\xff\xe0" + b"\x00" * 64,  # a JPEG header and nothing else
        b"\x89PNG\r\n\x1a\n" + b"\x00" * 64,
        b"\x89PNG\r\n\x1a\n" + PAGE,
        b"RIFF\x00\x00\x00\x00WEBPVP8 " + PAGE,
    ],
)
def test_a_broken_image_is_refused(data):
    with pytest.raises(Refused) as refused:
        examine(upload("anh", data))
    assert refused.value.reason == Refused.BROKEN_IMAGE


def test_a_broken_screenshot_is_refused_with_a_clear_message_and_the_text_comes_back(
    client, report_data
):
    cut = upload("man-hinh.jpg", jpeg((200, 120))[:-400])
    response = client.post("/report/", {**report_data, "evidence": [cut]})
    assert response.status_code == 400
    html = response.content.decode()
    assert "Ảnh “man-hinh.jpg” bị hỏng" in html and "chọn lại tệp" in html
    assert report_data["content"] in html
    assert not Report.objects.exists()


@pytest.mark.parametrize(
    ("width", "height"),
    [
        (8000, 7000),  # 56 million pixels: over our limit, under Pillow's warning
        (10_000, 10_000),  # over Pillow's warning threshold (an error under pytest)
        (30_000, 30_000),  # over Pillow's own hard limit
    ],
)
def test_an_image_of_too_many_pixels_is_refused_before_it_is_decoded(width, height):
    with pytest.raises(Refused) as refused:
        examine(upload("bom.png", png_header_only(width, height)))
    assert refused.value.reason == Refused.TOO_MANY_PIXELS


def jpeg_header_only(width, height):
    """A JPEG that announces width × height pixels and holds nothing else."""
    frame = struct.pack(">HBHHB", 17, 8, height, width, 3) + bytes.fromhex("011100021101031101")
    return b"\xff\xd8" + b"\xff\xc0" + frame + b"\xff\xd9"


def test_a_64_megapixel_phone_photo_is_not_refused_for_its_size():
    # 9248 × 6936, the largest sensor of phones: refused only if it does not decode.
    with pytest.raises(Refused) as refused:
        examine(upload("anh.jpg", jpeg_header_only(9248, 6936)))
    assert refused.value.reason == Refused.BROKEN_IMAGE


def test_a_png_screenshot_of_8_megapixels_is_not_refused_for_its_size():
    # A scrolled chat capture of three screens (1080 × 7400).
    with pytest.raises(Refused) as refused:
        examine(upload("chat.png", png_header_only(1080, 7400)))
    assert refused.value.reason == Refused.BROKEN_IMAGE


def test_a_decompression_bomb_gets_a_clear_message_with_the_real_limit(client, report_data):
    bomb = upload("anh.png", png_header_only(20_000, 20_000))
    response = client.post("/report/", {**report_data, "evidence": [bomb]})
    assert response.status_code == 400
    html = response.content.decode()
    assert (
        "Ảnh “anh.png” quá lớn (400 triệu điểm ảnh): loại ảnh này chỉ nhận đến "
        "8 triệu điểm ảnh. Hãy cắt bớt ảnh"
    ) in html
    assert report_data["content"] in html


def test_a_large_jpeg_is_decoded_at_a_reduced_scale_and_stored_smaller(monkeypatch):
    monkeypatch.setattr(images, "STORED_MAX_PIXELS", 100 * 100)
    stored = Image.open(examine(upload("anh.jpg", jpeg((400, 200)))).content)
    # Decoded at 1/4 scale straight from the JPEG data: no full-size decode.
    assert stored.size == (100, 50)


def test_a_png_larger_than_a_phone_screen_is_stored_as_a_jpeg_with_every_pixel(monkeypatch):
    monkeypatch.setattr(images, "LOSSLESS_MAX_PIXELS", 100 * 100)
    kept = examine(upload("chat.png", png((150, 400))))
    stored = Image.open(kept.content)
    assert kept.file_type.content_type == "image/jpeg" and stored.format == "JPEG"
    assert stored.size == (150, 400)


def test_a_screenshot_up_to_a_phone_screen_keeps_every_pixel_exactly(monkeypatch):
    monkeypatch.setattr(images, "LOSSLESS_MAX_PIXELS", 100 * 100)
    original = png((20, 400))
    kept = examine(upload("chat.png", original))
    stored = Image.open(kept.content)
    assert kept.file_type.content_type == "image/png"
    assert stored.tobytes() == Image.open(io.BytesIO(original)).tobytes()
