"""`manage.py error_pages`: nginx's error pages, in the portal's words (portal/proxy_pages.py)."""

from django.core.management.base import BaseCommand

from portal.proxy_pages import output_directory, write_pages


class Command(BaseCommand):
    help = (
        "Write the pages nginx shows for 400, 413, 502, 503 and 504, in Vietnamese and "
        "English, into STATIC_ROOT/_errors/ (after collectstatic: they use its stylesheets)."
    )

    def add_arguments(self, parser):
        parser.add_argument("--output", help="another directory than STATIC_ROOT/_errors")

    def handle(self, *args, output=None, **options):
        written = write_pages(output)
        if options["verbosity"] > 1:
            for path in written:
                self.stdout.write(str(path))
        if options["verbosity"]:
            self.stdout.write(f"{len(written)} error pages in {output or output_directory()}")
