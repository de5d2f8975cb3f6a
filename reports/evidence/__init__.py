"""Evidence files: what a file is, judged from its content, never from its name.

Only screenshots (JPEG, PNG, WebP) and call recordings (MP3, M4A, AAC, OGG,
AMR, WAV) are kept. The first bytes say which type a file claims to be; then
the whole file must prove it:

- An image is decoded with Pillow and stored as a fresh encoding of its
  pixels: no EXIF (a phone photo's GPS position), XMP, comment or text chunk
  of the original reaches the inspector, nor any bytes after the image.
- A recording cannot be re-encoded here (no audio codecs on the server), so it
  is stored as sent once mutagen has parsed it as the claimed format, and only
  if no markup a browser could act on hides anywhere in it.

An HTML page renamed `.jpg` or `.mp3` is refused, so nothing an inspector
opens can run in their browser.
"""

import io
import math
import re
from dataclasses import dataclass

from django.conf import settings
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import UploadedFile
from django.core.files.uploadhandler import FileUploadHandler, StopUpload
from mutagen import aac, mp3, mp4, oggopus, oggvorbis, wave
from PIL import Image, ImageOps

HEAD_SIZE = 64


@dataclass(frozen=True)
class FileType:
    type: str  # Evidence.Type value
    content_type: str
    extension: str


JPEG = FileType("image", "image/jpeg", "jpg")
PNG = FileType("image", "image/png", "png")
WEBP = FileType("image", "image/webp", "webp")
MP3 = FileType("audio", "audio/mpeg", "mp3")
M4A = FileType("audio", "audio/mp4", "m4a")
AAC = FileType("audio", "audio/aac", "aac")
OGG = FileType("audio", "audio/ogg", "ogg")
AMR = FileType("audio", "audio/amr", "amr")
WAV = FileType("audio", "audio/wav", "wav")

# AMR (3GPP TS 26.101, RFC 4867 storage format), which mutagen does not read:
# a magic line, then frames whose header byte (0 FFFF Q 00) gives their size
# from the frame type FFFF. None: a reserved frame type.
AMR_NB_MAGIC = b"#!AMR\n"
AMR_WB_MAGIC = b"#!AMR-WB\n"
AMR_FRAME_SIZES = {
    AMR_NB_MAGIC: (13, 14, 16, 18, 20, 21, 27, 32, 6, None, None, None, None, None, None, 1),
    AMR_WB_MAGIC: (18, 24, 33, 37, 41, 47, 51, 59, 61, 6, None, None, None, None, 1, 1),
}


# ISO base media brands phones use for audio recordings (.m4a, .3gp voice memos).
MP4_BRANDS = {b"M4A ", b"M4B ", b"mp41", b"mp42", b"isom", b"iso2", b"3gp4", b"3gp5", b"3gp6"}

# Refused above this many pixels, before anything is decoded: 50 × 2²⁰, so a
# 50-megapixel phone photo (8192 × 6144) still fits, a decompression bomb (a
# few KB that decode to gigabytes) never does.
MAX_PIXELS = 50 * 1024 * 1024
# Stored at most this many pixels (4096 × 4096): more only costs the worker
# memory. By area, not by the longest side, so that a tall scrolled chat
# screenshot (1080 × 10000) keeps its text readable.
STORED_MAX_PIXELS = 4096 * 4096
JPEG_QUALITY = 88


class Refused(Exception):
    """Why a file is not kept; the form turns the reason into the citizen's message."""

    NOT_EVIDENCE = "not_evidence"  # neither an accepted image nor a recording
    BROKEN_IMAGE = "broken_image"  # says it is an image, but does not decode
    TOO_MANY_PIXELS = "too_many_pixels"

    def __init__(self, reason):
        super().__init__(reason)
        self.reason = reason


@dataclass(frozen=True)
class Accepted:
    file_type: FileType
    content: object  # a django File: what to store (its .size is the stored size)


def sniff(head):
    """The FileType a file claims to be from its first bytes, or None when it is not accepted.

    A claim only: `examine()` then checks the whole file.
    """
    if head.startswith(b"\xff\xd8\xff"):
        return JPEG
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return PNG
    if head[:4] == b"RIFF" and head[8:12] == b"WEBP":
        return WEBP
    if head[:4] == b"RIFF" and head[8:12] == b"WAVE":
        return WAV
    if head.startswith(b"ID3"):
        return MP3
    if head[4:8] == b"ftyp" and head[8:12] in MP4_BRANDS:
        return M4A
    if head.startswith(b"OggS"):
        return OGG
    if head.startswith((AMR_NB_MAGIC, AMR_WB_MAGIC)):
        return AMR
    if head.startswith(b"ADIF"):
        return AAC
    # MP3 and AAC without a tag have no magic number, only a frame sync:
    # twelve set bits and layer 00 for ADTS (AAC), eleven for MPEG audio.
    if len(head) >= 2 and head[0] == 0xFF and head[1] & 0xF6 == 0xF0:
        return AAC
    if len(head) >= 2 and head[0] == 0xFF and head[1] & 0xE0 == 0xE0:
        return MP3
    return None


