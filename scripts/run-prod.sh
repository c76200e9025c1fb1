#!/usr/bin/env bash
# The production stack on loopback: PostgreSQL, Redis, gunicorn (2 workers) and the task
# worker, with DJANGO_ENV=production. For trying the real configuration and for bench/.
#   make run-prod                 (PROD_PORT=8105, PROD_DB=spd_prod by default)
set -euo pipefail
cd "$(dirname "$0")/.."
PY=.venv/bin/python

PORT="${PROD_PORT:-8105}"
DB_NAME="${PROD_DB:-spd_prod}"
PG="${PROD_PG:-postgres://postgres@127.0.0.1:5432}"
export VAR_DIR="${PROD_VAR_DIR:-$PWD/var/prod}"
mkdir -p "$VAR_DIR"

# A real secret key, made once and kept under var/ (never committed).
KEY_FILE="$VAR_DIR/secret_key_production.txt"
if [ ! -s "$KEY_FILE" ]; then
  (umask 077; "$PY" -c 'import secrets; print(secrets.token_urlsafe(64))' > "$KEY_FILE")
fi

pg_isready -h 127.0.0.1 -p 5432 -q || { echo "PostgreSQL is not running on 127.0.0.1:5432" >&2; exit 1; }
redis-cli -h 127.0.0.1 -p 6379 ping >/dev/null || { echo "Redis is not running on 127.0.0.1:6379" >&2; exit 1; }
psql "$PG/postgres" -tAc "SELECT 1 FROM pg_database WHERE datname='$DB_NAME'" | grep -q 1 \
  || psql "$PG/postgres" -qc "CREATE DATABASE $DB_NAME"

export DJANGO_ENV=production
export SECRET_KEY="$(cat "$KEY_FILE")"
export ALLOWED_HOSTS="127.0.0.1,localhost"
export CSRF_TRUSTED_ORIGINS="http://127.0.0.1:$PORT,http://localhost:$PORT"
export SITE_URL="http://127.0.0.1:$PORT"
export DATABASE_URL="$PG/$DB_NAME"
export CACHE_URL="${PROD_CACHE_URL:-redis://127.0.0.1:6379/1}"
export SECURE_SSL_REDIRECT=false    # loopback has no TLS; nginx does it in production
export SERVE_MEDIA=true             # no nginx here to serve media
export TRUSTED_PROXY_COUNT="${TRUSTED_PROXY_COUNT:-0}"  # 0: no proxy in front, REMOTE_ADDR is the visitor
export WEB_CONCURRENCY="${WEB_CONCURRENCY:-2}"
export GUNICORN_BIND="127.0.0.1:$PORT"
export PAGE_CACHE_SECONDS="${PAGE_CACHE_SECONDS:-600}"

"$PY" manage.py collectstatic --noinput -v 0
"$PY" manage.py migrate --noinput -v 0
"$PY" manage.py load_demo
"$PY" manage.py set_site_url    # the Wagtail Site record follows SITE_URL (migrate does too)
"$PY" manage.py check --deploy --fail-level ERROR

echo "Production stack on http://127.0.0.1:$PORT/ (gunicorn x$WEB_CONCURRENCY + task worker; Ctrl-C stops both)"
# The worker is restarted when it dies, as systemd's Restart=always does in production;
# var/prod/worker-PORT.pid always holds the current worker (bench/faults.sh kills it).
(
  trap 'kill $(cat "$VAR_DIR/worker-$PORT.pid") 2>/dev/null; exit 0' TERM INT
  while true; do
    "$PY" manage.py build_toolkit_archives > /dev/null  # finishes a zip build a killed worker left
    "$PY" manage.py db_worker --queue-name '*' --no-reload -v 0 &
    echo $! > "$VAR_DIR/worker-$PORT.pid"
    wait $! || true
    sleep 1
  done
) &
worker_loop=$!
.venv/bin/gunicorn -c deploy/gunicorn.conf.py campaign.wsgi &
web=$!
echo "$web" > "$VAR_DIR/gunicorn-$PORT.pid"
trap 'kill $web $worker_loop 2>/dev/null; wait $web $worker_loop 2>/dev/null' EXIT INT TERM
wait $web
