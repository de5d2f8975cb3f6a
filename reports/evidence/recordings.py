"""Call recordings: parsed by mutagen as the claimed format, free of markup, stored without tags.

A recording cannot be re-encoded here (no audio codecs on the server). It is
kept only if mutagen reads it as the format its first bytes claim, with
some sound in it, and no markup a browser could act on hides anywhere in it.
What is stored is a copy with its tags deleted by mutagen (ID3 and APE on
MP3 and AAC, the MP4 metadata list, Vorbis and Opus comments, a WAV's ID3
chunk); a PCM WAV is rewritten by the standard library with its samples
alone, which drops LIST and every other chunk too. AMR has no tags.
"""

import io
import re
import wave

from mutagen import aac, apev2, id3, mp3, mp4, oggopus, oggvorbis
from mutagen import wave as mutagen_wave

from .formats import AAC, AMR, AMR_NB_MAGIC, AMR_WB_MAGIC, M4A, MP3, OGG, WAV, Refused

# AMR (3GPP TS 26.101, RFC 4867 storage format), which mutagen does not read:
# a magic line, then frames whose header byte (0 FFFF Q 00) gives their size
# from the frame type FFFF. None: a reserved frame type.
AMR_FRAME_SIZES = {
    AMR_NB_MAGIC: (13, 14, 16, 18, 20, 21, 27, 32, 6, None, None, None, None, None, None, 1),
    AMR_WB_MAGIC: (18, 24, 33, 37, 41, 47, 51, 59, 61, 6, None, None, None, None, 1, 1),
}

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

    A recording is stored as sent but for its tags, and its container
    happily carries anything: MP4 free atoms, data after the last frame.
    Downloads go out as attachments with nosniff and a sandbox, but a
    browser that sniffs anyway, or an inspector who saves the file and
    opens it, must find no page to run. Compressed audio almost never holds
    these exact tags by chance.
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
    if not parses(fileobj, file_type):
        raise Refused(Refused.NOT_EVIDENCE)


MUTAGEN_PARSERS = {
    MP3: [mp3.MP3],
    M4A: [mp4.MP4],
    AAC: [aac.AAC],
    OGG: [oggvorbis.OggVorbis, oggopus.OggOpus],
    WAV: [mutagen_wave.WAVE],
}


def parses(fileobj, file_type):
    """Whether the file is a recording of the claimed format, with some sound in it."""
    fileobj.seek(0)
    try:
        if file_type is AMR:
            return amr_frames_tile(fileobj.read())
        return _mutagen_parses(fileobj, file_type)
    except Exception:  # whatever a broken file makes a parser raise: never a 500
        return False


def _mutagen_parses(fileobj, file_type):
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


def _delete_id3_and_ape(fileobj):
    id3.delete(fileobj)  # ID3v2 at the start, ID3v1 at the end
    fileobj.seek(0)
    apev2.delete(fileobj)


def _delete_with(*parsers):
    """Delete the tags with the first of `parsers` that reads the file."""

    def delete(fileobj):
        for parser in parsers:
            fileobj.seek(0)
            try:
                recording = parser(fileobj)
            except Exception:
                continue
            fileobj.seek(0)
            recording.delete(fileobj)
            return

    return delete


TAG_DELETERS = {
    MP3: _delete_id3_and_ape,
    AAC: _delete_id3_and_ape,
    M4A: _delete_with(mp4.MP4),
    OGG: _delete_with(oggvorbis.OggVorbis, oggopus.OggOpus),
    WAV: _delete_with(mutagen_wave.WAVE),
    AMR: lambda fileobj: None,  # magic line and frames, nothing else (amr_frames_tile)
}


def _pcm_samples_only(data):
    """A PCM WAV rewritten with its format and samples alone, or None if not PCM."""
    try:
        with wave.open(io.BytesIO(data)) as source:
            params = source.getparams()
            samples = source.readframes(source.getnframes())
    except (wave.Error, EOFError):
        return None
    out = io.BytesIO()
    with wave.open(out, "wb") as copy:
        copy.setparams(params)
        copy.writeframes(samples)
    return out.getvalue()


def without_tags(data, file_type):
    """The bytes to store for a checked recording: a copy without its tags; raises Refused.

    The copy must still be a recording of the same format: if deleting the
    tags broke it, nothing is stored.
    """
    stripped = _pcm_samples_only(data) if file_type is WAV else None
    if stripped is None:
        copy = io.BytesIO(data)
        try:
            TAG_DELETERS[file_type](copy)
        except Exception:  # a tag mutagen cannot delete: refused rather than stored with it
            raise Refused(Refused.NOT_EVIDENCE) from None
        stripped = copy.getvalue()
    if not parses(io.BytesIO(stripped), file_type):
        raise Refused(Refused.NOT_EVIDENCE)
    return stripped
