"""Evidence files: what a file is, judged from its first bytes, never from its name.

Only screenshots (JPEG, PNG, WebP) and call recordings (MP3, M4A, AAC, OGG,
AMR, WAV) are kept. An HTML page renamed `.jpg` is refused, so nothing an
inspector opens can run in their browser.

MP3 and AAC without a tag have no magic number, only a frame header that
starts with eleven set bits: a UTF-16 text (BOM FF FE) starts the same way.
So their header fields are checked one by one, and the next frame header
must sit exactly where the first frame says it ends, which text never does.
"""

from dataclasses import dataclass

from django.conf import settings
from django.core.files.uploadedfile import UploadedFile
from django.core.files.uploadhandler import FileUploadHandler

# Enough for the longest MPEG audio frame (2,881 bytes) or ADTS frame (8,191
# bytes) plus the next header: the second header is always in the head.
HEAD_SIZE = 8192 + 16


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
    if is_id3_tag(head):
        return MP3
    if head[4:8] == b"ftyp" and head[8:12] in MP4_BRANDS:
        return M4A
    if head.startswith(b"OggS"):
        return OGG
    if head.startswith(b"#!AMR"):
        return AMR
    if head.startswith(b"ADIF"):
        return AAC
    if _frames_follow(head, adts_frame_length):
        return AAC
    if _frames_follow(head, mpeg_frame_length):
        return MP3
    return None


def is_id3_tag(head):
    """An ID3v2 tag (what starts most MP3 files): version 2–4, a "syncsafe" size (7 bits a byte)."""
    return (
        len(head) >= 10
        and head.startswith(b"ID3")
        and head[3] in (2, 3, 4)
        and head[4] != 0xFF
        and all(byte < 0x80 for byte in head[6:10])
    )


# MPEG audio bitrates in kbit/s by (MPEG-1?, layer), bitrate index 1–14
# (0 is "free format" and 15 is forbidden: neither is accepted).
MPEG_BITRATES = {
    (True, 1): (32, 64, 96, 128, 160, 192, 224, 256, 288, 320, 352, 384, 416, 448),
    (True, 2): (32, 48, 56, 64, 80, 96, 112, 128, 160, 192, 224, 256, 320, 384),
    (True, 3): (32, 40, 48, 56, 64, 80, 96, 112, 128, 160, 192, 224, 256, 320),
    (False, 1): (32, 48, 56, 64, 80, 96, 112, 128, 144, 160, 176, 192, 224, 256),
    (False, 2): (8, 16, 24, 32, 40, 48, 56, 64, 80, 96, 112, 128, 144, 160),
    (False, 3): (8, 16, 24, 32, 40, 48, 56, 64, 80, 96, 112, 128, 144, 160),
}
# Sample rates in Hz by version bits: 11 MPEG-1, 10 MPEG-2, 00 MPEG-2.5 (01 is reserved).
MPEG_SAMPLE_RATES = {
    0b11: (44100, 48000, 32000),
    0b10: (22050, 24000, 16000),
    0b00: (11025, 12000, 8000),
}


def mpeg_frame_length(header):
    """The length in bytes of the MPEG audio frame (MP3) this header starts, or None.

    None when any field holds a reserved or forbidden value: version 01,
    layer 00, bitrate index 0000 or 1111, sample-rate index 11, emphasis 10.
    """
    if len(header) < 4 or header[0] != 0xFF or header[1] & 0xE0 != 0xE0:
        return None
    version = (header[1] >> 3) & 0b11
    layer = 4 - ((header[1] >> 1) & 0b11)  # bits 11 → layer I, 01 → layer III
    bitrate_index = header[2] >> 4
    rate_index = (header[2] >> 2) & 0b11
    padding = (header[2] >> 1) & 1
    if version == 0b01 or layer == 4 or bitrate_index in (0, 15) or rate_index == 3:
        return None
    if header[3] & 0b11 == 0b10:
        return None
    mpeg1 = version == 0b11
    bitrate = MPEG_BITRATES[(mpeg1, layer)][bitrate_index - 1] * 1000
    rate = MPEG_SAMPLE_RATES[version][rate_index]
    if layer == 1:
        return (12 * bitrate // rate + padding) * 4
    # Layer III of MPEG-2 and 2.5 carries 576 samples a frame, not 1152.
    samples = 576 if layer == 3 and not mpeg1 else 1152
    return samples // 8 * bitrate // rate + padding


def adts_frame_length(header):
    """The length in bytes of the ADTS frame (AAC) this header starts, or None.

    ADTS has twelve sync bits, layer 00 and a sampling index 0–12 (13–15
    are reserved or not allowed); the frame length counts its own header.
    """
    if len(header) < 7 or header[0] != 0xFF or header[1] & 0xF6 != 0xF0:
        return None
    if (header[2] >> 2) & 0b1111 > 12:
        return None
    length = ((header[3] & 0b11) << 11) | (header[4] << 3) | (header[5] >> 5)
    header_size = 7 if header[1] & 1 else 9  # 9 with a CRC (protection_absent = 0)
    return length if length > header_size else None


def _frames_follow(head, frame_length):
    """Whether the head starts with a valid frame header and the next one follows it.

    A recording is many frames in a row; the second header, at exactly the
    length the first announces, is what a text that happens to start with
    FF Ex / FF Fx never has. A file shorter than two frames is no recording.
    """
    length = frame_length(head[:9])
    if length is None:
        return False
    following = frame_length(head[length : length + 9])
    return following is not None and head[length + 1] & 0xFE == head[1] & 0xFE


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
