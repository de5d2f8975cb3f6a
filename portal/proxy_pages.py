"""The pages nginx shows when it answers instead of the portal, written as plain files.

nginx (deploy/nginx/portal-common.conf) answers by itself when a body is over
its cap (413), when gunicorn is down or restarting (502) or too slow (504),
during maintenance (503), and for a request it cannot read (400, 414, 494).
Its own pages are English one-liners; these are the portal's, in Vietnamese,
and in English for a visitor whose language cookie says so (nginx picks the
file by `$cookie_django_language`).

They are rendered once, by `manage.py error_pages` after `collectstatic`
(`make prepare`), into STATIC_ROOT/_errors/<language>/<status>.html: when they
are shown, Django may well be down.
"""

import os
import tempfile
from pathlib import Path

from django.conf import settings
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.translation import gettext_lazy as _

# The status codes nginx answers itself with one of these pages, and the page's title.
PAGES = {
    400: _("Yêu cầu không hợp lệ"),
    413: _("Tệp gửi lên quá lớn"),
    502: _("Cổng tạm thời không phản hồi"),
    503: _("Cổng đang bảo trì"),
    504: _("Cổng phản hồi quá chậm"),
}
# The URL prefix nginx maps to the directory below (error_page … /_errors/vi/413.html).
DIRECTORY = "_errors"


def output_directory():
    return Path(settings.STATIC_ROOT) / DIRECTORY


def page(status, language):
    """One page's HTML, in `language`."""
    other = next(code for code, _name in settings.LANGUAGES if code != language)
    with translation.override(other):
        other_title = str(PAGES[status])
    with translation.override(language):
        return render_to_string(
            f"proxy_errors/{status}.html",
            {
                "language": language,
                "title": PAGES[status],
                "other_language": other,
                "other_title": other_title,
                "max_files": settings.REPORT_EVIDENCE_MAX_FILES,
                "max_mb": settings.REPORT_EVIDENCE_MAX_SIZE // (1024 * 1024),
            },
        )


def write_pages(directory=None):
    """Every page in every language; each file replaced whole, never seen half written."""
    directory = Path(directory or output_directory())
    written = []
    for language, _name in settings.LANGUAGES:
        folder = directory / language
        folder.mkdir(parents=True, exist_ok=True)
        for status in PAGES:
            target = folder / f"{status}.html"
            handle, temporary = tempfile.mkstemp(dir=folder, prefix=f".{status}-")
            with os.fdopen(handle, "w", encoding="utf-8") as out:
                out.write(page(status, language))
            os.chmod(temporary, 0o644)  # nginx's workers read it, as they read static files
            os.replace(temporary, target)
            written.append(target)
    return written
