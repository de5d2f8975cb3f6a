"""Evidence files: what a file is, judged from its content, never from its name.

Only screenshots (JPEG, PNG, WebP) and call recordings (MP3, M4A, AAC, OGG,
AMR, WAV) are kept. The first bytes say which type a file claims to be; then
the whole file must prove it:

- An image's structure is read from its bytes and must fit the budget of
  its kind before anything is decoded (`images`); then Pillow decodes it
  and it is stored as a fresh encoding of its pixels: no EXIF (a phone
  photo's GPS position), XMP, comment or text chunk of the original reaches
  the inspector, nor any bytes after the image.
- A recording cannot be re-encoded here (no audio codecs on the server): it
  is kept once mutagen has parsed it as the claimed format, only if no
  markup a browser could act on hides anywhere in it, and stored with its
  tags deleted (`recordings`).

An HTML page renamed `.jpg` or `.mp3` is refused, so nothing an inspector
opens can run in their browser.
"""

import io

from django.core.files.base import ContentFile

from .formats import (
    AAC,
    AMR,
    HEAD_SIZE,
    JPEG,
    M4A,
    MP3,
    OGG,
    PNG,
    WAV,
    WEBP,
    Accepted,
    FileType,
    Refused,
    sniff,
)
from .images import read_header, reencode_image
from .recordings import amr_frames_tile, check_recording, has_markup, without_tags
from .uploads import EvidenceSizeLimitHandler, OversizeUpload

__all__ = [
    "AAC",
    "AMR",
    "JPEG",
    "M4A",
    "MP3",
    "OGG",
    "PNG",
    "WAV",
    "WEBP",
    "Accepted",
    "EvidenceSizeLimitHandler",
    "FileType",
    "OversizeUpload",
    "Refused",
    "amr_frames_tile",
    "examine",
    "has_markup",
    "read_header",
    "sniff",
]


def examine(upload):
    """What to store for an upload: Accepted, or raises Refused.

    Images come back re-encoded, recordings without their tags: in both
    cases a new ContentFile, never the bytes as sent. The upload is read
    whole: the form has checked its size (REPORT_EVIDENCE_MAX_SIZE) first.
    """
    upload.seek(0)
    head = upload.read(HEAD_SIZE)
    upload.seek(0)
    file_type = sniff(head)
    if file_type is None:
        raise Refused(Refused.NOT_EVIDENCE)
    data = upload.read()
    upload.seek(0)
    if file_type.type == "image":
        stored_type, content = reencode_image(data, file_type)
        return Accepted(stored_type, ContentFile(content))
    check_recording(io.BytesIO(data), file_type)
    return Accepted(file_type, ContentFile(without_tags(data, file_type)))
