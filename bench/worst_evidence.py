"""The worst evidence file of each kind the portal accepts, and the bombs it refuses: CPU each.

    .venv/bin/python bench/worst_evidence.py

For each accepted kind of image, the largest file its budget lets through
(reports/evidence/images.py), with content an encoder can hardly predict
(noise, within REPORT_EVIDENCE_MAX_SIZE), goes through `examine()` as an
upload does: header read, decoded, re-encoded. Each must cost under
BOUND_MS of CPU (time.process_time, the median of RUNS). Then the refused
bombs: what refusing them costs (the issue's 7000 × 7000 lossless WebP took
7.7 s to re-encode before). No database, no server: one process.

Timings depend on the machine (bench/README.md): speed is judged here,
never by a test.
"""

import io
import os
import random
import re
import statistics
import struct
import sys
import time
import zlib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings")
os.environ.setdefault("DJANGO_DEBUG", "1")  # no secret needed: nothing is served

import django  # noqa: E402

django.setup()

from django.core.files.uploadedfile import SimpleUploadedFile  # noqa: E402
from PIL import Image, ImageFile  # noqa: E402

from reports.evidence import Refused, examine, images  # noqa: E402

# The tests' own bombs (tests/reports/media.py): one way to build each.
from tests.reports.media import (  # noqa: E402
    apng_of_zeros,
    png_chunk,
    png_of_zeros,
    webp_animation,
)

BOUND_MS = 1000  # the target: under a second of CPU per file
RUNS = 3
MAX_SIZE = 10 * 1024 * 1024  # REPORT_EVIDENCE_MAX_SIZE's default
# Pillow's progressive JPEG writer needs its buffer to hold the whole of noisy output.
ImageFile.MAXBLOCK = 64 * 1024 * 1024


def _random(count, bits=8, seed=7):
    """`count` random bytes of `bits` random low bits each: noise that still fits 10 MB."""
    data = random.Random(seed).randbytes(count)
    if bits == 8:
        return data
    return data.translate(bytes(value % (1 << bits) for value in range(256)))


def noise(size, mode="RGB", bits=8):
    return Image.frombytes(mode, size, _random(size[0] * size[1] * len(mode), bits))


def _fitted(save):
    """The output of save(quality) at the highest quality (1–100) that fits MAX_SIZE."""
    low, high, best = 1, 100, None
    while low <= high:
        quality = (low + high) // 2
        data = save(quality)
        if len(data) <= MAX_SIZE:
            best, low = data, quality + 1
        else:
            high = quality - 1
    return best


def _saved(image, **options):
    out = io.BytesIO()
    image.save(out, **options)
    return out.getvalue()


