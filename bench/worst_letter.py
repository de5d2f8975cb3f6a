"""The worst a letter can cost: hostile markup, the longest letter's page, the heaviest imports.

    .venv/bin/python bench/worst_letter.py

Issue 15's bounds, measured on this machine. In one process, on a throw-away
SQLite database (migrated, reference data loaded), as production runs:
DJANGO_DEBUG=0, no Redis. Each case is timed several times (wall clock) and
its median reported; the markup case is the worst of its hostile texts.

- markup: advisories.markup.render of 200 KB of each text that cost the old
  renderer (or a renderer read line by line) the most; bound 100 ms.
- letter page: an anonymous GET /advisories/<slug>/ missing the page cache
  (the cache is emptied before each), for a published letter of the longest
  content allowed (100,000 characters) made of unclosed stars, and for a seed
  letter; bound 100 ms, a tenth of what a citizen notices, and a worker's
  share of the 30 s timeout many times over.
- imports, each the worst a file of its kind can be and still be accepted
  (or, for the PDF pdfminer cannot finish, refused at the budget): read
  (and, for .txt, parsed) as the importer does, without OCR, which runs in the
  job worker (LETTER_OCR_PAGE_SECONDS a page): for a scan, what the request
  does (the pages measured from their headers, nothing decoded). Bounds: what
  the importer promises, all well under gunicorn's 30 s.

`measure()` gives the rows, `main()` prints them as a Markdown table.
"""

import io
import os
import random
import statistics
import sys
import tempfile
import time
from contextlib import redirect_stdout
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
MARKUP_SIZE = 200_000
RUNS = 7


def _setting_up(workdir):
    """Django on a throw-away SQLite database in `workdir`, production settings."""
    os.environ.update(
        DJANGO_SETTINGS_MODULE="portal.settings",
        DJANGO_DEBUG="0",
        DJANGO_SECRET_KEY="bench-worst-letter-" + os.urandom(16).hex(),
        DJANGO_ALLOWED_HOSTS="testserver",
        DJANGO_SECURE_SSL_REDIRECT="0",
        DJANGO_SECURE_COOKIES="0",
        DJANGO_SECURE_HSTS_SECONDS="0",
        DATABASE_URL=f"sqlite:///{workdir / 'bench.sqlite3'}",
        MEDIA_ROOT=str(workdir / "media"),
        STATIC_ROOT=str(workdir / "static"),
    )
    os.environ.pop("REDIS_URL", None)
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    from django.conf import settings
    from django.core.management import call_command

    # Static files are not collected here: their URLs without the manifest's hashes.
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }
    with redirect_stdout(io.StringIO()):
        call_command("migrate", verbosity=0)
        call_command("load_reference_data", verbosity=0)


def _median_ms(work, runs=RUNS, before=None):
    times = []
    for _ in range(runs):
        if before:
            before()
        started = time.perf_counter()
        work()
        times.append((time.perf_counter() - started) * 1000)
    return statistics.median(times)


def _row(case, size, ms, bound_ms):
    return {"case": case, "size": size, "ms": round(ms, 1), "bound_ms": bound_ms}


# --- Markup -------------------------------------------------------------------------


def _hostile_texts(size):
    from tests.advisories.letter_samples import hostile_markup

    return hostile_markup(size)


def _markup_rows():
    from advisories import markup

    times = {
        name: _median_ms(lambda text=text: markup.render(text), runs=5)
        for name, text in _hostile_texts(MARKUP_SIZE).items()
    }
    worst = max(times, key=times.get)
    size = f"{MARKUP_SIZE // 1000} KB"
    return [
        _row(
            "markup.render: the issue's text", size, times["the issue's unclosed ***both***"], 100
        ),
        _row(
            f"markup.render: worst of {len(times)} hostile texts ({worst})", size, times[worst], 100
        ),
    ]


# --- The letter page -----------------------------------------------------------------


def _letter(content, slug):
    from django.utils import timezone

    from advisories.models import Advisory, DatePrecision, Organization

    issuer = Organization.objects.get(slug="stttt-ninh-binh")
    letter = Advisory(
        issuer=issuer,
        symbol="STTTT-TTra",
        place=issuer.place,
        issued_year=2024,
        issued_month=2,
        date_precision=DatePrecision.MONTH,
        summary="cảnh báo các cuộc gọi mạo danh với mục đích lừa đảo",
        recipients="Các Sở, ban, ngành của tỉnh;\nCông an tỉnh;",
        content=content,
        signer_title="GIÁM ĐỐC",
        signer_name="Nguyễn Văn An",
        distribution="Như trên;\nLưu: VT.",
        status=Advisory.Status.PUBLISHED,
        published_at=timezone.now() - timezone.timedelta(hours=1),
        slug=slug,
    )
    letter.full_clean()
    letter.save()
    return letter


