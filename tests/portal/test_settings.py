"""Settings come from the environment, fail loudly, and are safe in production."""

import os
import subprocess
import sys

import pytest
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.core.management import call_command

from portal.settings import envbool, envint, envrate

PRODUCTION = {
    "DJANGO_DEBUG": "0",
    "DJANGO_SECRET_KEY": "k7#Qm2!vX9pL4@wZ8sR1&nB6yT3^cF5hJ0*gD-eA_uI+oP=lK-prod-key",
    "DJANGO_ALLOWED_HOSTS": "canhbao.example.vn",
}


def manage(*args, env):
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=settings.BASE_DIR,
        # The browser tests' conftest relaxes async safety for this process only.
        env={k: v for k, v in {**os.environ, **env}.items() if k != "DJANGO_ALLOW_ASYNC_UNSAFE"},
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_check_deploy_is_clean_in_production_settings():
    result = manage("check", "--deploy", "--fail-level", "WARNING", env=PRODUCTION)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_production_refuses_to_start_without_a_secret_key():
    env = {**PRODUCTION, "DJANGO_SECRET_KEY": ""}
    result = manage("check", env=env)
    assert result.returncode != 0
    assert "DJANGO_SECRET_KEY" in result.stderr


def test_production_refuses_to_start_without_its_host_names():
    result = manage("check", env={**PRODUCTION, "DJANGO_ALLOWED_HOSTS": ""})
    assert result.returncode != 0
    assert "DJANGO_ALLOWED_HOSTS" in result.stderr


def test_check_deploy_is_clean_behind_a_proxy_that_terminates_tls():
    env = {**PRODUCTION, "DJANGO_SECURE_SSL_REDIRECT": "0", "DJANGO_SECURE_PROXY_SSL_HEADER": "1"}
    result = manage("check", "--deploy", "--fail-level", "WARNING", env=env)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_a_proxy_that_terminates_tls_can_turn_the_redirect_off():
    code = "from django.conf import settings; print(settings.SECURE_SSL_REDIRECT)"
    env = {**PRODUCTION, "DJANGO_SECURE_SSL_REDIRECT": "0"}
    assert manage("shell", "--no-imports", "-c", code, env=env).stdout.strip() == "False"
    assert manage("shell", "--no-imports", "-c", code, env=PRODUCTION).stdout.strip() == "True"


@pytest.mark.parametrize("value", ["maybe", "2", "tru"])
def test_a_bad_yes_no_value_stops_the_start_up(monkeypatch, value):
    monkeypatch.setenv("DJANGO_DEBUG", value)
    with pytest.raises(ImproperlyConfigured, match="DJANGO_DEBUG"):
        envbool("DJANGO_DEBUG", True)


def test_a_bad_number_stops_the_start_up(monkeypatch):
    monkeypatch.setenv("PORT", "eighty")
    with pytest.raises(ImproperlyConfigured, match="PORT"):
        envint("PORT", 8000)


@pytest.mark.parametrize("value", ["5", "five/m", "5/w", "0/m", "-1/m"])
def test_a_bad_report_rate_stops_the_start_up(monkeypatch, value):
    monkeypatch.setenv("REPORT_RATE_LIMIT", value)
    with pytest.raises(ImproperlyConfigured, match="REPORT_RATE_LIMIT"):
        envrate("REPORT_RATE_LIMIT", "5/m")


@pytest.mark.parametrize(("value", "read"), [("", "5/m"), ("30/H", "30/h"), ("off", "0")])
def test_a_report_rate_is_read_as_the_throttle_expects(monkeypatch, value, read):
    monkeypatch.setenv("REPORT_RATE_LIMIT", value)
    assert envrate("REPORT_RATE_LIMIT", "5/m") == read


@pytest.mark.django_db
def test_migrations_are_up_to_date():
    call_command("makemigrations", "--check", "--dry-run", verbosity=0)


def test_the_default_sqlite_database_is_tuned_for_concurrent_writers(tmp_path):
    code = (
        "from django.db import connection; c = connection.cursor();"
        "c.execute('PRAGMA journal_mode'); print(c.fetchone()[0]);"
        "c.execute('PRAGMA busy_timeout'); print(c.fetchone()[0]);"
        "print(connection.settings_dict['OPTIONS']['transaction_mode'])"
    )
    env = {"DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite3'}"}
    assert manage("shell", "--no-imports", "-c", code, env=env).stdout.split() == [
        "wal",
        "20000",
        "IMMEDIATE",
    ]


@pytest.mark.parametrize("value", ["16", "129", "sixty-four"])
def test_a_bad_ipv6_prefix_stops_the_start_up(value):
    result = manage("check", env={"CLIENT_IPV6_PREFIX": value})
    assert result.returncode != 0
    assert "CLIENT_IPV6_PREFIX" in result.stderr


def test_without_redis_the_counters_every_worker_shares_are_in_the_database():
    code = "from django.conf import settings; print(settings.SHARED_COUNTERS)"
    assert manage("shell", "--no-imports", "-c", code, env={"REDIS_URL": ""}).stdout.strip() == (
        "database"
    )


def test_a_bucket_puts_uploaded_files_in_private_object_storage():
    code = (
        "from django.core.files.storage import default_storage as s;"
        "print(s.__class__.__name__, s.bucket_name, s.default_acl, s.endpoint_url)"
    )
    env = {
        "STORAGE_S3_BUCKET": "canhbao",
        "STORAGE_S3_ENDPOINT_URL": "https://s3.example.vn",
        "AWS_ACCESS_KEY_ID": "x",
        "AWS_SECRET_ACCESS_KEY": "y",
    }
    out = manage("shell", "--no-imports", "-c", code, env=env).stdout.split()
    assert out == ["S3Storage", "canhbao", "private", "https://s3.example.vn"]


def test_the_bulk_threshold_comes_from_the_environment():
    code = "from django.conf import settings; print(settings.REPORT_BULK_IN_REQUEST_MAX)"
    assert manage("shell", "--no-imports", "-c", code, env={}).stdout.strip() == "500"
    env = {"REPORT_BULK_IN_REQUEST_MAX": "2000"}
    assert manage("shell", "--no-imports", "-c", code, env=env).stdout.strip() == "2000"


@pytest.mark.parametrize("value", ["-1", "many"])
def test_a_bad_bulk_threshold_stops_the_start_up(value):
    result = manage("check", env={"REPORT_BULK_IN_REQUEST_MAX": value})
    assert result.returncode != 0
    assert "REPORT_BULK_IN_REQUEST_MAX" in result.stderr
