"""The letters' admin pages for importing a file, and for following a scan being read.

A mixin of AdvisoryAdmin (advisories.admin), which adds its URLs:
`import/` (the upload) and `import/readings/<id>/` (a scan the job worker
reads, advisories.reading_jobs). Thin views: reading a file is
advisories.letter_files, storing the letter advisories.importer.
"""

from django.contrib import messages
from django.contrib.messages.constants import DEFAULT_TAGS
from django.core.exceptions import PermissionDenied
from django.db import DatabaseError
from django.http import Http404
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from portal.admin_values import valid_pk

from . import ocr
from .access import get_visible_or_404, organizations_for, readings_for
from .forms import LetterImportForm
from .importer import import_for_staff
from .letter_files import Scan, read_upload
from .letter_parser import LetterError
from .models import LetterReading
from .reading_jobs import queue_reading

# Seconds between two loads of a reading's page while the scan waits or is read:
# Tesseract takes a few seconds to twenty a page.
READING_REFRESH_SECONDS = 3


def reading_url(reading):
    return reverse("admin:advisories_advisory_reading", args=[reading.pk])


def import_messages(result, name=None):
    """[(level, message)] announcing a letter read from a file, new or found already.

    `result`: the importer's Outcome (a file read in the request), or a done
    LetterReading (a scan read by the worker), which records the same.
    """
    if isinstance(result, LetterReading):
        advisory, name, created = result.advisory, result.original_name, not result.found_existing
    else:
        advisory, created = result.advisory, result.created
    found = []
    if result.issuer_created:
        message = gettext(
            "Đã thêm cơ quan ban hành mới “%(issuer)s” theo tiêu đề công văn: hãy kiểm tra "
            "tên cơ quan trong mục Cơ quan ban hành."
        )
        found.append((messages.INFO, message % {"issuer": advisory.issuer.name}))
    if created:
        message = gettext("Đã đọc công văn từ tệp “%(name)s”: hãy kiểm tra từng ô rồi đăng.")
        found.append((messages.SUCCESS, message % {"name": name}))
        return found
    message = gettext("Công văn trong tệp “%(name)s” đã có trên cổng: đây là công văn đó.")
    if result.original_attached:
        message += " " + gettext("Tệp đã được đính kèm làm bản gốc.")
    found.append((messages.WARNING, message % {"name": name}))
    return found


class LetterImportViews:
    """Upload a letter file; follow the reading of a scan. For AdvisoryAdmin."""

    def import_urls(self):
        import_letter = self.admin_site.admin_view(self.import_view)
        reading = self.admin_site.admin_view(self.reading_view)
        return [
            path("import/", import_letter, name="advisories_advisory_import"),
            path("import/readings/<int:reading_id>/", reading, name="advisories_advisory_reading"),
        ]

    def import_view(self, request):
        """A letter file (.docx, PDF, scan, .txt) read into a draft for the publisher to check.

        Nothing is published: the draft opens on its change page. A publisher
        imports only for their own bodies (importer.choose_issuer); an
        administrator for any, and a body the header names but the portal does
        not know yet is created. A file that cannot be read comes back with the
        reason (its line or field) and the text that was read.

        A scan is not read here: Tesseract takes seconds a page. It is measured
        (pages and pixels, from its headers), stored and queued, and the page
        that follows its reading opens (reading_view).
        """
        if not self.has_add_permission(request):
            raise PermissionDenied
        organizations = organizations_for(request.user)
        form = LetterImportForm(
            request.POST or None, request.FILES or None, organizations=organizations
        )
        context = {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "title": _("Nhập công văn từ tệp"),
            "form": form,
            # Asked of the blank form only: it runs `tesseract --list-langs`, and an
            # upload runs no Tesseract at all (the worker reads scans, and says so
            # on the reading's page if it cannot).
            "ocr_available": request.method != "GET" or ocr.available(),
            # The sender's own, latest first (index reading_latest_by_sender).
            "readings": readings_for(request.user).filter(uploaded_by=request.user)[:10],
        }
        if request.method == "POST" and form.is_valid():
            upload = form.cleaned_data["file"]
            try:
                document = read_upload(upload)
                if isinstance(document, Scan):
                    issuer = form.cleaned_data["issuer"]
                    reading = queue_reading(document, user=request.user, issuer=issuer)
                    return redirect(reading_url(reading))
            except LetterError as error:
                context["error"] = str(error)
            else:
                context["text"] = document.text
                try:
                    outcome = self._import(request, form, document, upload.name)
                except LetterError as error:
                    context["error"] = str(error)
                else:
                    for level, message in import_messages(outcome, upload.name):
                        self.message_user(request, message, level)
                    url = reverse("admin:advisories_advisory_change", args=[outcome.advisory.pk])
                    return redirect(url)
        return TemplateResponse(request, "admin/advisories/advisory/import_letter.html", context)

    def _import(self, request, form, document, name):
        try:
            return import_for_staff(
                document.text,
                name,
                user=request.user,
                issuer=form.cleaned_data["issuer"],
                original=document.original,
                by_ocr=document.by_ocr,
            )
        except DatabaseError as exc:
            message = gettext("không lưu được vào cơ sở dữ liệu (%(error)s).") % {"error": exc}
            raise LetterError(message, None, name) from exc

    def reading_view(self, request, reading_id):
        """A scan being read by the worker: its progress, then its draft or why there is none.

        Refreshes itself (a meta refresh: no script, which the CSP forbids inline
        and the page must not need) while the scan waits or is read. A reading
        is its sender's (and administrators'): anyone else's is not found.
        """
        if not self.has_add_permission(request):
            raise PermissionDenied
        if not valid_pk(LetterReading, reading_id):
            raise Http404
        queryset = readings_for(request.user).select_related("advisory__issuer")
        reading = get_visible_or_404(queryset, pk=reading_id)
        context = {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "title": _("Đọc bản quét “%(name)s”") % {"name": reading.original_name},
            "reading": reading,
            # ?refresh=off: the page without its timed reload, for those it hinders
            # (a screen reader starts again at the top at each one: WCAG 2.2.1).
            "refresh_off": request.GET.get("refresh") == "off",
        }
        if reading.in_progress and not context["refresh_off"]:
            context["refresh_seconds"] = READING_REFRESH_SECONDS
        if reading.status == LetterReading.Status.DONE and reading.advisory is not None:
            context["announcements"] = [
                (DEFAULT_TAGS[level], message) for level, message in import_messages(reading)
            ]
            context["draft_url"] = reverse(
                "admin:advisories_advisory_change", args=[reading.advisory.pk]
            )
        return TemplateResponse(request, "admin/advisories/advisory/letter_reading.html", context)
