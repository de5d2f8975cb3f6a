"""Template helpers for the letter layout."""

from django import template

from .. import markup

register = template.Library()


@register.filter
def letter_markup(text):
    """Structured content → safe HTML (see advisories/markup.py)."""
    return markup.render(text)


@register.filter
def letter_inline(text):
    """One line with **bold**/*italic*, escaped (recipients, distribution)."""
    from django.utils.safestring import mark_safe

    return mark_safe(markup.inline(text))


@register.filter
def file_size(size):
    """`240 KB`, `1,2 MB` (the visitor's decimal mark): sizes as people say them."""
    from django.utils.formats import number_format
    from django.utils.translation import gettext

    size = size or 0
    if size < 1024:
        return gettext("%(size)d byte") % {"size": size}
    if size < 1024 * 1024:
        return f"{max(1, round(size / 1024))} KB"
    return f"{number_format(round(size / (1024 * 1024), 1), 1)} MB"


@register.filter
def original_label(advisory):
    """`Bản gốc (PDF, 240 KB)`: the link to a letter's signed original."""
    from django.utils.translation import gettext

    return gettext("Bản gốc (%(kind)s, %(size)s)") % {
        "kind": advisory.original_kind,
        "size": file_size(advisory.original_size),
    }
