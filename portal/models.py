"""Project-wide tables: counters every worker shares."""

from django.db import models


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
