from django.conf import settings
from django.contrib import admin
from django.contrib.sitemaps.views import sitemap
from django.urls import include, path

from advisories.admin import view_on_site
from advisories.sitemaps import AdvisorySitemap
from audit.views import audit_export, audit_log
from reports.admin.bulk import bulk_step_page, bulk_steps_page
from reports.admin.dashboard import dashboard_page
from reports.admin.exports import download_export, exports_page

from . import second_factor, views

urlpatterns = [
    path("", views.home, name="home"),
    path("healthz", views.healthz, name="healthz"),
    path("__bench__/ceiling", views.bench_ceiling, name="bench-ceiling"),
    path("i18n/", include("django.conf.urls.i18n")),
    # Before admin.site.urls: its own "view on site" redirect is not scoped.
    path("admin/r/<int:content_type_id>/<path:object_id>/", admin.site.admin_view(view_on_site)),
    # The inspectors' dashboard at the address its issue names, beside the app's index
    # (/admin/reports/): admin.site.urls has no pattern for it. ReportAdmin serves the
    # same view at admin:reports_report_dashboard (/admin/reports/report/dashboard/).
    path(
        "admin/reports/dashboard/", admin.site.admin_view(dashboard_page), name="reports_dashboard"
    ),
    # A staff member's own exports (issue 16), beside the app's index as the dashboard is.
    path("admin/reports/exports/", admin.site.admin_view(exports_page), name="reports_exports"),
    path(
        "admin/reports/exports/<int:pk>/download/",
        admin.site.admin_view(download_export),
        name="reports_export_download",
    ),
    # Bulk actions too large for a request, queued as jobs: their progress and outcome.
    path(
        "admin/reports/bulk-steps/",
        admin.site.admin_view(bulk_steps_page),
        name="reports_bulk_steps",
    ),
    path(
        "admin/reports/bulk-steps/<int:pk>/",
        admin.site.admin_view(bulk_step_page),
        name="reports_bulk_step",
    ),
    # Passkeys (django-otp-webauthn), beside the second step's pages (portal.admin_site);
    # its last step is ours, so that a passkey sign-in is recorded as a code's is.
    path(
        "admin/second-factor/passkey/authentication/complete/",
        second_factor.PasskeyCompleted.as_view(),
    ),
    path("admin/second-factor/passkey/", include("django_otp_webauthn.urls")),
    # The staff audit (audit/): every audited change with its values, administrators only.
    path("admin/audit/", admin.site.admin_view(audit_log), name="audit_log"),
    path("admin/audit/export.csv", admin.site.admin_view(audit_export), name="audit_export"),
    path("admin/", admin.site.urls),
    path("", include("reports.urls")),
    path("advisories/", include("advisories.urls")),
    path(
        "sitemap.xml",
        sitemap,
        {"sitemaps": {"advisories": AdvisorySitemap}},
        name="django.contrib.sitemaps.views.sitemap",
    ),
]

handler400 = "portal.views.bad_request"
handler403 = "portal.views.permission_denied"
handler404 = "portal.views.page_not_found"
handler500 = "portal.views.server_error"

admin.site.site_header = settings.PORTAL_NAME
admin.site.site_title = settings.PORTAL_NAME
# The inspectors' list needs the width: one line per report at 1366 px. Staff move
# between lists by the breadcrumbs and the index.
admin.site.enable_nav_sidebar = False
