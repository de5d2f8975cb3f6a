"""Real screenshots and recordings for the evidence tests, made here or read from fixtures/."""

import io
import math
import struct
import wave
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
