"""Anh Tuấn's call recording is stored without its tags: only the sound reaches the inspector.

Reviewed: an MP3 whose ID3 tags held `<img src=x onerror=…>` was stored byte
for byte (served safely, but the README says recordings are free of HTML).
Every recording is now stored as a copy with its tags deleted by mutagen,
which must still be the same recording: same format, same length.
"""

import io
import struct

import pytest
from mutagen import aac, apev2, id3, mp3, mp4, oggopus, oggvorbis
from mutagen import wave as mutagen_wave

from reports.evidence import Refused, examine
from reports.models import Evidence

from .media import fixture, upload, wav

pytestmark = pytest.mark.django_db

IMG = "<img src=x onerror=alert(1)>"  # 28 characters: fits ID3v1's title


def tagged(name, write):
    """A fixture recording with tags written into a copy of it by `write(fileobj)`."""
    copy = io.BytesIO(fixture(name))
    write(copy)
    data = copy.getvalue()
    assert IMG.encode() in data
    return data


def id3_tags(fileobj):
    tags = id3.ID3(fileobj)
    tags.add(id3.TIT2(encoding=3, text=[IMG]))
    tags.add(id3.COMM(encoding=3, lang="vie", desc="", text=[IMG]))
    fileobj.seek(0)
    tags.save(fileobj)


def ape_tag(fileobj):
    tag = apev2.APEv2()
    tag["Comment"] = IMG
    tag.save(fileobj)


def mp4_tags(fileobj):
    recording = mp4.MP4(fileobj)
    recording["\xa9nam"] = [IMG]
    recording["\xa9cmt"] = [IMG]
    fileobj.seek(0)
    recording.save(fileobj)


def comments(parser):
    def write(fileobj):
        recording = parser(fileobj)
        recording["comment"] = [IMG]
        fileobj.seek(0)
        recording.save(fileobj)

    return write


def id3v1_trailer(fileobj):
    """An ID3v1 tag at the end, as some recorders add to ADTS files."""
    fileobj.seek(0, io.SEEK_END)
    title = IMG.encode()[:30].ljust(30, b"\0")
    fileobj.write(b"TAG" + title + b"\0" * 60 + b"2025" + b"\0" * 30 + b"\xff")


def stored(data, name):
    """What examine() keeps of an upload: its bytes."""
    kept = examine(upload(name, data))
    return kept.content.read()


@pytest.mark.parametrize(
    ("name", "write", "parser"),
    [
        ("recording-id3.mp3", id3_tags, mp3.MP3),
        ("recording-bare.mp3", ape_tag, mp3.MP3),
        ("recording.m4a", mp4_tags, mp4.MP4),
        ("recording-aac.3gp", mp4_tags, mp4.MP4),
        ("recording-vorbis.ogg", comments(oggvorbis.OggVorbis), oggvorbis.OggVorbis),
        ("recording-opus.ogg", comments(oggopus.OggOpus), oggopus.OggOpus),
        ("recording.aac", id3v1_trailer, aac.AAC),
    ],
)
def test_tags_are_deleted_and_the_recording_stays_whole(name, write, parser):
    data = tagged(name, write)
    kept = stored(data, name)
    assert IMG.encode() not in kept
    assert b"onerror" not in kept
    before, after = parser(io.BytesIO(fixture(name))), parser(io.BytesIO(kept))
    assert after.info.length == pytest.approx(before.info.length, abs=0.001)
    assert not after.tags  # no tag left, or an empty one


def wav_with_tags():
    """A recorder's WAV with an ID3 chunk (mutagen writes it) and a LIST INFO chunk."""
    copy = io.BytesIO(wav())
    recording = mutagen_wave.WAVE(copy)
    recording.add_tags()
    recording.tags.add(id3.TIT2(encoding=3, text=[IMG]))
    copy.seek(0)
    recording.save(copy)
    comment = IMG.encode() + b"\0"
    info = b"INFO" + b"ICMT" + struct.pack("<I", len(comment)) + comment
    info += b"\0" * (len(info) & 1)
    data = copy.getvalue() + b"LIST" + struct.pack("<I", len(info)) + info
    return data[:4] + struct.pack("<I", len(data) - 8) + data[8:]


def test_a_wav_keeps_its_format_and_samples_alone():
    data = wav_with_tags()
    assert data.count(IMG.encode()) == 2
    kept = stored(data, "ghi-am.wav")
    assert IMG.encode() not in kept and b"LIST" not in kept and b"id3 " not in kept.lower()
    assert kept == wav()  # the very samples, in the format they came in
    assert mutagen_wave.WAVE(io.BytesIO(kept)).info.length == 0.5


def test_the_reviews_mp3_is_stored_without_its_tags(client, report_data):
    # The finding: `<img onerror>` in ID3 is no markup the scan refuses, and was kept.
    data = tagged("recording-id3.mp3", id3_tags)
    files = [upload("ghi-am-cuoc-goi.mp3", data, "audio/mpeg")]
    assert client.post("/report/", {**report_data, "evidence": files}).status_code == 302
    evidence = Evidence.objects.get()
    with evidence.file.open("rb") as file:
        kept = file.read()
    assert b"<img" not in kept and not kept.startswith(b"ID3")
    assert evidence.size == len(kept) < len(data)
    assert mp3.MP3(io.BytesIO(kept)).info.length == mp3.MP3(io.BytesIO(data)).info.length
    # The sound itself is untouched: the MPEG frames after the tag, byte for byte.
    assert kept == data[id3.ID3(io.BytesIO(data)).size :]


def test_markup_in_a_tag_is_still_refused_not_just_deleted():
    def script_title(fileobj):
        tags = id3.ID3(fileobj)
        tags.add(id3.TIT2(encoding=3, text=[IMG + "<script>alert(1)</script>"]))
        fileobj.seek(0)
        tags.save(fileobj)

    with pytest.raises(Refused):
        examine(upload("ghi-am.mp3", tagged("recording-id3.mp3", script_title)))
