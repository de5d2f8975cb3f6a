"""A decompression bomb sent as evidence is refused from its header: nothing is decoded.

Reviewed: a 745 KB lossless WebP of 7000 × 7000 pixels, sent three times on
/api/v1/reports, cost 19.6 s of CPU even in a report answered 400, and four
such requests at once killed every worker. Each kind of image now has a
budget (reports/evidence/images.py) checked against what its bytes say,
before Pillow decodes anything; bench/worst_evidence.py measures what the
largest file each budget accepts costs.
"""

import io
import json
import os
import struct
import subprocess
import sys
from pathlib import Path

import pytest
from PIL import Image

from reports.evidence import Refused, examine, images
from reports.models import Evidence, Report

from .media import (
    REVIEW_WEBP_BOMB,
    apng_of_zeros,
    png_chunk,
    png_of_zeros,
    upload,
    webp_animation,
)

pytestmark = pytest.mark.django_db

ROOT = Path(__file__).resolve().parents[2]
PNG_BOMB = (7000, 7000)  # RGBA: 196 MB decoded


def refusal(data, name="bom"):
    with pytest.raises(Refused) as refused:
        examine(upload(name, data))
    return refused.value


def test_the_reviews_webp_is_refused_before_it_is_opened(nothing_decoded):
    refused = refusal(REVIEW_WEBP_BOMB, "bom.webp")
    assert refused.reason == Refused.TOO_MANY_PIXELS
    assert refused.pixels == 7000 * 7000
    assert refused.limit == images.WEBP_MAX_PIXELS


def test_a_png_bomb_is_refused_before_it_is_decoded(nothing_decoded):
    refused = refusal(png_of_zeros(*PNG_BOMB), "bom.png")
    assert refused.reason == Refused.TOO_MANY_PIXELS
    assert refused.limit == images.PNG_MAX_PIXELS


def test_a_jpeg_of_too_many_pixels_is_refused_before_it_is_decoded(nothing_decoded):
    frame = bytes.fromhex("ffc0001108") + (9000).to_bytes(2) + (9000).to_bytes(2)
    data = b"\xff\xd8" + frame + bytes.fromhex("03011100021101031101ffd9")
    refused = refusal(data, "anh.jpg")
    assert refused.reason == Refused.TOO_MANY_PIXELS
    assert refused.pixels == 81_000_000 and refused.limit == images.JPEG_MAX_PIXELS


@pytest.mark.parametrize(
    "animation", [apng_of_zeros(2000, 2000, 100), webp_animation(2000, 2000, 100)]
)
def test_every_frame_of_an_animation_counts(animation, nothing_decoded):
    # 4 MP a frame would pass; a hundred of them is 400 MP.
    refused = refusal(animation)
    assert refused.reason == Refused.TOO_MANY_PIXELS
    assert refused.pixels == 2000 * 2000 * 100


@pytest.mark.parametrize("animation", [apng_of_zeros(200, 100, 3), webp_animation(200, 100, 3)])
def test_a_small_animation_is_stored_as_its_first_frame(animation):
    kept = examine(upload("nhan-dan", animation))
    stored = Image.open(kept.content)
    assert stored.size == (200, 100)
    assert getattr(stored, "n_frames", 1) == 1


# The peak is VmHWM, the high-water mark of this process's own memory: ru_maxrss
# would carry the forking pytest's over exec.
BOMB_SCRIPT = """
import json, re, sys
from django.core.files.uploadedfile import SimpleUploadedFile
from reports.evidence import Refused, examine
try:
    examine(SimpleUploadedFile("bom", sys.stdin.buffer.read()))
    reason = "accepted"
except Refused as refused:
    reason = refused.reason
status = open("/proc/self/status").read()
peak = int(re.search(r"VmHWM:\\s+(\\d+) kB", status).group(1)) * 1024
print(json.dumps({"reason": reason, "peak": peak}))
"""


@pytest.mark.parametrize(
    ("data", "decoded"),
    [
        (REVIEW_WEBP_BOMB, 7000 * 7000 * 4 * 2),  # libwebp's canvas, twice
        (png_of_zeros(*PNG_BOMB), 7000 * 7000 * 4),
    ],
    ids=["webp", "png"],
)
def test_refusing_a_bomb_takes_a_fraction_of_the_memory_decoding_would(data, decoded):
    # A process of its own: its peak resident memory is the refusal's alone.
    result = subprocess.run(
        [sys.executable, "-c", BOMB_SCRIPT],
        input=data,
        capture_output=True,
        cwd=ROOT,
        env={**os.environ, "DJANGO_SETTINGS_MODULE": "portal.settings"},
        check=True,
    )
    outcome = json.loads(result.stdout)
    assert outcome["reason"] == Refused.TOO_MANY_PIXELS
    # Python, Django's file classes and Pillow take about 30 MB; decoding would add 196 MB.
    assert outcome["peak"] < min(100 * 2**20, decoded / 2)


