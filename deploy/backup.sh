#!/usr/bin/env bash
# deploy/backup.sh DEST [ENV_FILE]: the portal's database and MEDIA_ROOT (citizens'
# evidence, letters' originals), copied into DEST/<date-time>/ while the portal runs.
# README.md, "Deploying on one Debian server": nightly from cron, as root; copy DEST
# off the server too. Backups older than KEEP_DAYS (14) are removed.
#
# The database first, then the files: a file without its row (a report filed in
# between) is harmless (clean_evidence removes it); a row without its file is not.
set -euo pipefail

dest=${1:?usage: deploy/backup.sh DEST [ENV_FILE]}
env_file=${2:-/etc/canhbao/env}
here=$(cd "$(dirname "$0")/.." && pwd)
python=${PYTHON:-$here/.venv/bin/python}

set -a
# shellcheck source=/dev/null
. "$env_file"
set +a
: "${DATABASE_URL:?DATABASE_URL is not set in $env_file}"

umask 077  # personal data: readable by root alone
stamp=$(date +%Y-%m-%d-%H%M%S)
mkdir -p "$dest/$stamp"

case "$DATABASE_URL" in
  sqlite:///*)
    # SQLite's online backup: a consistent copy even while gunicorn writes (WAL).
    # Never cp the file: the last transactions may still be in db.sqlite3-wal.
    "$python" - "${DATABASE_URL#sqlite:///}" "$dest/$stamp/db.sqlite3" <<'PYTHON'
import sqlite3
import sys

source = sqlite3.connect(sys.argv[1])
with sqlite3.connect(sys.argv[2]) as copy:
    source.backup(copy)
PYTHON
    ;;
  postgres://* | postgresql://*)
    # Restore: pg_restore --clean --dbname=… db.dump
    pg_dump --format=custom --file="$dest/$stamp/db.dump" "$DATABASE_URL"
    ;;
  *)
    echo "backup.sh: no backup for a ${DATABASE_URL%%:*} database" >&2
    exit 1
    ;;
esac

if [ -n "${STORAGE_S3_BUCKET:-}" ]; then
  echo "backup.sh: files are in the bucket $STORAGE_S3_BUCKET: back it up with the provider's tools" >&2
elif [ -d "${MEDIA_ROOT:?MEDIA_ROOT is not set in $env_file}" ]; then
  tar -C "$(dirname "$MEDIA_ROOT")" -czf "$dest/$stamp/media.tar.gz" "$(basename "$MEDIA_ROOT")"
fi

find "$dest" -mindepth 1 -maxdepth 1 -type d -mtime +"${KEEP_DAYS:-14}" -exec rm -rf {} +
echo "$dest/$stamp"
