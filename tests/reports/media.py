"""Real screenshots and recordings for the evidence tests, made here or read from fixtures/."""

import functools
import io
import math
import struct
import wave
import zlib
from pathlib import Path

from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

FIXTURES = Path(__file__).parent / "fixtures"


def fixture(name):
    """A recording made with ffmpeg (see fixtures/README.md)."""
    return (FIXTURES / name).read_bytes()


def image_bytes(format="PNG", size=(64, 40), mode="RGB", **save):
    """A small picture: a colour gradient, so that a decoder has real pixels to read."""
    image = Image.new(mode, size)
    if mode in ("RGB", "RGBA"):
        image.putdata(
            [
                (x * 255 // size[0], y * 255 // size[1], 128) + ((255,) if mode == "RGBA" else ())
                for y in range(size[1])
                for x in range(size[0])
            ]
        )
    out = io.BytesIO()
    image.save(out, format, **save)
    return out.getvalue()


def png(size=(64, 40), **save):
    return image_bytes("PNG", size, **save)


def jpeg(size=(64, 40), **save):
    return image_bytes("JPEG", size, **save)


def wav(seconds=0.5, rate=8000):
    """A 440 Hz tone, 16-bit mono PCM: what a call recorder saves as .wav."""
    out = io.BytesIO()
    with wave.open(out, "wb") as recording:
        recording.setnchannels(1)
        recording.setsampwidth(2)
        recording.setframerate(rate)
        recording.writeframes(
            b"".join(
                struct.pack("<h", int(8000 * math.sin(2 * math.pi * 440 * i / rate)))
                for i in range(int(seconds * rate))
            )
        )
    return out.getvalue()


def upload(name, data, content_type="application/octet-stream"):
    return SimpleUploadedFile(name, data, content_type=content_type)


def stored_image(evidence):
    """The stored file of an Evidence row, opened with Pillow."""
    with evidence.file.open("rb") as stored:
        image = Image.open(io.BytesIO(stored.read()))
        image.load()
    return image


# The security review's bomb: 7000 × 7000 pixels of one colour as a lossless WebP,
# 38 bytes (Pillow: Image.new("RGB", (7000, 7000), "white").save(out, "WEBP",
# lossless=True, method=0, quality=0)). Decoding it takes 196 MB, twice for the canvas.
REVIEW_WEBP_BOMB = bytes.fromhex(
    "524946461e000000574542505650384c110000002f57dbd50607d0fffef7bfff8188e87f0000"
)


def png_chunk(kind, body):
    return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body))


@functools.cache
def png_of_zeros(width, height, colour=6, depth=8):
    """A real PNG of width × height transparent black pixels (RGBA): a few hundred KB
    that decode to 4 bytes a pixel. Made row by row: the raw pixels never exist here."""
    channels = {0: 1, 2: 3, 4: 2, 6: 4}[colour]
    row = b"\x00" * (1 + (width * channels * depth + 7) // 8)
    compressor = zlib.compressobj(1)
    stream = b"".join(compressor.compress(row) for _ in range(height)) + compressor.flush()
    header = struct.pack(">IIBBBBB", width, height, depth, colour, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + png_chunk(b"IHDR", header)
        + png_chunk(b"IDAT", stream)
        + png_chunk(b"IEND", b"")
    )


def apng_of_zeros(width, height, frames):
    """An animated PNG: `frames` frames of width × height black pixels, one bit each."""
    still = png_of_zeros(width, height, colour=0, depth=1)
    stream = still[41:-16]  # the data of its one IDAT chunk
    body, sequence = [png_chunk(b"acTL", struct.pack(">II", frames, 0))], 0
    for frame in range(frames):
        control = struct.pack(">IIIIIHHBB", sequence, width, height, 0, 0, 1, 10, 0, 0)
        body.append(png_chunk(b"fcTL", control))
        sequence += 1
        if frame == 0:
            body.append(png_chunk(b"IDAT", stream))
        else:
            body.append(png_chunk(b"fdAT", struct.pack(">I", sequence) + stream))
            sequence += 1
    return still[:33] + b"".join(body) + png_chunk(b"IEND", b"")


def webp_animation(width, height, frames):
    """An animated WebP: `frames` frames, each the same lossless frame of one colour."""
    out = io.BytesIO()
    Image.new("RGB", (width, height), "white").save(out, "WEBP", lossless=True)
    bitstream = out.getvalue()[12:]  # its VP8L chunk

    def chunk(kind, body):
        return kind + struct.pack("<I", len(body)) + body + b"\x00" * (len(body) & 1)

    size = (width - 1).to_bytes(3, "little") + (height - 1).to_bytes(3, "little")
    frame = chunk(b"ANMF", b"\x00" * 6 + size + (100).to_bytes(3, "little") + b"\x00" + bitstream)
    body = (
        b"WEBP"
        + chunk(b"VP8X", b"\x02\x00\x00\x00" + size)  # flag: animation
        + chunk(b"ANIM", b"\xff\xff\xff\xff\x00\x00")
        + frame * frames
    )
    return b"RIFF" + struct.pack("<I", len(body)) + body
