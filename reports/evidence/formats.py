"""The accepted types of evidence, what a file claims to be from its first bytes, and refusals."""

from dataclasses import dataclass

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

# AMR's magic lines (RFC 4867 storage format); its frames are checked in recordings.py.
AMR_NB_MAGIC = b"#!AMR\n"
AMR_WB_MAGIC = b"#!AMR-WB\n"

# ISO base media brands phones use for audio recordings (.m4a, .3gp voice memos).
MP4_BRANDS = {b"M4A ", b"M4B ", b"mp41", b"mp42", b"isom", b"iso2", b"3gp4", b"3gp5", b"3gp6"}


class Refused(Exception):
    """Why a file is not kept; the form turns the reason into the citizen's message.

    For TOO_MANY_PIXELS, `pixels` is what the file would decode to (every
    frame of an animation counted) and `limit` the budget for that kind of
    image, so that the message gives the real figures.
    """

    NOT_EVIDENCE = "not_evidence"  # neither an accepted image nor a recording
    BROKEN_IMAGE = "broken_image"  # says it is an image, but does not decode, or not within bounds
    TOO_MANY_PIXELS = "too_many_pixels"

    def __init__(self, reason, pixels=0, limit=0):
        super().__init__(reason)
        self.reason = reason
        self.pixels = pixels
        self.limit = limit


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
