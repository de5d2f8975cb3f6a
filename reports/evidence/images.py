"""Screenshots and photos: the structure is read from the bytes first, the pixels within a budget.

Before anything is decoded, the file's own header says how much work it
is: its canvas, how many frames an animation has, how a JPEG is coded and in
how many scans. A file over the budget of its kind is refused there (a
decompression bomb is a few KB that decode to gigabytes). Only then does
Pillow decode the first frame and write a fresh file of its pixels alone:
no EXIF (a phone photo's GPS position), XMP, comment or text chunk of the
original reaches the inspector, nor any bytes after the image.

Each budget is sized so that the worst file accepted (the largest, with
content an encoder can hardly predict) costs under a second of CPU from
bytes to stored file; `bench/worst_evidence.py` measures each of them.
"""

import io
import math
import re
import struct
from dataclasses import dataclass

from PIL import Image, ImageOps

from .formats import JPEG, PNG, WEBP, Refused

# A baseline JPEG (what cameras and phones write) is decoded in one pass over
# its data, at 1/2, 1/4 or 1/8 scale when large (draft), so its cost follows
# its bytes (at most REPORT_EVIDENCE_MAX_SIZE) more than its pixels: a
# 64-megapixel phone photo (9248 × 6936) still fits.
JPEG_MAX_PIXELS = 65_000_000
# A progressive JPEG, or one whose colours come in several scans, keeps the
# coefficients of the whole image in memory (up to 6 bytes a pixel) and goes
# over all of them once a scan, whatever the scale: 8 MP of 10 MB took 0.7 s
# under load. Phones never write one; images saved from the web and chat
# apps (2048 × 2048 at most) fit.
JPEG_BUFFERED_MAX_PIXELS = 6_000_000
# libjpeg writes 10 scans (6 in grey, 18 in CMYK), optimisers a dozen. A
# scan costs a pass over every block even when it carries 26 bytes: a file
# of 10,000 such scans took 107 s to decode.
JPEG_MAX_SCANS = 20
# Markers before the image data: a phone writes about 15 (EXIF, ICC profile
# in parts, tables). Pillow reads each in Python: 2.5 million empty comments
# (10 MB) took it 2.8 s just to open the file.
JPEG_MAX_SEGMENTS = 256

# PNG cannot be decoded at a reduced scale: every byte is inflated and
# unfiltered (up to 80 ms a megapixel). A phone's screenshot (1080 × 2400,
# 1440 × 3200) fits, and so does a scrolled chat capture of three screens
# (1080 × 7400) or a 4K desktop (3840 × 2160).
PNG_MAX_PIXELS = 8_000_000
# 16 bits a sample is twice the bytes to inflate and unfilter per pixel, and
# interlacing (Adam7, seven passes; no phone writes it) a third more time.
PNG_SLOW_MAX_PIXELS = PNG_MAX_PIXELS // 2
# Chunks, each read by Pillow in Python: a 10 MB file cut in 1 KB chunks is
# 10,000; 700,000 empty ones took 3.1 s to open.
PNG_MAX_CHUNKS = 10_000

# Lossy WebP costs the most to decode of all (up to 115 ms a megapixel):
# phones' screenshots (1440 × 3200) and web images (2048 × 2048) fit.
WEBP_MAX_PIXELS = 5_000_000
# Chunks of a WebP file: one per frame of an animation.
WEBP_MAX_CHUNKS = 1024

# Up to this many pixels a lossless original (PNG, lossless WebP) is stored
# losslessly, in its own format: the FHD+ screen of most phones (1080 × 2340
# to 2460). Larger, it is stored as a JPEG: Pillow's PNG encoder tries every
# filter on every row and costs up to 230 ms a megapixel on pixels it cannot
# predict, JPEG at most 20.
LOSSLESS_MAX_PIXELS = 1080 * 2460
# The largest image stored (4096 × 4096): a JPEG over it is decoded at a
# reduced scale. JPEG_MAX_PIXELS is at most four times this, so that 1/2
# scale always brings it under: no resampling is ever needed.
STORED_MAX_PIXELS = 4096 * 4096
JPEG_QUALITY = 88
# zlib's fastest level: level 6 took 3.8 s on 4 MP of noisy pixels, level 1 0.5 s.
PNG_COMPRESS_LEVEL = 1
# libwebp's fastest lossless effort (method 0, quality 0).
WEBP_LOSSLESS_METHOD = 0
WEBP_LOSSLESS_EFFORT = 0

PILLOW_FORMATS = {JPEG: "JPEG", PNG: "PNG", WEBP: "WEBP"}


@dataclass(frozen=True)
class Header:
    """What an image's bytes say it decodes to, and the budget for its kind."""

    width: int
    height: int
    limit: int  # pixels accepted for this kind of image
    frames: int = 1
    lossless: bool = False

    @property
    def pixels(self):
        return self.width * self.height * self.frames


def _broken():
    return Refused(Refused.BROKEN_IMAGE)


