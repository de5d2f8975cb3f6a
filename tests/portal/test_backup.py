"""Anh Khoa's nightly backup (deploy/backup.sh): the database and the evidence, portal running.

On SQLite, a report just filed may still sit in the write-ahead log, not in
db.sqlite3 itself: the copy must hold it anyway. On PostgreSQL, a pg_dump.
The evidence under MEDIA_ROOT goes into the same dated folder, readable by
root alone, and folders older than two weeks are removed.
"""

import os
import sqlite3
import subprocess
import sys
import tarfile
import time

import pytest
from django.db import connection

from tests.servers import BASE_DIR

pytestmark = pytest.mark.django_db(transaction=True)

SCRIPT = BASE_DIR / "deploy" / "backup.sh"


def backup(env_file, dest):
    done = subprocess.run(
        [str(SCRIPT), str(dest), str(env_file)],
        env={"PATH": os.environ["PATH"], "PYTHON": sys.executable},
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    return dest / done.stdout.strip().rsplit("/", 1)[1]


@pytest.fixture
def media(tmp_path):
    folder = tmp_path / "media" / "evidence" / "2026" / "11"
    folder.mkdir(parents=True)
    (folder / "a1b2.png").write_bytes(b"\x89PNG screenshot")
    return tmp_path / "media"


def test_sqlite_is_copied_with_what_the_log_still_holds(tmp_path, media):
    database = tmp_path / "db.sqlite3"
    portal = sqlite3.connect(database)
    portal.execute("PRAGMA journal_mode=WAL")
    portal.execute("PRAGMA wal_autocheckpoint=0")  # the row stays in db.sqlite3-wal
    portal.execute("CREATE TABLE reports (code TEXT)")
    with portal:
        portal.execute("INSERT INTO reports VALUES ('7KQ2-M9XD-4TPA')")
    assert (tmp_path / "db.sqlite3-wal").stat().st_size > 0
    env_file = tmp_path / "env"
    env_file.write_text(f"DATABASE_URL=sqlite:///{database}\nMEDIA_ROOT={media}\n")
    old = tmp_path / "backups" / "2026-10-01-023000"
    old.mkdir(parents=True)
    a_month_ago = time.time() - 30 * 86400
    os.utime(old, (a_month_ago, a_month_ago))

    copy = backup(env_file, tmp_path / "backups")
    portal.close()

    with sqlite3.connect(copy / "db.sqlite3") as restored:
        assert restored.execute("SELECT code FROM reports").fetchall() == [("7KQ2-M9XD-4TPA",)]
    with tarfile.open(copy / "media.tar.gz") as archive:
        assert "media/evidence/2026/11/a1b2.png" in archive.getnames()
    assert copy.stat().st_mode & 0o777 == 0o700
    assert (copy / "db.sqlite3").stat().st_mode & 0o077 == 0
    assert not old.exists()


def test_postgresql_is_dumped(tmp_path, media):
    if connection.vendor != "postgresql":
        pytest.skip("the suite runs on SQLite: its PostgreSQL run dumps its own database")
    params = connection.settings_dict
    url = f"postgres://{params['USER']}@{params['HOST']}:{params['PORT']}/{params['NAME']}"
    env_file = tmp_path / "env"
    env_file.write_text(f"DATABASE_URL={url}\nMEDIA_ROOT={media}\n")
    with connection.cursor() as cursor:
        cursor.execute("CREATE TABLE backup_probe (code text)")
        cursor.execute("INSERT INTO backup_probe VALUES ('7KQ2-M9XD-4TPA')")
    try:
        copy = backup(env_file, tmp_path / "backups")
    finally:
        with connection.cursor() as cursor:
            cursor.execute("DROP TABLE backup_probe")
    restored = subprocess.run(
        ["pg_restore", "--data-only", "--table=backup_probe", "--file=-", str(copy / "db.dump")],
        capture_output=True,
        text=True,
    )
    assert "7KQ2-M9XD-4TPA" in restored.stdout, restored.stderr
    assert (copy / "media.tar.gz").exists()
