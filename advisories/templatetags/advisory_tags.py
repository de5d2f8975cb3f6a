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