# JPEG frame types Pillow decodes well: baseline, extended (8 bits) and progressive.
SOF_PROGRESSIVE = {0xC0: False, 0xC1: False, 0xC2: True}
# Lossless, hierarchical and arithmetic-coded JPEG: no camera writes them,
# and they cannot be decoded at a reduced scale.
SOF_REFUSED = {0xC3, 0xC5, 0xC6, 0xC7, 0xC9, 0xCA, 0xCB, 0xCD, 0xCE, 0xCF}
SOS, EOI = 0xDA, 0xD9
# Markers without a length: TEM, RST0–7, SOI.
STANDALONE = {0x01, *range(0xD0, 0xD9)}
# A marker in a scan's coded data: 0xFF then anything but a stuffed 0x00, a
# restart marker or more 0xFF fill. One byte after one 0xFF: a linear search.
_MARKER_IN_SCAN = re.compile(rb"\xff[^\x00\xd0-\xd7\xff]")
_FILL = re.compile(rb"\xff+")


def _jpeg_header(data):
    """Walk the markers of the first image (an MPO's others are never decoded)."""
    position, segments, scans, frame = 2, 0, 0, None
    while True:
        if scans:  # skip the coded data of the scan before
            found = _MARKER_IN_SCAN.search(data, position)
            if found is None:
                break  # cut short: Pillow refuses a truncated file itself
            position = found.start()
        fill = _FILL.match(data, position)
        if fill is None or fill.end() >= len(data):
            raise _broken()
        position = fill.end() - 1
        marker = data[position + 1]
        segments += 1
        if segments > JPEG_MAX_SEGMENTS:
            raise _broken()
        if marker == EOI:
            break
        if marker in STANDALONE:
            position += 2
            continue
        (length,) = struct.unpack_from(">H", data, position + 2)
        if marker in SOF_PROGRESSIVE:
            if frame is not None:
                raise _broken()
            precision, height, width = struct.unpack_from(">BHH", data, position + 4)
            if precision != 8:
                raise _broken()
            frame = (width, height, SOF_PROGRESSIVE[marker])
        elif marker in SOF_REFUSED:
            raise _broken()
        elif marker == SOS:
            scans += 1
            if frame is None or scans > JPEG_MAX_SCANS:
                raise _broken()
        position += 2 + length
    if frame is None:
        raise _broken()
    width, height, progressive = frame
    buffered = progressive or scans > 1
    return Header(width, height, JPEG_BUFFERED_MAX_PIXELS if buffered else JPEG_MAX_PIXELS)


def _png_header(data):
    """IHDR's size and depth, and the frames an animation (APNG) declares or holds."""
    if data[12:16] != b"IHDR":
        raise _broken()
    width, height, depth, _colour, _compression, _filter, interlace = struct.unpack_from(
        ">IIBBBBB", data, 16
    )
    position, chunks, declared, controls = 8, 0, 1, 0
    while position + 8 <= len(data):
        length, kind = struct.unpack_from(">I4s", data, position)
        chunks += 1
        if chunks > PNG_MAX_CHUNKS:
            raise _broken()
        if kind == b"acTL":
            (declared,) = struct.unpack_from(">I", data, position + 8)
        elif kind == b"fcTL":
            controls += 1
        elif kind == b"IEND":
            break
        position += 12 + length
    limit = PNG_SLOW_MAX_PIXELS if depth == 16 or interlace else PNG_MAX_PIXELS
    # Pillow decodes 16 bits to 8: not lossless, so stored as a JPEG.
    lossless = depth <= 8
    return Header(width, height, limit, frames=max(1, declared, controls), lossless=lossless)


def _webp_bitstream_size(kind, data, body):
    if kind == b"VP8L":
        if data[body] != 0x2F:
            raise _broken()
        (bits,) = struct.unpack_from("<I", data, body + 1)
        return (bits & 0x3FFF) + 1, ((bits >> 14) & 0x3FFF) + 1
    if data[body + 3 : body + 6] != b"\x9d\x01\x2a":
        raise _broken()
    width, height = struct.unpack_from("<HH", data, body + 6)
    return width & 0x3FFF, height & 0x3FFF


def _webp_header(data):
    """The canvas (VP8X) or the image's own size, and the frames (ANMF chunks).

    Read here, not by Pillow: its WebP decoder allocates the whole canvas,
    twice, as soon as the file is opened.
    """
    position, chunks, frames, canvas, lossless = 12, 0, 0, None, False
    while position + 8 <= len(data):
        kind, length = struct.unpack_from("<4sI", data, position)
        body = position + 8
        chunks += 1
        if chunks > WEBP_MAX_CHUNKS:
            raise _broken()
        if kind == b"VP8X" and chunks == 1:
            canvas = (
                int.from_bytes(data[body + 4 : body + 7], "little") + 1,
                int.from_bytes(data[body + 7 : body + 10], "little") + 1,
            )
        elif kind == b"ANMF":
            frames += 1
        elif kind in (b"VP8 ", b"VP8L") and not frames:
            size = _webp_bitstream_size(kind, data, body)
            if canvas not in (None, size):
                raise _broken()  # a still image is its canvas, no larger
            canvas = size
            lossless = kind == b"VP8L"
        position = body + length + (length & 1)
    if canvas is None:
        raise _broken()
    # An animation is stored as its first frame, which may be lossy: as a JPEG.
    return Header(*canvas, WEBP_MAX_PIXELS, frames=max(1, frames), lossless=lossless and not frames)


