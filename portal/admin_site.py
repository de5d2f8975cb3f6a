"""The portal's admin site: Django's, with a second factor after the password.

`PortalAdminConfig` replaces `django.contrib.admin` in INSTALLED_APPS and makes
`PortalAdminSite` the default site, so `admin.site` (every `@admin.register`,
`admin.site.admin_view`) is this one. Every ModelAdmin stays bounded
(portal/admin.py: `bound_every_admin(admin.site)`).

- `has_permission` asks for a verified session (django-otp's
  `user.is_verified()`): the password alone opens no admin page.
- `login` is Django's password form; once the password is right, the browser
  goes on to the second step (portal.second_factor), carrying `next`.
- The second step's pages live under /admin/second-factor/, and the passkey
  endpoints of django-otp-webauthn beside them (portal/urls.py: their own
  `otp_webauthn` namespace, which its template tags reverse).
"""

from urllib.parse import urlencode

from django.contrib import admin
from django.contrib.admin.apps import AdminConfig
from django.http import HttpResponseRedirect
from django.urls import path, reverse


def is_verified(user):
    check = getattr(user, "is_verified", None)
    return bool(check and check())


class PortalAdminSite(admin.AdminSite):
    def has_permission(self, request):
        return super().has_permission(request) and is_verified(request.user)

    def login(self, request, extra_context=None):
        response = super().login(request, extra_context)
        user = request.user
        if (
            request.method == "POST"
            and response.status_code == 302
            and user.is_authenticated
            and not is_verified(user)
        ):
            # The password was right: the same `next`, now through the second step.
            target = reverse("admin:second_factor")
            return HttpResponseRedirect(f"{target}?{urlencode({'next': response['Location']})}")
        return response

    def get_urls(self):
        from . import second_factor

        return [
            path("second-factor/", second_factor.verify, name="second_factor"),
            path("second-factor/enrol/", second_factor.enrol, name="second_factor_enrol"),
            path(
                "second-factor/devices/",
                self.admin_view(second_factor.devices),
                name="second_factor_devices",
            ),
            *super().get_urls(),
        ]


class PortalAdminConfig(AdminConfig):
    default_site = "portal.admin_site.PortalAdminSite"
