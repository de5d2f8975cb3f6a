"""Who may see which advisory. Every staff view and the public preview start here.

Out-of-scope letters are treated as if they did not exist (404), so a
publisher cannot even learn that another body has a draft.
"""

from django.http import Http404

from .models import Advisory, LetterReading, Organization
from .roles import ADMINISTRATORS


def is_administrator(user):
    if not user.is_authenticated or not user.is_active:
        return False
    if user.is_superuser:
        return True
    # Cached on the user object: the admin asks several times per request.
    if not hasattr(user, "_is_portal_administrator"):
        user._is_portal_administrator = user.groups.filter(name=ADMINISTRATORS).exists()
    return user._is_portal_administrator


def organizations_for(user):
    """The issuers a staff member may publish for: all for administrators, else their own."""
    if is_administrator(user):
        return Organization.objects.all()
    if not user.is_authenticated or not user.is_active or not user.is_staff:
        return Organization.objects.none()
    return Organization.objects.filter(members=user)


def advisories_for(user):
    """Advisories (drafts included) a staff member may see and edit."""
    if is_administrator(user):
        return Advisory.objects.all()
    if not user.is_authenticated or not user.is_active or not user.is_staff:
        return Advisory.objects.none()
    return Advisory.objects.filter(issuer__members=user)


def readings_for(user):
    """Scans sent to be read by OCR (advisories.readings) a staff member may follow.

    Their own only: until it is read, a scan says nothing of whose letter it
    is, and it is imported with its sender's rights. Administrators see all.
    """
    if is_administrator(user):
        return LetterReading.objects.all()
    if not user.is_authenticated or not user.is_active or not user.is_staff:
        return LetterReading.objects.none()
    return LetterReading.objects.filter(uploaded_by=user)


def can_preview(user, advisory):
    return (
        user.is_authenticated
        and user.has_perm("advisories.view_advisory")
        and advisories_for(user).filter(pk=advisory.pk).exists()
    )


def get_visible_or_404(queryset, **lookup):
    found = queryset.filter(**lookup).first()
    if found is None:
        raise Http404
    return found
