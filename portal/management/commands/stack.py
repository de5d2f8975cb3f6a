"""`manage.py stack` (what `make stack` runs after `make prepare`): portal/stack.py."""

from django.core.management.base import BaseCommand, CommandError

from portal.stack import Stack, StackError


class Command(BaseCommand):
    help = (
        "Run nginx on $PORT in front of gunicorn and the job worker, in the foreground, "
        "until Ctrl-C or SIGTERM (make stack; migrations and static files first)."
    )

    def handle(self, *args, **options):
        try:
            status = Stack().run()
        except StackError as problem:
            raise CommandError(str(problem)) from None
        if status:
            raise CommandError("a part of the stack stopped: the rest was stopped too")