def test_the_bomb_sent_in_an_invalid_report_on_the_api_opens_nothing(client, nothing_decoded):
    # The review's request: kind XX, the bomb three times. Answered 400 for the kind alone.
    files = [upload(f"bom{i}.webp", REVIEW_WEBP_BOMB) for i in range(3)]
    response = client.post(
        "/api/v1/reports", {"kind": "XX", "source": "0912345678", "content": "x", "evidence": files}
    )
    assert response.status_code == 400
    assert set(response.json()["errors"]) == {"kind"}
    assert not Report.objects.exists()


def test_a_citizen_sending_a_huge_image_reads_the_real_limit_and_keeps_her_text(
    client, report_data
):
    files = [upload("chup-man-hinh.webp", REVIEW_WEBP_BOMB)]
    response = client.post("/report/", {**report_data, "evidence": files})
    assert response.status_code == 400
    html = response.content.decode()
    assert (
        "Ảnh “chup-man-hinh.webp” quá lớn (49 triệu điểm ảnh): loại ảnh này chỉ nhận đến "
        "5 triệu điểm ảnh."
    ) in html
    assert report_data["content"] in html
    assert not Evidence.objects.exists()


def test_the_api_gives_the_limit_in_english_when_asked(client, report_data):
    files = [upload("screenshot.webp", REVIEW_WEBP_BOMB)]
    response = client.post(
        "/api/v1/reports", {**report_data, "evidence": files}, HTTP_ACCEPT_LANGUAGE="en"
    )
    assert response.status_code == 400
    (message, _reselect) = response.json()["errors"]["evidence"]
    assert "49 megapixels" in message and "up to 5 megapixels" in message


def progressive_jpeg(size=(64, 48)):
    out = io.BytesIO()
    Image.new("RGB", size, "white").save(out, "JPEG", progressive=True)
    return out.getvalue()


PROGRESSIVE = progressive_jpeg()


def test_a_jpeg_of_thousands_of_scans_is_refused_before_it_is_decoded(nothing_decoded):
    # Each scan is one more pass over every block: 10,000 of 26 bytes took 107 s.
    last_scan = PROGRESSIVE[PROGRESSIVE.rindex(b"\xff\xda") : -2]
    bomb = PROGRESSIVE[:-2] + last_scan * 10_000 + b"\xff\xd9"
    assert refusal(bomb, "anh.jpg").reason == Refused.BROKEN_IMAGE


def test_a_real_progressive_jpeg_is_not_refused_for_its_scans():
    data = progressive_jpeg()
    assert data.count(b"\xff\xda") == 10  # libjpeg's progression
    assert Image.open(examine(upload("anh.jpg", data)).content).size == (64, 48)


def test_a_progressive_jpeg_has_a_smaller_budget_than_a_phones_photo(nothing_decoded):
    # Every coefficient of a progressive JPEG stays in memory, whatever the scale.
    frame = bytes.fromhex("ffc2001108") + (3000).to_bytes(2) + (4000).to_bytes(2)
    data = b"\xff\xd8" + frame + bytes.fromhex("03011100021101031101ffd9")
    refused = refusal(data, "anh.jpg")
    assert refused.reason == Refused.TOO_MANY_PIXELS
    assert refused.limit == images.JPEG_BUFFERED_MAX_PIXELS


@pytest.mark.parametrize(
    "bomb",
    [
        # 2.5 million empty comments: Pillow took 2.8 s to open the file.
        b"\xff\xd8" + b"\xff\xfe\x00\x02" * 2_500_000 + PROGRESSIVE[2:],
        # 700,000 empty chunks: 3.1 s to open.
        png_of_zeros(64, 64)[:33] + b"\x00\x00\x00\x00prIv\x00\x00\x00\x00" * 700_000,
    ],
    ids=["jpeg-segments", "png-chunks"],
)
def test_a_file_of_millions_of_empty_parts_is_refused_before_it_is_opened(bomb, nothing_decoded):
    assert refusal(bomb).reason == Refused.BROKEN_IMAGE


@pytest.mark.parametrize(("depth", "interlace"), [(16, 0), (8, 1)], ids=["16-bit", "interlaced"])
def test_a_png_slower_to_decode_per_pixel_has_half_the_budget(depth, interlace, nothing_decoded):
    # 5 MP: within a screenshot's budget, not for twice the bytes or seven passes.
    header = struct.pack(">IIBBBBB", 2000, 2500, depth, 6, 0, 0, interlace)
    data = b"\x89PNG\r\n\x1a\n" + png_chunk(b"IHDR", header) + png_chunk(b"IEND", b"")
    refused = refusal(data, "anh.png")
    assert refused.reason == Refused.TOO_MANY_PIXELS
    assert refused.limit == images.PNG_SLOW_MAX_PIXELS < 2000 * 2500 <= images.PNG_MAX_PIXELS
