"""Anh Khoa starts gunicorn by hand, as portal/gunicorn_conf.py says, and forgets DJANGO_DEBUG.

The portal is then in production: no technical error page, no list of URL
patterns on a 404. Debug is on only where a developer asks for it (`make
run`, the suite). And even on a developer's machine, the debug page never
shows a password: not the database's, not Redis's, whatever the setting is
called.
"""

import os
import subprocess
import sys

import pytest
from django.conf import settings
from django.test import RequestFactory, override_settings
from django.views.debug import technical_500_response

from portal.error_reports import mask_credentials

SECRET = "k7#Qm2!vX9pL4@wZ8sR1&nB6yT3^cF5hJ0*gD-eA_uI+oP=lK-prod-key"
DATABASE_PASSWORD = "Db-pa55word-9d1f"
REDIS_PASSWORD = "Redis-pa55word-77ac"


def setting(name, **env):
    """A setting's value as a new process reads it, with DJANGO_DEBUG left unset."""
    environment = {
        k: v
        for k, v in os.environ.items()
        if k not in ("DJANGO_DEBUG", "DJANGO_ALLOW_ASYNC_UNSAFE")
    }
    code = f"from django.conf import settings; print(settings.{name})"
    return subprocess.run(
        [sys.executable, "manage.py", "shell", "--no-imports", "-c", code],
        cwd=settings.BASE_DIR,
        env={**environment, **env},
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_without_the_variable_the_portal_runs_in_production():
    done = setting("DEBUG", DJANGO_SECRET_KEY=SECRET, DJANGO_ALLOWED_HOSTS="canhbao.example.vn")
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "False"


def test_without_the_variable_or_a_secret_key_it_refuses_to_start():
    done = setting("DEBUG", DJANGO_SECRET_KEY="", DJANGO_ALLOWED_HOSTS="canhbao.example.vn")
    assert done.returncode != 0
    assert "DJANGO_SECRET_KEY must be set" in done.stderr
    assert "make run" in done.stderr  # what a developer who only wanted to try it should do


def test_a_developer_asks_for_debug_by_name():
    assert setting("DEBUG", DJANGO_DEBUG="1").stdout.strip() == "True"


def failing_request(database_url):
    request = RequestFactory().get(
        "/admin/", REDIS_URL=f"redis://:{REDIS_PASSWORD}@cache.internal:6379/0"
    )
    try:
        # A local variable in the failing frame holds a connection URL too.
        connection_url = database_url
        raise RuntimeError(f"could not reach {connection_url.rpartition('@')[2]}")
    except RuntimeError:
        return technical_500_response(request, *sys.exc_info())


@pytest.mark.parametrize("name", ["DATABASE_URL", "REDIS_URL", "SENTRY_DSN_URL", "UPSTREAM"])
def test_the_debug_page_masks_the_password_of_every_url_whatever_its_name(name):
    database_url = f"postgres://portal:{DATABASE_PASSWORD}@db.internal:5432/portal"
    caches = {
        "default": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "LOCATION": f"redis://:{REDIS_PASSWORD}@cache.internal:6379/0",
        }
    }
    with override_settings(DEBUG=True, CACHES=caches, **{name: database_url}):
        response = failing_request(database_url)
    page = response.content.decode()
    assert response.status_code == 500
    assert "RuntimeError" in page  # the developer still reads what went wrong
    assert name in page and "db.internal:5432/portal" in page and "portal:" in page
    assert DATABASE_PASSWORD not in page
    assert REDIS_PASSWORD not in page


@pytest.mark.parametrize(
    ("text", "masked"),
    [
        ("postgres://u:p@h/db", "postgres://u:********************@h/db"),
        ("redis://:p@h:6379/0", "redis://:********************@h:6379/0"),
        ("postgres://u@h/db", "postgres://u@h/db"),  # no password: nothing to hide
        ("https://canhbao.example.vn/report/", "https://canhbao.example.vn/report/"),
        ("a=amqp://g:x@q/ b=s3://k:y@b", "a=amqp://g:********************@q/ b=s3://k:*"),
    ],
)
def test_passwords_inside_urls_are_masked_and_nothing_else(text, masked):
    assert mask_credentials(text).startswith(masked)
