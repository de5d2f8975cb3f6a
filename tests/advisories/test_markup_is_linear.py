"""A letter full of unclosed stars costs a citizen's visit no more than any other (issue 15).

The finding: a published letter whose content is "***x " × 22,000 (110 KB)
took over 30 s to render, because the emphasis patterns rescanned the rest of
the text from every star that never closed; three anonymous visits killed
three workers, and the page never reached the cache.

Why these tests measure time: the super-linear work was inside the regex
engine, which reports no count of its steps, so no counter can tell a linear
renderer from a quadratic one; only the time it takes can (counting what the
Python code around it does would pass the old renderer too). The guard is
coarse, and machine-independent enough: the process's CPU time (other work on
the machine does not count), for texts of 400 KB, against 2 s. The bench
(bench/worst_letter.py) measures tens of milliseconds for 200 KB; the old
renderer would take many minutes. Equal output is test_markup_reads_as_before.
"""

import time

import pytest
from django.core.exceptions import ValidationError

from advisories.limits import MAX_CONTENT_LENGTH
from advisories.markup import inline, plain, render

from .letter_samples import hostile_markup

SIZE = 400_000
CPU_SECONDS = 2.0


def repeated(piece, size=SIZE):
    return piece * (size // len(piece))


# Texts that cost the old renderer the most, and the ones that would cost a
# renderer read paragraph by paragraph, or line by line, the most.
HOSTILE = hostile_markup(SIZE)


def cpu_seconds(function, text):
    started = time.process_time()
    function(text)
    return time.process_time() - started


@pytest.mark.parametrize("text", HOSTILE.values(), ids=HOSTILE.keys())
def test_a_hostile_letter_renders_at_once(text):
    assert cpu_seconds(render, text) < CPU_SECONDS


@pytest.mark.parametrize("text", HOSTILE.values(), ids=HOSTILE.keys())
def test_a_hostile_line_of_recipients_and_the_description_render_at_once(text):
    assert cpu_seconds(inline, text) < CPU_SECONDS
    assert cpu_seconds(plain, text) < CPU_SECONDS


def test_the_issues_letter_is_now_too_long_to_publish(make_advisory):
    with pytest.raises(ValidationError) as refused:
        make_advisory(content="***x " * 22_000)
    assert refused.value.message_dict["content"] == [
        "Dài 110.000 ký tự, quá giới hạn 100.000 ký tự: hãy bớt 10.000 ký tự."
    ]


def test_the_longest_hostile_letter_allowed_is_served_and_then_cached(client, make_advisory):
    """Any citizen opens it; the second visit comes from the cache."""
    content = repeated("***x ", MAX_CONTENT_LENGTH)
    letter = make_advisory(content=content)
    started = time.process_time()
    first = client.get(letter.get_absolute_url())
    assert time.process_time() - started < CPU_SECONDS
    assert first.status_code == 200
    assert first["X-Page-Cache"] == "miss"
    assert client.get(letter.get_absolute_url())["X-Page-Cache"] == "hit"
