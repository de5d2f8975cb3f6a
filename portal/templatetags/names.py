"""`{{ note.author|full_name }}` after `{% load names %}`: family name first (portal.names)."""

from django import template

from ..names import full_name as _full_name

register = template.Library()


@register.filter
def full_name(user):
    return _full_name(user) if user else user