def examine(upload):
    """What to store for an upload: Accepted, or raises Refused.

    Images come back re-encoded (a new ContentFile), recordings as sent.
    """
    upload.seek(0)
    head = upload.read(HEAD_SIZE)
    upload.seek(0)
    file_type = sniff(head)
    if file_type is None:
        raise Refused(Refused.NOT_EVIDENCE)
    if file_type.type == "image":
        return Accepted(file_type, reencode_image(upload, file_type, head))
    check_recording(upload.file, file_type)
    upload.seek(0)
    return Accepted(file_type, upload)


PILLOW_FORMATS = {JPEG: "JPEG", PNG: "PNG", WEBP: "WEBP"}


def reencode_image(upload, file_type, head=b""):
    """A ContentFile with the image's pixels alone, upright; raises Refused.

    The original's bytes never reach storage: whatever hides in metadata
    or after the image (HTML, a GPS position) is not carried over.
    """
    upload.seek(0)
    try:
        # Only the claimed format's decoder: a GIF or SVG renamed .jpg is no JPEG.
        image = Image.open(upload, formats=[PILLOW_FORMATS[file_type]])
    except (Image.DecompressionBombError, Image.DecompressionBombWarning):
        # Pillow's own guard, far above ours; a warning only unless turned into an error.
        raise Refused(Refused.TOO_MANY_PIXELS) from None
    except Exception:  # whatever a broken file makes a decoder raise: never a 500
        raise Refused(Refused.BROKEN_IMAGE) from None
    with image:
        width, height = image.size
        if width * height > MAX_PIXELS:
            raise Refused(Refused.TOO_MANY_PIXELS)
        try:
            return ContentFile(_encode(_decode(image, file_type), file_type, head))
        except Exception:
            raise Refused(Refused.BROKEN_IMAGE) from None