def _page_rows():
    from django.core.cache import cache
    from django.test import Client

    from advisories.limits import MAX_CONTENT_LENGTH
    from advisories.models import Advisory

    longest = _letter("***x " * (MAX_CONTENT_LENGTH // 5), "bench-longest-hostile-letter")
    seed = Advisory.objects.exclude(pk=longest.pk).order_by("pk").first()
    client = Client()
    rows = []
    for letter, case in [
        (longest, "letter page, anonymous, not cached: the longest hostile letter"),
        (seed, "letter page, anonymous, not cached: a seed letter"),
    ]:
        url = letter.get_absolute_url()

        def get(url=url):
            response = client.get(url)
            assert response.status_code == 200 and response["X-Page-Cache"] == "miss"

        get()  # templates compiled, connections opened: what a worker has done before
        size = f"{len(letter.content):,} characters of content"
        rows.append(_row(case, size, _median_ms(get, before=cache.clear), 100))
    return rows


# --- Imports ---------------------------------------------------------------------------


def _long_pdf_letter(pages=30):
    """A text PDF of `pages` dense pages of a letter's words (12 pt, 15.5 pt apart)."""
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont
    from reportlab.pdfgen import canvas

    from tests.advisories.letter_samples import DEJAVU, seed

    pdfmetrics.registerFont(TTFont("DejaVu", DEJAVU))
    words = seed("004").read_text(encoding="utf-8").split()
    rng = random.Random(15)
    out = io.BytesIO()
    page = canvas.Canvas(out, pagesize=A4)
    for _ in range(pages):
        page.setFont("DejaVu", 12)
        y = A4[1] - 60
        while y > 60:
            page.drawString(70, y, " ".join(rng.choice(words) for _ in range(14))[:95])
            y -= 15.5
        page.showPage()
    page.save()
    return out.getvalue()


def _import_rows():
    from advisories import letter_pdf, pdf_text
    from advisories.letter_files import examine_document, examine_original, read_document
    from advisories.letter_parser import LetterError, parse_letter
    from advisories.limits import MAX_LETTER_TEXT, MAX_PAGES
    from tests.advisories.letter_samples import (
        dense_pdf,
        docx_with_body_xml,
        grey_tiff,
        sample_letter,
    )

    rows = []

    # .txt: the longest text accepted, its body one paragraph wrapped on every line.
    room = MAX_LETTER_TEXT - len(sample_letter(body="x"))
    txt = sample_letter(body="chữ\n" * (room // 4)).encode()
    rows.append(
        _row(
            ".txt: read and parse the longest text, wrapped on every line",
            f"{len(txt.decode()):,} characters",
            _median_ms(lambda: parse_letter(read_document(txt, "a.txt").text, "a.txt"), runs=3),
            1000,
        )
    )

    # .docx: a 5 MB document.xml (the most a part may hold) of 60,000 short formatted
    # paragraphs, about the most lines a file's text may hold.
    paragraph = (
        b'<w:p><w:pPr><w:spacing w:before="0" w:after="0"/></w:pPr><w:r><w:rPr>'
        b'<w:rFonts w:ascii="Times New Roman" w:hAnsi="Times New Roman"/><w:sz w:val="28"/>'
        b"</w:rPr><w:t>x</w:t></w:r></w:p>"
    )
    docx = docx_with_body_xml(paragraph * (5 * 1024 * 1024 // len(paragraph) - 200))
    rows.append(
        _row(
            ".docx: read the heaviest accepted (5 MB document.xml)",
            f"{len(docx) // 1024} KB file",
            _median_ms(lambda: read_document(docx, "a.docx"), runs=3),
            5000,
        )
    )

    # TIFF: 30 pages scanned at 300 dpi, 261 megapixels, kept as a PDF.
    tiff = grey_tiff([(2480, 3508)] * MAX_PAGES)
    rows.append(
        _row(
            "TIFF original: 30 A4 pages at 300 dpi, kept as a PDF",
            "261 MP",
            _median_ms(lambda: examine_original(tiff, "a.tif"), runs=3),
            10_000,
        )
    )

    # A scan uploaded for OCR: what the request does before the worker reads it.
    rows.append(
        _row(
            "TIFF scan uploaded: 30 A4 pages at 300 dpi measured for the worker",
            "261 MP",
            _median_ms(lambda: examine_document(tiff, "a.tif"), runs=3),
            100,
        )
    )

    # PDF: a dense letter of 30 pages; and 30 pages pdfminer cannot finish.
    letter = _long_pdf_letter()
    seconds = letter_pdf.pdf_seconds()
    rows.append(
        _row(
            "PDF: text layer of 30 dense pages of a letter (pdfminer, child process)",
            f"{len(letter) // 1024} KB file",
            _median_ms(lambda: pdf_text.text_layer(letter, seconds=seconds, max_pages=30), 3),
            seconds * 1000,
        )
    )
    hostile = dense_pdf(pages=30)

    def refused():
        try:
            read_document(hostile, "a.pdf")
        except LetterError:
            return
        raise AssertionError("the dense PDF was read")

    rows.append(
        _row(
            "PDF: 30 pages pdfminer cannot finish, refused at LETTER_PDF_SECONDS",
            f"{len(hostile) // 1024} KB file",
            _median_ms(refused, runs=1),
            seconds * 1000 + 1000,  # the budget, and starting and stopping the child
        )
    )
    return rows


def measure():
    """[{"case", "size", "ms", "bound_ms"}]: the worst a letter costs here."""
    with tempfile.TemporaryDirectory(prefix="portal-worst-letter-") as workdir:
        _setting_up(Path(workdir))
        return _markup_rows() + _page_rows() + _import_rows()


def main():
    rows = measure()
    print("| case | size | ms | bound ms | |")
    print("| --- | --- | ---: | ---: | --- |")
    for row in rows:
        verdict = "ok" if row["ms"] <= row["bound_ms"] else "**over**"
        print(
            f"| {row['case']} | {row['size']} | {row['ms']:g} | {row['bound_ms']:g} | {verdict} |"
        )


if __name__ == "__main__":
    main()