def jpeg_noise(size, mode="RGB", **options):
    """Noise at the highest quality that fits 10 MB; in coarser squares (2, 4 px...) when
    even quality 1 does not fit (CMYK's four channels at 64 MP)."""
    for block in (1, 2, 4, 8):
        small = noise((size[0] // block, size[1] // block), mode)
        image = small.resize(size, Image.Resampling.NEAREST)
        if len(_saved(image, format="JPEG", quality=1, subsampling=0, **options)) > MAX_SIZE:
            continue
        fitted = _fitted(
            lambda q, image=image: _saved(image, format="JPEG", quality=q, subsampling=0, **options)
        )
        if fitted is not None:
            return fitted
    return None


_MARKER = re.compile(rb"\xff[^\x00\xd0-\xd7\xff]")


def _length(data, marker):
    return struct.unpack_from(">H", data, marker + 2)[0]


def jpeg_with_scans(data, scans):
    """A progressive JPEG brought to `scans` scans by repeating its smallest one.

    Each scan is taken with the Huffman tables written just before it.
    libjpeg warns about the repeated progression and decodes on: every scan
    is another pass over every block.
    """
    starts = [m.start() for m in re.finditer(rb"\xff\xda", data)]
    chunks = []
    ends = [_MARKER.search(data, start + 2 + _length(data, start)).start() for start in starts]
    for index in range(1, len(starts)):
        chunks.append(data[ends[index - 1] : ends[index]])
    smallest = min(chunks, key=len)
    end = data.rindex(b"\xff\xd9")
    return data[:end] + smallest * (scans - len(starts)) + data[end:]


PNG_CHANNELS = {0: 1, 2: 3, 3: 1, 4: 2, 6: 4}
# Adam7: (x start, y start, x step, y step) of each pass.
ADAM7 = [
    (0, 0, 8, 8),
    (4, 0, 8, 8),
    (0, 4, 4, 8),
    (2, 0, 4, 4),
    (0, 2, 2, 4),
    (1, 0, 2, 2),
    (0, 1, 1, 2),
]


def png_crafted(width, height, colour=6, depth=8, bits=2, interlaced=False, row_filter=4):
    """A PNG whose every row uses one filter (4: Paeth, the costliest to undo) on random
    residuals of `bits` bits: small to send, every pixel different to decode."""
    pixel = PNG_CHANNELS[colour] * depth // 8
    block = _random(width * pixel * 64, bits)
    passes = [(width, height)]
    if interlaced:
        passes = [
            ((width - x + dx - 1) // dx, (height - y + dy - 1) // dy) for x, y, dx, dy in ADAM7
        ]
    compressor, parts = zlib.compressobj(6), []
    for pass_width, pass_height in passes:
        row = pass_width * pixel
        for y in range(pass_height if pass_width else 0):
            offset = (y * 7919) % (63 * row + 1)
            parts.append(compressor.compress(bytes([row_filter]) + block[offset : offset + row]))
    parts.append(compressor.flush())
    stream = b"".join(parts)
    header = struct.pack(">IIBBBBB", width, height, depth, colour, 0, 0, int(interlaced))
    idat = b"".join(png_chunk(b"IDAT", stream[i : i + 65536]) for i in range(0, len(stream), 65536))
    return b"\x89PNG\r\n\x1a\n" + png_chunk(b"IHDR", header) + idat + png_chunk(b"IEND", b"")


def _accepted_cases():
    """(case, pixels, bytes): the worst file each budget lets through."""
    jpeg_side = (9248, 6936)  # 64 MP, under JPEG_MAX_PIXELS
    buffered = (2828, 2121)  # 6 MP, under JPEG_BUFFERED_MAX_PIXELS
    screen = (1080, 2460)  # LOSSLESS_MAX_PIXELS
    capture = (1080, 7400)  # under PNG_MAX_PIXELS
    deep = (1000, 4000)  # PNG_SLOW_MAX_PIXELS
    webp_side = (2236, 2236)  # under WEBP_MAX_PIXELS
    noisy = noise(buffered)
    progressive = jpeg_noise(buffered, progressive=True)
    scans = images.JPEG_MAX_SCANS
    yield "JPEG baseline 4:4:4, noise (10 MB)", jpeg_side, jpeg_noise(jpeg_side)
    yield "JPEG baseline CMYK, noise (10 MB)", jpeg_side, jpeg_noise(jpeg_side, "CMYK")
    yield "JPEG progressive 4:4:4, noise (10 MB)", buffered, progressive
    yield (
        f"JPEG progressive, noise, {scans} scans",
        buffered,
        _fitted(
            lambda q: jpeg_with_scans(
                _saved(noisy, format="JPEG", quality=q, subsampling=0, progressive=True), scans
            )
        ),
    )
    rgb_noise = _saved(noise(screen), format="PNG", compress_level=1)
    yield "PNG RGB noise, stored as PNG", screen, rgb_noise
    yield "PNG RGBA Paeth 4-bit noise, stored as PNG", screen, png_crafted(*screen, bits=4)
    yield "PNG RGBA Paeth 2-bit noise, as JPEG", capture, png_crafted(*capture)
    yield "PNG RGB Paeth 3-bit noise, as JPEG", capture, png_crafted(*capture, colour=2, bits=3)
    yield (
        "PNG RGBA Paeth 2-bit noise, interlaced, as JPEG",
        deep,
        png_crafted(*deep, interlaced=True),
    )
    yield (
        "PNG RGBA 16-bit Paeth 2-bit noise, interlaced, as JPEG",
        deep,
        png_crafted(*deep, depth=16, interlaced=True),
    )
    lossless = noise(screen, "RGBA", bits=4)
    yield (
        "WebP lossless RGBA 4-bit noise, stored as WebP",
        screen,
        _saved(lossless, format="WEBP", lossless=True, method=0, quality=0),
    )
    yield (
        "WebP lossless RGBA 2-bit noise, as JPEG",
        webp_side,
        _saved(noise(webp_side, "RGBA", bits=2), format="WEBP", lossless=True, method=0),
    )
    lossy = noise(webp_side)
    yield (
        "WebP lossy, noise (fitted to 10 MB), as JPEG",
        webp_side,
        _fitted(lambda q: _saved(lossy, format="WEBP", quality=q, method=0)),
    )
    lossy_alpha = noise(webp_side, "RGBA")
    yield (
        "WebP lossy with alpha, noise, as JPEG",
        webp_side,
        _fitted(lambda q: _saved(lossy_alpha, format="WEBP", quality=q, method=0)),
    )


def _refused_cases():
    """(case, pixels, bytes): bombs, each refused before anything is decoded."""
    review = Image.new("RGB", (7000, 7000), "white")
    yield (
        "WebP lossless 7000 × 7000 (the review's)",
        (7000, 7000),
        _saved(review, format="WEBP", lossless=True, method=0, quality=0),
    )
    yield (
        "PNG 20000 × 20000, 1 bit",
        (20_000, 20_000),
        png_of_zeros(20_000, 20_000, colour=0, depth=1),
    )
    yield "APNG 2000 × 2000, 100 frames", (2000, 2000, 100), apng_of_zeros(2000, 2000, 100)
    yield "WebP 2000 × 2000, 100 frames", (2000, 2000, 100), webp_animation(2000, 2000, 100)
    flat = _saved(Image.new("RGB", (4000, 3000), "white"), format="JPEG", progressive=True)
    yield "JPEG progressive, 10,000 scans", (4000, 3000), jpeg_with_scans(flat, 10_000)
    small = _saved(Image.new("RGB", (64, 64)), format="JPEG")
    yield (
        "JPEG, 2.5 million empty comments",
        (64, 64),
        small[:2] + b"\xff\xfe\x00\x02" * 2_500_000 + small[2:],
    )
    tiny = png_of_zeros(64, 64, colour=0, depth=1)
    yield (
        "PNG, 700,000 empty chunks",
        (64, 64),
        tiny[:33] + png_chunk(b"prIv", b"") * 700_000 + tiny[33:],
    )
    stream = zlib.compress(_random(512 * 512 * 3 + 512), 1)
    split = b"".join(png_chunk(b"IDAT", stream[i : i + 1]) for i in range(len(stream)))
    header = png_chunk(b"IHDR", struct.pack(">IIBBBBB", 512, 512, 8, 2, 0, 0, 0))
    yield (
        "PNG, image data in 1-byte chunks",
        (512, 512),
        b"\x89PNG\r\n\x1a\n" + header + split + png_chunk(b"IEND", b""),
    )


def _cpu_ms(data):
    """The median CPU of examine() on the bytes, and what it answered."""
    times, outcome = [], None
    for _ in range(RUNS):
        upload = SimpleUploadedFile("evidence", data)
        start = time.process_time()
        try:
            kept = examine(upload)
            outcome = f"stored {kept.file_type.extension}, {kept.content.size // 1024} KB"
        except Refused as refused:
            outcome = f"refused: {refused.reason}"
        times.append((time.process_time() - start) * 1000)
    return round(statistics.median(times), 1), outcome


def _pixels(size):
    return " × ".join(str(value) for value in size[:2]) + (
        f" × {size[2]} frames" if len(size) > 2 else ""
    )


def measure():
    """One row per worst accepted case, then per bomb refused: CPU of examine() in ms."""
    rows = []
    for kind, cases in (("accepted", _accepted_cases()), ("refused", _refused_cases())):
        for case, size, data in cases:
            print(f"{kind}: {case}…", file=sys.stderr, flush=True)
            if data is None or len(data) > MAX_SIZE:
                raise AssertionError(f"{case}: does not fit the upload limit")
            cpu_ms, outcome = _cpu_ms(data)
            if (kind == "refused") != outcome.startswith("refused"):
                raise AssertionError(f"{case}: expected {kind}, got {outcome}")
            rows.append(
                {
                    "case": case,
                    "pixels": _pixels(size),
                    "cpu_ms": cpu_ms,
                    "bound_ms": BOUND_MS,
                    "bytes": len(data),
                    "outcome": outcome,
                }
            )
    return rows


def main():
    rows = measure()
    print("| case | pixels | file | CPU (ms) | bound | outcome |")
    print("| --- | --- | --- | --- | --- | --- |")
    for row in rows:
        verdict = "ok" if row["cpu_ms"] < row["bound_ms"] else "MISSED"
        print(
            f"| {row['case']} | {row['pixels']} | {row['bytes'] / 1024 / 1024:.1f} MB "
            f"| {row['cpu_ms']:g} | < {row['bound_ms']} {verdict} | {row['outcome']} |"
        )
    worst = max(rows, key=lambda row: row["cpu_ms"])
    print(f"\nWorst: {worst['case']}, {worst['cpu_ms']:g} ms of CPU (median of {RUNS}).")


if __name__ == "__main__":
    main()