def _decode(image, file_type):
    """The image decoded, upright, at most STORED_MAX_PIXELS."""
    width, height = image.size
    if file_type is JPEG and width * height > STORED_MAX_PIXELS:
        # A JPEG decodes at 1/2, 1/4 or 1/8 scale for a fraction of the memory
        # and time: the largest reduction that keeps a quarter of what is stored.
        scale = next(
            (s for s in (8, 4, 2) if (width // s) * (height // s) >= STORED_MAX_PIXELS // 4), 1
        )
        image.draft(None, (width // scale, height // scale))
    image.load()
    # A phone photo is stored as the camera held it, then EXIF goes with the rest.
    ImageOps.exif_transpose(image, in_place=True)
    if image.width * image.height > STORED_MAX_PIXELS:
        ratio = math.sqrt(STORED_MAX_PIXELS / (image.width * image.height))
        size = (max(1, int(image.width * ratio)), max(1, int(image.height * ratio)))
        image = image.resize(size, Image.Resampling.LANCZOS, reducing_gap=3.0)
    return image


def _encode(image, file_type, head):
    """The pixels in the same format, without anything else of the original."""
    transparency = image.info.get("transparency")  # a palette's transparent colour
    # EXIF (GPS), XMP, ICC profile, comments, PNG text: none of it is written.
    image.info = {}
    out = io.BytesIO()
    if file_type is JPEG:
        image.save(out, "JPEG", quality=JPEG_QUALITY)
    elif file_type is PNG:
        extra = {} if transparency is None else {"transparency": transparency}
        image.save(out, "PNG", optimize=True, **extra)
    else:
        # A lossless original (VP8L) stays lossless: screenshots' text stays sharp.
        image.save(out, "WEBP", quality=JPEG_QUALITY, lossless=head[12:16] == b"VP8L")
    return out.getvalue()


# Markup that a browser sniffing for HTML, SVG or XML acts on, as ASCII or
# UTF-16 (Notepad's "Unicode"), followed by what ends a tag name. One pattern
# each, searched in the lower-cased bytes: each is then a fast literal scan.
MARKUP_TAGS = ("<html", "<head", "<body", "<script", "<svg", "<!doctype", "<iframe", "<?xml")
_TAG_END = b"[ \t\n\r\x0c>/]"
MARKUP = [
    re.compile(re.escape(tag.encode(encoding)) + end)
    for encoding, end in (
        ("ascii", _TAG_END),
        ("utf-16-le", _TAG_END + b"\x00"),
        ("utf-16-be", b"\x00" + _TAG_END),
    )
    for tag in MARKUP_TAGS
]
MARKUP_OVERLAP = 64  # longer than any match, so none is split between two reads


def has_markup(fileobj, chunk_size=1024 * 1024):
    """Whether markup a browser would act on appears anywhere in the file.

    A recording is stored byte for byte (nothing here can re-encode audio),
    and its container happily carries anything: an ID3 comment, MP4 free
    atoms, data after the last frame. Downloads go out as attachments with
    nosniff and a sandbox, but a browser that sniffs anyway, or an inspector
    who saves the file and opens it, must find no page to run. Compressed
    audio almost never holds these exact tags by chance.
    """
    fileobj.seek(0)
    tail = b""
    while chunk := fileobj.read(chunk_size):
        text = (tail + chunk).lower()
        if any(pattern.search(text) for pattern in MARKUP):
            return True
        tail = chunk[-MARKUP_OVERLAP:]
    return False


def check_recording(fileobj, file_type):
    """Raise Refused unless the file is a whole recording of the claimed format."""
    if has_markup(fileobj):
        raise Refused(Refused.NOT_EVIDENCE)
    fileobj.seek(0)
    try:
        valid = amr_frames_tile(fileobj.read()) if file_type is AMR else _parses(fileobj, file_type)
    except Exception:  # whatever a broken file makes a parser raise: never a 500
        valid = False
    if not valid:
        raise Refused(Refused.NOT_EVIDENCE)


MUTAGEN_PARSERS = {
    MP3: [mp3.MP3],
    M4A: [mp4.MP4],
    AAC: [aac.AAC],
    OGG: [oggvorbis.OggVorbis, oggopus.OggOpus],
    WAV: [wave.WAVE],
}


def _parses(fileobj, file_type):
    """Whether mutagen reads the file as the claimed format, with some sound in it."""
    for parser in MUTAGEN_PARSERS[file_type]:
        fileobj.seek(0)
        try:
            info = parser(fileobj).info
        except Exception:
            continue
        if not info.length > 0:
            return False
        if file_type is MP3:
            # mutagen looks for frames anywhere in the first megabyte: a file
            # without a tag must start with the first of at least four frames.
            fileobj.seek(0)
            tagged = fileobj.read(3) == b"ID3"
            return not info.sketchy and (tagged or info.frame_offset == 0)
        return True
    return False


def amr_frames_tile(data):
    """Whether an AMR file is its magic line and whole frames up to its last byte."""
    magic = AMR_WB_MAGIC if data.startswith(AMR_WB_MAGIC) else AMR_NB_MAGIC
    if not data.startswith(magic):
        return False
    sizes = AMR_FRAME_SIZES[magic]
    position, frames = len(magic), 0
    while position < len(data):
        header = data[position]
        size = sizes[(header >> 3) & 0x0F]
        if header & 0x83 or size is None:  # padding bits must be 0
            return False
        position += size
        frames += 1
    return frames > 0 and position == len(data)


class OversizeUpload(UploadedFile):
    """Stands for a file that went over the limit: its bytes were never kept."""

    def __init__(self, name, size):
        super().__init__(file=None, name=name, content_type="", size=size)
        self.oversize = True


class EvidenceSizeLimitHandler(FileUploadHandler):
    """Counts the files and each file's bytes while the body is read.

    Put first in `request.upload_handlers`. A file over REPORT_EVIDENCE_MAX_SIZE
    is dropped (the other fields of the form are still parsed, so the
    citizen's text comes back with a clear message) and fills neither memory
    nor disk. At the first file beyond REPORT_EVIDENCE_MAX_FILES, reading
    stops altogether: `too_many_files` is then set, and the fields read
    before it are kept.
    """

    def __init__(self, request=None):
        super().__init__(request)
        self.files = 0
        self.too_many_files = False

    def new_file(self, *args, **kwargs):
        super().new_file(*args, **kwargs)
        self.files += 1
        if self.files > settings.REPORT_EVIDENCE_MAX_FILES:
            self.too_many_files = True
            # connection_reset: the rest of the body is not even read to be thrown away.
            raise StopUpload(connection_reset=True)
        self.received = 0
        self.over = False

    def receive_data_chunk(self, raw_data, start):
        self.received += len(raw_data)
        if self.received > settings.REPORT_EVIDENCE_MAX_SIZE:
            self.over = True
        # Returning None stops the chunk: later handlers never store it.
        return None if self.over else raw_data

    def file_complete(self, file_size):
        if self.over:
            return OversizeUpload(self.file_name, self.received)
        return None
