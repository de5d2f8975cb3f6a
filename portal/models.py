"""Project-wide tables: counters every worker shares, and the job queue's runs as staff see them."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from django_tasks_db.models import DBTaskResult


class Counter(models.Model):
    """A counter for a window of time (report throttling), shared by every worker.

    Only used when there is no Redis (the embedded default): each gunicorn
    worker has its own local-memory cache, so a counter kept there counts per
    worker. See portal.counters.
    """

    key = models.CharField(max_length=200, primary_key=True)
    count = models.PositiveIntegerField(default=0)
    # Unix time, not a DateTimeField: the upsert in portal.counters is raw SQL
    # and compares it on both databases without a datetime adapter.
    expires = models.BigIntegerField()

    class Meta:
        verbose_name = "counter"
        indexes = [
            # portal.counters._forget_expired: DELETE … WHERE expires < now.
            models.Index(fields=["expires"], name="counter_expires"),
        ]

    def __str__(self):
        return f"{self.key}: {self.count}"


class JobRun(DBTaskResult):
    """One try of a background job (django-tasks-db's row), for administrators in admin.

    A proxy: the queue's own table, under a Vietnamese name beside the
    portal's other pages. Each failed try stays here with its traceback; a
    retried job is one more row (portal.jobs).
    """

    class Meta:
        proxy = True
        verbose_name = _("lượt chạy công việc nền")
        verbose_name_plural = _("công việc nền (hàng đợi)")

    def __str__(self):
        return f"{self.task_name} ({self.get_status_display()})"
