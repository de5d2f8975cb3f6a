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
from itertools import chain

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


# Once every line is stripped: the blank lines between two blocks, and a bullet line
# after the first (a mark, then a space: a stripped line has text after it). Both
# start with a literal line break: the regex engine skips to the next at C speed.
_BLANK_LINES = re.compile(r"\n\n+")
_LATER_BULLET = re.compile(r"\n[-–•][^\S\n]")


def _starts_with_bullet(block):
    return block[0] in BULLET_MARKS and block[1:2].isspace() and block[1:2] != "\n"


def _bullet_lines(block):
    """How many of the block's (stripped) lines are bullets."""
    return _starts_with_bullet(block) + len(_LATER_BULLET.findall(block))


def _has_bullet(text):
    return _starts_with_bullet(text) or _LATER_BULLET.search(text) is not None


def _layout(text):
    """The letter's paragraphs and list items, in order: (texts, kinds).

    A kind is "p" (a paragraph), "ul" (the first item of a list) or "li" (a
    further item). Blocks are separated by a blank line; a block without
    bullets is one paragraph, its hard-wrapped lines one sentence flow. The
    lines are stripped and the blocks split by C code (map, split, replace),
    and the result is flat lists of strings: a letter of a hundred thousand
    one-word paragraphs costs little more than one long paragraph, and makes
    no container per paragraph for the garbage collector to walk again and again.
    """
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    text = "\n".join(map(str.strip, lines)).strip("\n")  # a blank line is now an empty one
    if not text:
        return [], []
    blocks = _BLANK_LINES.split(text)
    if not _has_bullet(text):
        # No bullet anywhere: every block is one paragraph.
        return [block.replace("\n", " ") for block in blocks], ["p"] * len(blocks)
    texts, kinds = [], []
    for block in blocks:
        if "\n" not in block:  # one line: a bullet of its own, or a paragraph
            if block[0] in BULLET_MARKS and block[1:2].isspace():
                texts.append(block[1:].lstrip())
                kinds.append("ul")
            else:
                texts.append(block)
                kinds.append("p")
        elif (bullets := _bullet_lines(block)) == block.count("\n") + 1:
            # Nothing but bullets, one a line (as most lists are printed): one list.
            texts.extend(line[1:].lstrip() for line in block.split("\n"))
            kinds += ["ul"] + ["li"] * (bullets - 1)
        elif bullets:
            _read_block_with_bullets(block, texts, kinds)
        else:
            texts.append(block.replace("\n", " "))
            kinds.append("p")
    return texts, kinds


def _read_block_with_bullets(block, texts, kinds):
    """A block may mix sentences and bullets: consecutive bullets make one list.

    A bullet hard-wrapped onto a line that starts in lower case continues that
    bullet. The lines of the paragraph or item being read are joined once it
    ends: adding to a string held in a list would copy it at every line.
    """
    lines, kind = [], None
    for line in block.split("\n"):  # stripped, none of them empty
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
    if "ul" not in kinds:  # paragraphs only: joined in one go
        return mark_safe("<p>" + "</p>\n<p>".join(html) + "</p>")
    # Each part between what opens it (given the part before) and what closes it,
    # joined by C code (map, zip, chain): no Python step per paragraph or item.
    openings = map(_OPENING.get, zip([None, *kinds[:-1]], kinds, strict=True))
    closings = map(_CLOSING.get, kinds)
    body = "".join(chain.from_iterable(zip(openings, html, closings, strict=True)))
    if kinds[-1] != "p":
        body += "</ul>"
    # Bullets separated by blank lines (as in most letters) belong to one list.
    return mark_safe(body.replace("</ul>\n<ul>", "\n"))


def _opening(before, kind):
    """What comes before a part of `kind` after one of kind `before` (None: the first)."""
    closing_list = "</ul>" if before in ("ul", "li") and kind != "li" else ""
    line_break = "\n" if before is not None and kind != "li" else ""
    return closing_list + line_break + {"p": "<p>", "ul": "<ul><li>", "li": "<li>"}[kind]


_OPENING = {
    (before, kind): _opening(before, kind)
    for before in (None, "p", "ul", "li")
    for kind in ("p", "ul", "li")
}
_CLOSING = {"p": "</p>", "ul": "</li>", "li": "</li>"}


def plain(text):
    """The content without markup, for descriptions and feeds."""
    text = re.sub(r"\*+", "", text or "")
    return re.sub(r"\s+", " ", text).strip()