HEADER_READERS = {JPEG: _jpeg_header, PNG: _png_header, WEBP: _webp_header}


def read_header(data, file_type):
    """The image's Header from its bytes alone; raises Refused when over its budget.

    Nothing is decoded here: this is what decides whether anything will be.
    """
    try:
        header = HEADER_READERS[file_type](data)
    except (struct.error, IndexError):  # a header cut short
        raise _broken() from None
    if header.width < 1 or header.height < 1:
        raise _broken()
    if header.pixels > header.limit:
        raise Refused(Refused.TOO_MANY_PIXELS, pixels=header.pixels, limit=header.limit)
    return header


def reencode_image(data, file_type):
    """(FileType stored, bytes): the image's pixels alone, upright; raises Refused.

    The original's bytes never reach storage: whatever hides in metadata or
    after the image (HTML, a GPS position) is not carried over.
    """
    header = read_header(data, file_type)
    try:
        # Only the claimed format's decoder: a GIF or SVG renamed .jpg is no JPEG.
        image = Image.open(io.BytesIO(data), formats=[PILLOW_FORMATS[file_type]])
    except Exception:  # whatever a broken file makes a decoder raise: never a 500
        raise _broken() from None
    with image:
        if image.size != (header.width, header.height):
            raise _broken()  # the budget was for what the header says: the decoder must agree
        try:
            return _encode(_decode(image, file_type), file_type, header)
        except Exception:
            raise _broken() from None


def draft_scale(width, height):
    """The JPEG decoding scale (1, 2, 4 or 8) that brings it to at most STORED_MAX_PIXELS."""
    for scale in (1, 2, 4, 8):
        if math.ceil(width / scale) * math.ceil(height / scale) <= STORED_MAX_PIXELS:
            return scale
    return 8


def _decode(image, file_type):
    """The first frame decoded, upright; a large JPEG at a reduced scale."""
    if file_type is JPEG:
        scale = draft_scale(*image.size)
        if scale > 1:
            # Straight from the JPEG data, for a fraction of the memory and time.
            image.draft(None, (image.width // scale, image.height // scale))
    image.load()
    # A phone photo is stored as the camera held it, then EXIF goes with the rest.
    ImageOps.exif_transpose(image, in_place=True)
    return image


def _encode(image, file_type, header):
    """(FileType, bytes) of a new file of the pixels, without anything else of the original."""
    transparency = image.info.get("transparency")  # a palette's transparent colour
    # EXIF (GPS), XMP, ICC profile, comments, PNG text: none of it is written.
    image.info = {}
    out = io.BytesIO()
    if header.lossless and image.width * image.height <= LOSSLESS_MAX_PIXELS:
        if file_type is PNG and image.mode == "P":
            # Palette images are written unfiltered, at no cost: their transparency stays.
            extra = {} if transparency is None else {"transparency": transparency}
            image.save(out, "PNG", compress_level=PNG_COMPRESS_LEVEL, **extra)
            return PNG, out.getvalue()
        # An alpha channel goes onto white: a screenshot has none that is not opaque
        # (Android's are), and a fourth channel is a third more to encode.
        image = _opaque(image, transparency)
        if file_type is PNG:
            image.save(out, "PNG", compress_level=PNG_COMPRESS_LEVEL)
        else:
            image.save(
                out,
                "WEBP",
                lossless=True,
                method=WEBP_LOSSLESS_METHOD,
                quality=WEBP_LOSSLESS_EFFORT,
            )
        return file_type, out.getvalue()
    if file_type is JPEG:
        # CMYK (print, not phones) as RGB: a fourth channel at our quality can triple
        # the size of what was sent, and browsers show CMYK's colours wrong anyway.
        photo = image.convert("RGB") if image.mode == "CMYK" else image
        photo.save(out, "JPEG", quality=JPEG_QUALITY)
    else:
        # A screenshot's coloured text keeps sharp edges without chroma subsampling.
        _opaque(image, transparency).save(out, "JPEG", quality=JPEG_QUALITY, subsampling=0)
    return JPEG, out.getvalue()


def _opaque(image, transparency):
    """The image in a mode JPEG takes: transparency on white, 16-bit grey brought to 8."""
    if image.mode in ("RGB", "L"):
        return image
    if image.mode in ("I", "I;16", "I;16B", "I;16L"):
        return image.convert("I").point(lambda value: value / 256).convert("L")
    if image.mode == "1":
        return image.convert("L")
    if image.mode == "P" and transparency is None:
        return image.convert("RGB")
    if transparency is not None:
        image.info["transparency"] = transparency  # for convert() to turn into alpha
    rgba = image.convert("RGBA")
    opaque = Image.new("RGB", image.size, "white")
    opaque.paste(rgba, mask=rgba.getchannel("A"))
    return opaque
