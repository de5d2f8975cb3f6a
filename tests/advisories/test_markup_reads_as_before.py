"""A letter looks the same to citizens since rendering became linear (issue 15).

Sở TTTT Đắk Lắk's letters were written against the old renderer, kept here
as the reference: the lazy emphasis patterns and the line-by-line reading
the portal had. For any text (hypothesis tries thousands, made of the
characters that matter: stars, spaces, line breaks, bullet marks, letters,
digits and what escaping changes), the new renderer gives the same HTML.
"""

import re

from django.utils.html import escape
from hypothesis import given, settings
from hypothesis import strategies as st

from advisories.markup import inline, plain, render

from .letter_samples import SEEDS

# --- The renderer as it was (advisories/markup.py before issue 15) -------------------

OLD_BULLET = re.compile(r"^\s*[-–•]\s+")
OLD_INLINE = [
    (re.compile(r"\*\*\*(?=\S)(.+?)(?<=\S)\*\*\*", re.S), r"<strong><em>\1</em></strong>"),
    (re.compile(r"\*\*(?=\S)(.+?)(?<=\S)\*\*", re.S), r"<strong>\1</strong>"),
    (re.compile(r"(?<![\w*])\*(?=\S)(.+?)(?<=\S)\*(?![\w*])", re.S), r"<em>\1</em>"),
]


def old_inline(text):
    html = escape(text)
    for pattern, replacement in OLD_INLINE:
        html = pattern.sub(replacement, html)
    return html


def old_blocks(text):
    block = []
    for line in text.replace("\r\n", "\n").replace("\r", "\n").split("\n"):
        if line.strip():
            block.append(line.strip())
        elif block:
            yield block
            block = []
    if block:
        yield block


def old_render_block(lines):
    out, para, items = [], [], []

    def flush_para():
        if para:
            out.append(f"<p>{old_inline(' '.join(para))}</p>")
            para.clear()

    def flush_items():
        if items:
            out.append("<ul>" + "".join(f"<li>{old_inline(i)}</li>" for i in items) + "</ul>")
            items.clear()

    for line in lines:
        if OLD_BULLET.match(line):
            flush_para()
            items.append(OLD_BULLET.sub("", line, count=1))
        elif items and not para and line[:1].islower():
            items[-1] += " " + line
        else:
            flush_items()
            para.append(line)
    flush_para()
    flush_items()
    return out


def old_render(text):
    parts = []
    for block in old_blocks(text or ""):
        parts.extend(old_render_block(block))
    return "\n".join(parts).replace("</ul>\n<ul>", "\n")


def old_plain(text):
    text = re.sub(r"\*+", "", text or "")
    return re.sub(r"\s+", " ", text).strip()


# --- What letters are made of, for hypothesis ------------------------------------------

# Stars and what surrounds them; spaces of several kinds (a no-break space, a form
# feed, Unicode's line separator); line breaks; bullet marks; lower and upper case,
# Vietnamese letters, digits and the underscore (\w); and what escaping turns into
# entities. Short texts: each is rendered by the old, quadratic renderer too.
ALPHABET = "***  \u00a0\t\x0c\u2028\n\n\r-–•aAđĐ1_<&'\".:"
TEXTS = st.text(alphabet=ALPHABET, max_size=60)
PROPERTY = settings(max_examples=3000, deadline=None)


@PROPERTY
@given(TEXTS)
def test_any_text_renders_as_it_did(text):
    assert render(text) == old_render(text)


@PROPERTY
@given(TEXTS)
def test_any_line_of_recipients_renders_as_it_did(text):
    assert inline(text) == old_inline(text)


PIECES = ["**Đậm**", "*nghiêng*", "***cả hai***", "- ", "\n", "\n\n", " ", "chữ", "Chữ", "5 * 3"]
PIECES += ["*", "**", "***"]


@settings(max_examples=500, deadline=None)
@given(st.lists(st.sampled_from(PIECES), max_size=30))
def test_texts_made_of_letter_like_pieces_render_as_they_did(pieces):
    text = "".join(pieces)
    assert render(text) == old_render(text)
    assert plain(text) == old_plain(text)


def test_the_five_seed_letters_render_as_they_did():
    for path in SEEDS:
        text = path.read_text(encoding="utf-8")
        assert render(text) == old_render(text), path.name
