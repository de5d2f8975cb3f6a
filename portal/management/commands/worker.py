"""`manage.py worker` (what `make worker` runs): one job worker, in the foreground.

django-tasks-db's `db_worker` with the portal's defaults: every queue, no
code reloading unless asked, and the periodic housekeeping jobs started if
none is waiting (portal.jobs.start_periodic). Run one per CPU you can spare
for background work, on any machine that reaches the database: a job is only
ever claimed by one of them. SIGTERM or Ctrl-C lets the running job finish
(press twice to stop it at once); systemd's unit (deploy/) waits for that.
"""

from django.apps import apps
from django.conf import settings
from django_tasks_db.management.commands.db_worker import Command as DbWorker

from portal.jobs import start_periodic


class Command(DbWorker):
    help = "Run one job worker (every queue), after starting the periodic housekeeping jobs."

    def add_arguments(self, parser):
        super().add_arguments(parser)
        parser.set_defaults(queue_name="*", reload=False)

    def handle(self, *args, **options):
        # Every app's jobs module is imported by its AppConfig.ready.
        apps.check_apps_ready()
        start_periodic()
        if settings.DEBUG:
            self.stdout.write("Job worker started (Ctrl-C to stop).")
        return super().handle(*args, **options)
