#!/usr/bin/env bash
# Restore a backup made by scripts/backup.sh into an EMPTY database and media folder.
#   DATABASE_URL=postgres://.../spd_restored MEDIA_ROOT=/srv/spd/var/media scripts/restore.sh /srv/spd/backups/spd-20270312T023000Z
# The database must exist and be empty (createdb spd_restored); the script refuses to
# overwrite a database that already has tables, or media that already has files, unless
# RESTORE_FORCE=1. Checks the checksums first, and analyses the database after. After restoring: manage.py migrate (if the
# code is newer than the backup), then start the app.
set -euo pipefail
base="${1:?Usage: restore.sh /path/to/spd-<timestamp> (without extension)}"
base="${base%.dump}"
: "${DATABASE_URL:?Set DATABASE_URL to the empty database to restore into}"
MEDIA_ROOT="${MEDIA_ROOT:-$(pwd)/var/media}"
[ -f "$base.dump" ] || { echo "No such backup: $base.dump" >&2; exit 2; }

if [ -f "$base.sha256" ]; then
  ( cd "$(dirname "$base")" && sha256sum --check --quiet "$(basename "$base").sha256" ) \
    || { echo "Checksum mismatch: the backup is damaged" >&2; exit 3; }
fi

tables=$(psql "$DATABASE_URL" -tAc "SELECT count(*) FROM information_schema.tables WHERE table_schema='public'")
if [ "$tables" != "0" ] && [ "${RESTORE_FORCE:-0}" != "1" ]; then
  echo "The database already has $tables tables; restore into an empty one (or RESTORE_FORCE=1)." >&2
  exit 4
fi
pg_restore --no-owner --no-privileges --exit-on-error --jobs="${RESTORE_JOBS:-2}" --dbname="$DATABASE_URL" "$base.dump"
# pg_restore brings no planner statistics: until autovacuum comes round the planner guesses
# (site search took 1.96 s on unanalysed tables). Analyse before anyone is served.
psql "$DATABASE_URL" --quiet --command "ANALYZE"

if [ -f "$base.media.tar.gz" ]; then
  mkdir -p "$MEDIA_ROOT"
  if [ -n "$(ls -A "$MEDIA_ROOT" 2>/dev/null)" ] && [ "${RESTORE_FORCE:-0}" != "1" ]; then
    echo "$MEDIA_ROOT is not empty; restore media into an empty folder (or RESTORE_FORCE=1)." >&2
    exit 5
  fi
  tar --extract --gzip --file="$base.media.tar.gz" --directory="$MEDIA_ROOT" --no-same-owner
fi
echo "Restored $base into $DATABASE_URL and $MEDIA_ROOT"
