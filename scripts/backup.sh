#!/usr/bin/env bash
# Back up the site: the PostgreSQL database (pg_dump custom format) and the media files.
#   DATABASE_URL=postgres://... MEDIA_ROOT=/srv/spd/var/media BACKUP_DIR=/srv/spd/backups scripts/backup.sh
# Writes BACKUP_DIR/spd-<UTC timestamp>.dump and .media.tar.gz (+ .sha256), and removes
# backups older than BACKUP_KEEP_DAYS (default 30). With S3 media storage, back the bucket up
# with its own versioning instead (MEDIA_ROOT is then skipped if it does not exist).
# Exit status is non-zero on any failure, so a timer or cron reports it.
set -euo pipefail
umask 077
: "${DATABASE_URL:?Set DATABASE_URL (postgres://user@host:port/name)}"
BACKUP_DIR="${BACKUP_DIR:-$(pwd)/var/backups}"
MEDIA_ROOT="${MEDIA_ROOT:-$(pwd)/var/media}"
KEEP_DAYS="${BACKUP_KEEP_DAYS:-30}"
case "$DATABASE_URL" in postgres://*|postgresql://*) ;; *) echo "backup.sh backs up PostgreSQL only (DATABASE_URL=$DATABASE_URL)" >&2; exit 2;; esac

mkdir -p "$BACKUP_DIR"
stamp="$(date -u +%Y%m%dT%H%M%SZ)"
base="$BACKUP_DIR/spd-$stamp"

# Custom format: compressed, and pg_restore can restore it into an empty database in parallel.
pg_dump --format=custom --no-owner --no-privileges --compress=6 --file="$base.dump.partial" "$DATABASE_URL"
mv "$base.dump.partial" "$base.dump"

if [ -d "$MEDIA_ROOT" ]; then
  # Renditions are regenerated on demand, so they are left out to keep backups small.
  tar --create --gzip --file="$base.media.tar.gz.partial" --directory="$MEDIA_ROOT" \
      --exclude='./images' --exclude='./toolkit-cache' --exclude='*.partial' .
  mv "$base.media.tar.gz.partial" "$base.media.tar.gz"
fi

( cd "$BACKUP_DIR" && sha256sum "$(basename "$base").dump" $( [ -f "$base.media.tar.gz" ] && basename "$base.media.tar.gz") > "$(basename "$base").sha256" )
find "$BACKUP_DIR" -maxdepth 1 -name 'spd-*' -type f -mtime +"$KEEP_DAYS" -delete
echo "$base"
