"""Render a letter's structured content to safe HTML.

The content field is plain text written by staff (or the importer): blocks
separated by a blank line, lines starting with "- " are bullets, **bold**,
*italic* and ***both***. Everything is escaped first, so no HTML typed into
a letter ever reaches a citizen's browser; only the tags made here do.
Numbered points ("1. …", "(1). …") are kept as written: in a công văn the
number is part of the text that people quote, not a list the browser renumbers.

A citizen's GET renders a letter, so rendering is linear in the length of the
text whatever the letter holds. Issue 15: 110 KB of unclosed stars took 30 s,
because a lazy `(.+?)` rescanned the rest of the text from every star that
never closed. See `_emphasis` for how each star is now read a bounded number
of times; the structure is read in one pass over the lines.
"""

import re

from django.utils.html import escape
from django.utils.safestring import mark_safe

BULLET_MARKS = "-–•"  # a stripped line starting with one of these and a space is a bullet
# Between the paragraphs and list items of a letter, emphasised at once: lines
# are split on it, so no paragraph or item holds it; escaping keeps it; and as
# a space it neither opens nor closes emphasis, like the start or end of a text.
SEGMENT_END = "\n"


def _emphasis(opening, closing, before, after, whole):
    """(pattern, replacement) for one kind of emphasis, for re.sub.

    `opening`, `closing`: the mark with what must precede and follow it. The
    rules are the patterns' the portal always had (the reference in
    tests/advisories/test_markup_reads_as_before.py): a mark opens when a
    non-space follows it, closes when a non-space precedes it, and an opening
    mark pairs with the first closing one after at least one character.

    Linear: an opening mark that finds no closing mark takes the rest of its
    paragraph with it, unchanged. No later mark of the paragraph could have
    closed either (it would need a closing mark further on still), so the
    result is the same; but the regex engine no longer restarts the same
    fruitless scan from each of them, which is what made it quadratic. Each
    character is then read a few times per kind of emphasis, whatever the text.
    `whole`: across lines (one line of a letter, inline()), else within one
    SEGMENT_END-separated segment.
    """
    content, rest = ("(?s:.+?)", "(?s:.*)") if whole else (".+?", "[^\n]*")
    pattern = re.compile(f"{opening}(?:({content}){closing}|{rest})")

    def replace(match):
        inside = match[1]
        return match[0] if inside is None else before + inside + after

    return pattern, replace


# ***both***, then **bold**, then *italic*: each on the result of the one before.
# Every pattern starts with a literal star, so the engine skips to the next star
# at C speed. A single star touching a letter, digit or star on its outer side
# is not italics ("5*3", "x*y", "**"): (?<!…) looks at the character before it.
_MARKS = [
    (r"\*\*\*(?=\S)", r"(?<=\S)\*\*\*", "<strong><em>", "</em></strong>"),
    (r"\*\*(?=\S)", r"(?<=\S)\*\*", "<strong>", "</strong>"),
    (r"\*(?<![\w*]\*)(?=\S)", r"(?<=\S)\*(?![\w*])", "<em>", "</em>"),
]
_WHOLE = [_emphasis(*marks, whole=True) for marks in _MARKS]
_SEGMENTED = [_emphasis(*marks, whole=False) for marks in _MARKS]


def _emphasised(html, emphasis):
    for pattern, replace in emphasis:
        if "*" not in html:
            break
        html = pattern.sub(replace, html)
    return html


def inline(text):
    """Escape, then turn the emphasis marks into tags (never across the escape)."""
    return _emphasised(escape(text), _WHOLE)


# One or more blank lines (nothing but spaces) between two blocks; possessive,
# so that a long run of spaces is read once.
_BLANK_LINES = re.compile(r"\n(?:[^\S\n]*+\n)+")
# A line that is a bullet once stripped: a mark, a space, then its text.
_BULLET_LINE = re.compile(r"^[^\S\n]*+[-–•][^\S\n]++\S", re.MULTILINE)


def _layout(text):
    """The letter's paragraphs and list items, in order: (texts, kinds).

    A kind is "p" (a paragraph), "ul" (the first item of a list) or "li" (a
    further item). Blocks are separated by a blank line; a block without
    bullets is one paragraph, its hard-wrapped lines one sentence flow. Flat
    lists of strings: a letter of a hundred thousand one-word paragraphs makes
    no container per paragraph for the garbage collector to walk again and again.
    """
    texts, kinds = [], []
    text = text.replace("\r\n", "\n").replace("\r", "\n").strip()
    if not text:
        return texts, kinds
    bullets = _BULLET_LINE.search(text) is not None
    for block in _BLANK_LINES.split(text):
        if bullets and _BULLET_LINE.search(block):
            _read_block_with_bullets(block, texts, kinds)
        else:
            texts.append(" ".join(map(str.strip, block.split("\n"))))
            kinds.append("p")
    return texts, kinds


def _read_block_with_bullets(block, texts, kinds):
    """A block may mix sentences and bullets: consecutive bullets make one list.

    A bullet hard-wrapped onto a line that starts in lower case continues that
    bullet. The lines of the paragraph or item being read are joined once it
    ends: adding to a string held in a list would copy it at every line.
    """
    lines, kind = [], None
    for line in block.split("\n"):
        line = line.strip()
        if line[0] in BULLET_MARKS and line[1:2].isspace():
            if lines:
                texts.append(" ".join(lines))
                kinds.append(kind)
            kind = "ul" if kind in (None, "p") else "li"
            lines = [line[1:].lstrip()]
        elif kind != "p" and kind is not None and line[0].islower():
            lines.append(line)
        else:
            if kind != "p":
                if lines:
                    texts.append(" ".join(lines))
                    kinds.append(kind)
                lines, kind = [], "p"
            lines.append(line)
    if lines:
        texts.append(" ".join(lines))
        kinds.append(kind)


def render(text):
    """The letter's content as safe HTML: paragraphs, bullet lists, bold and italic."""
    texts, kinds = _layout(text or "")
    if not texts:
        return mark_safe("")
    # Escaped and emphasised in one go, not paragraph by paragraph: a letter of a
    # hundred thousand one-word paragraphs costs no more than one long paragraph.
    html = _emphasised(escape(SEGMENT_END.join(texts)), _SEGMENTED).split(SEGMENT_END)
    out, in_list = [], False
    for kind, part in zip(kinds, html, strict=True):
        if kind == "li":
            out += ("<li>", part, "</li>")
            continue
        if in_list:
            out.append("</ul>")
        if out:
            out.append("\n")
        if kind == "p":
            out += ("<p>", part, "</p>")
        else:
            out += ("<ul><li>", part, "</li>")
        in_list = kind == "ul"
    if in_list:
        out.append("</ul>")
    # Bullets separated by blank lines (as in most letters) belong to one list.
    return mark_safe("".join(out).replace("</ul>\n<ul>", "\n"))


def plain(text):
    """The content without markup, for descriptions and feeds."""
    text = re.sub(r"\*+", "", text or "")
    return re.sub(r"\s+", " ", text).strip()
