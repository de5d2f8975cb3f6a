"""Reply templates: which placeholders they may use, and how a text is filled in.

A template is what a supervisor writes once ("Số {source} đã được chuyển tới
{target}.") and the citizen reads filled in on their receipt. Only the
placeholders below exist; a template is refused on save when it names another
one or leaves a brace open (template_errors, from ReplyTemplate's validation),
and filling never shows a citizen a raw brace nor fails (fill): a template
stored before the rule, or a reply typed with a stray brace, loses what it
cannot fill.
"""

import re

from django.utils.translation import gettext as _

# Each placeholder, in the order the help text lists them.
PLACEHOLDERS = ("source", "kind", "province", "date", "target", "code")

_PLACEHOLDER = re.compile(r"\{([^{}]*)\}")
_SHOWN_AFTER_OPEN_BRACE = 20  # how much of an unclosed "{code…" the message quotes


def known_placeholders():
    """`{source}, {kind}, …`: the list a message gives, as a supervisor types them."""
    return ", ".join("{" + name + "}" for name in PLACEHOLDERS)


def template_errors(text):
    """What is wrong with a template's text, one message each, in order; [] if nothing.

    An unknown placeholder ({nguon}) is named as typed; an unclosed one
    ("{code" with no "}") is quoted up to the end of its word; a "}" with no
    "{" before it too.
    """
    errors = []
    text = text or ""
    unknown = []
    position = 0
    for match in _PLACEHOLDER.finditer(text):
        errors.extend(_stray_braces(text[position : match.start()]))
        name = match.group(1)
        if name not in PLACEHOLDERS and match.group(0) not in unknown:
            unknown.append(match.group(0))
        position = match.end()
    errors.extend(_stray_braces(text[position:]))
    if unknown:
        errors.insert(
            0,
            _("Mẫu có chỗ điền không có: %(bad)s. Chỉ dùng được: %(known)s.")
            % {"bad": ", ".join(unknown), "known": known_placeholders()},
        )
    return errors


def _stray_braces(piece):
    """Messages for the braces of a stretch of text between two whole placeholders."""
    errors = []
    for index, char in enumerate(piece):
        if char == "{":
            after = re.match(r"\w*", piece[index + 1 :]).group(0)
            typed = "{" + after[:_SHOWN_AFTER_OPEN_BRACE]
            errors.append(
                _(
                    "Chỗ điền “%(typed)s” thiếu dấu “}” đóng lại: viết đủ, ví dụ {code}. "
                    "Chỉ dùng được: %(known)s."
                )
                % {"typed": typed, "known": known_placeholders()}
            )
        elif char == "}":
            before = re.search(r"\w*$", piece[:index]).group(0)
            typed = before[-_SHOWN_AFTER_OPEN_BRACE:] + "}"
            errors.append(
                _("Chỗ điền “%(typed)s” thiếu dấu “{” mở đầu: viết đủ, ví dụ {code}.")
                % {"typed": typed}
            )
    return errors


def fill(text, values):
    """`text` with each known placeholder replaced by its value in `values`.

    Never raises and never leaves a brace: an unknown placeholder becomes
    empty text, a brace without its pair is dropped.
    """

    def value(match):
        name = match.group(1)
        return str(values.get(name, "")) if name in PLACEHOLDERS else ""

    filled = []
    position = 0
    for match in _PLACEHOLDER.finditer(text or ""):
        filled.append(_without_braces(text[position : match.start()]))
        filled.append(value(match))  # the report's own words, as the citizen gave them
        position = match.end()
    filled.append(_without_braces((text or "")[position:]))
    return "".join(filled)


def _without_braces(piece):
    return piece.replace("{", "").replace("}", "")
