"""Evidence files: what a file is, judged from its first bytes, never from its name.

Only screenshots (JPEG, PNG, WebP) and call recordings (MP3, M4A, AAC, OGG,
AMR, WAV) are kept. An HTML page renamed `.jpg` is refused, so nothing an
inspector opens can run in their browser.
"""

from dataclasses import dataclass

from django.conf import settings
from django.core.files.uploadedfile import UploadedFile
from django.core.files.uploadhandler import FileUploadHandler

HEAD_SIZE = 16


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

# ISO base media brands phones use for audio recordings (.m4a, .3gp voice memos).
MP4_BRANDS = {b"M4A ", b"M4B ", b"mp41", b"mp42", b"isom", b"iso2", b"3gp4", b"3gp5", b"3gp6"}


def sniff(head):
    """The FileType of a file from its first bytes, or None when it is not accepted."""
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
    if head.startswith(b"#!AMR"):
        return AMR
    if head.startswith(b"ADIF"):
        return AAC
    if len(head) >= 2 and head[0] == 0xFF and head[1] & 0xE0 == 0xE0:
        # Frame sync: the layer bits tell MPEG audio (MP3) from ADTS (AAC, layer 00).
        layer = (head[1] >> 1) & 0b11
        if layer == 0:
            return AAC
        return MP3
    return None


def sniff_upload(upload):
    upload.seek(0)
    head = upload.read(HEAD_SIZE)
    upload.seek(0)
    return sniff(head)


class OversizeUpload(UploadedFile):
    """Stands for a file that went over the limit: its bytes were never kept."""

    def __init__(self, name, size):
        super().__init__(file=None, name=name, content_type="", size=size)
        self.oversize = True


class EvidenceSizeLimitHandler(FileUploadHandler):
    """Counts each file's bytes and drops a file once it goes over REPORT_EVIDENCE_MAX_SIZE.

    Put first in `request.upload_handlers`: the other fields of the form are
    still parsed, so the citizen's text comes back with a clear message, and
    an oversize file fills neither memory nor disk.
    """

    def new_file(self, *args, **kwargs):
        super().new_file(*args, **kwargs)
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
