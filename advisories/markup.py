"""Render a letter's structured content to safe HTML.

The content field is plain text written by staff (or the importer): blocks
separated by a blank line, lines starting with "- " are bullets, **bold**,
*italic* and ***both***. Everything is escaped first, so no HTML typed into
a letter ever reaches a citizen's browser; only the tags made here do.
Numbered points ("1. …", "(1). …") are kept as written: in a công văn the
number is part of the text that people quote, not a list the browser renumbers.
"""

import re

from django.utils.html import escape
from django.utils.safestring import mark_safe

BULLET = re.compile(r"^\s*[-–•]\s+")
_INLINE = [
    (re.compile(r"\*\*\*(?=\S)(.+?)(?<=\S)\*\*\*", re.S), r"<strong><em>\1</em></strong>"),
    (re.compile(r"\*\*(?=\S)(.+?)(?<=\S)\*\*", re.S), r"<strong>\1</strong>"),
    (re.compile(r"(?<![\w*])\*(?=\S)(.+?)(?<=\S)\*(?![\w*])", re.S), r"<em>\1</em>"),
]


def inline(text):
    """Escape, then turn the emphasis marks into tags (never across the escape)."""
    html = escape(text)
    for pattern, replacement in _INLINE:
        html = pattern.sub(replacement, html)
    return html


def _blocks(text):
    block = []
    for line in text.replace("\r\n", "\n").replace("\r", "\n").split("\n"):
        if line.strip():
            block.append(line.strip())
        elif block:
            yield block
            block = []
    if block:
        yield block


def _render_block(lines):
    """A block may mix sentences and bullets: consecutive bullets make one list."""
    out, para, items = [], [], []

    def flush_para():
        if para:
            # Hard-wrapped lines of one paragraph are one sentence flow.
            out.append(f"<p>{inline(' '.join(para))}</p>")
            para.clear()

    def flush_items():
        if items:
            out.append("<ul>" + "".join(f"<li>{inline(i)}</li>" for i in items) + "</ul>")
            items.clear()

    for line in lines:
        if BULLET.match(line):
            flush_para()
            items.append(BULLET.sub("", line, count=1))
        elif items and not para and line[:1].islower():
            # A bullet hard-wrapped onto the next line continues that bullet.
            items[-1] += " " + line
        else:
            flush_items()
            para.append(line)
    flush_para()
    flush_items()
    return out


def render(text):
    """The letter's content as safe HTML: paragraphs, bullet lists, bold and italic."""
    parts = []
    for block in _blocks(text or ""):
        parts.extend(_render_block(block))
    # Bullets separated by blank lines (as in most letters) belong to one list.
    html = "\n".join(parts).replace("</ul>\n<ul>", "\n")
    return mark_safe(html)


def plain(text):
    """The content without markup, for descriptions and feeds."""
    text = re.sub(r"\*+", "", text or "")
    return re.sub(r"\s+", " ", text).strip()
