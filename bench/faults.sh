#!/usr/bin/env bash
# Fault drills against a production stack of its own (port 8106, a private Redis on 6390),
# sharing make run-prod's database (spd_prod) and media. Each drill prints what it saw.
#   bench/faults.sh                         Redis killed and restarted under load; task worker killed mid-task
#   FAULTS_RESTART_POSTGRES=1 bench/faults.sh   also restarts this machine's PostgreSQL under load
#                                               (disrupts every other user of that cluster: opt-in)
set -uo pipefail
cd "$(dirname "$0")/.."
PORT=8106
BASE="http://127.0.0.1:$PORT"
REDIS_PORT=6390
LOG=$(mktemp -d)/faults
mkdir -p "$LOG"

redis-server --port "$REDIS_PORT" --save '' --appendonly no --daemonize no > "$LOG/redis.log" 2>&1 &
redis_pid=$!
PROD_PORT=$PORT PROD_CACHE_URL="redis://127.0.0.1:$REDIS_PORT/0" setsid scripts/run-prod.sh > "$LOG/stack.log" 2>&1 &
stack_pid=$!
cleanup() {
  kill "$stack_pid" 2>/dev/null; wait "$stack_pid" 2>/dev/null
  kill "$redis_pid" 2>/dev/null
}
trap cleanup EXIT
for _ in $(seq 1 180); do curl -fs -o /dev/null "$BASE/" && break; sleep 1; done
curl -fs -o /dev/null "$BASE/" || { echo "the stack did not start; see $LOG/stack.log"; exit 1; }
echo "stack up on $BASE (logs in $LOG)"

wrk_errors() {  # file -> "requests non2xx socket-errors"
  awk '/requests in/ {r=$1} /Non-2xx/ {n=$5} /Socket errors/ {s=$0} END {printf "%s requests, non-2xx/3xx: %s, %s\n", r, (n==""?0:n), (s==""?"no socket errors":s)}' "$1"
}

echo "== Redis killed under load (20 s of wrk on /, /events/; Redis down from 5 s to 13 s)"
wrk -t1 -c8 -d20s "$BASE/" > "$LOG/redis-home.txt" 2>&1 &
w1=$!
wrk -t1 -c8 -d20s "$BASE/events/" > "$LOG/redis-events.txt" 2>&1 &
w2=$!
sleep 5; kill "$redis_pid"; wait "$redis_pid" 2>/dev/null
down_status=$(curl -s -o /dev/null -w "%{http_code} %{time_total}s" "$BASE/stories/")
echo "  with Redis down: /stories/ answered $down_status"
sleep 8
redis-server --port "$REDIS_PORT" --save '' --appendonly no --daemonize no >> "$LOG/redis.log" 2>&1 &
redis_pid=$!
wait $w1 $w2
echo "  /:        $(wrk_errors "$LOG/redis-home.txt")"
echo "  /events/: $(wrk_errors "$LOG/redis-events.txt")"
sleep 6  # the cache backend retries Redis after a few seconds
curl -s -o /dev/null "$BASE/years/"
echo "  after Redis is back: /years/ X-Page-Cache=$(curl -s -D - -o /dev/null "$BASE/years/" | tr -d '\r' | awk -F': ' 'tolower($1)=="x-page-cache"{print $2}')"

echo "== Task worker killed mid-task (a toolkit zip build made slow by a 150 MB file)"
export DJANGO_ENV=production SECRET_KEY="$(cat var/prod/secret_key_production.txt)" ALLOWED_HOSTS=127.0.0.1 \
  DATABASE_URL=postgres://postgres@127.0.0.1:5432/spd_prod CACHE_URL="redis://127.0.0.1:$REDIS_PORT/0" \
  SECURE_SSL_REDIRECT=false VAR_DIR="$PWD/var/prod"
shell() { .venv/bin/python manage.py shell -v 0 -c "$1" 2>&1 | grep -v -E '^(Warning|INFO|[0-9]{4}-)' ; }
year=$(shell "from toolkit.models import Toolkit; print(Toolkit.objects.order_by('-edition__year').first().edition.year)" | tail -1)
curl -s -o "$LOG/before.zip" "$BASE/$year/toolkit/download.zip"
before_entries=$(unzip -Z1 "$LOG/before.zip" 2>/dev/null | wc -l)
echo "  before: the $year zip holds $before_entries entries"
# Saving the resource schedules the rebuild once the transaction commits; the worker takes it.
shell "
import os
from django.core.files.base import ContentFile
from wagtail.documents import get_document_model
from toolkit.models import Toolkit, ToolkitResource
t = Toolkit.objects.order_by('-edition__year').first()
doc = get_document_model()(title='Fault drill: large file')
doc.file = ContentFile(os.urandom(150 * 1024 * 1024), name='fault-drill.pdf')
doc._set_document_file_metadata(); doc.save()
ToolkitResource.objects.create(toolkit=t, title='Fault drill large file', category='posters', document=doc)
print('  added a 150 MB resource to toolkit', t.pk)
"
state=""
for _ in $(seq 1 100); do
  state=$(shell "
from django_tasks_db.models import DBTaskResult
r = DBTaskResult.objects.filter(task_path__endswith='build_toolkit_archive').order_by('-enqueued_at').first()
print(r.status if r else 'none')" | tail -1)
  [ "$state" = "RUNNING" ] && break
  sleep 0.2
done
worker_pid=$(cat "var/prod/worker-$PORT.pid" 2>/dev/null || true)
if [ "$state" = "RUNNING" ] && [ -n "$worker_pid" ] && kill -9 "$worker_pid" 2>/dev/null; then
  echo "  the build was RUNNING: worker $worker_pid killed with SIGKILL mid-build"
else
  echo "  could not catch the build running (state: $state): drill NOT done"
fi
during=$(curl -s -o "$LOG/during.zip" -w "%{http_code}" "$BASE/$year/toolkit/download.zip")
echo "  just after the kill: GET /$year/toolkit/download.zip HTTP $during, $(unzip -tq "$LOG/during.zip" 2>&1 | head -1), $(unzip -Z1 "$LOG/during.zip" 2>/dev/null | wc -l) entries (the previous zip)"
# run-prod.sh restarts the worker (as systemd's Restart=always does); before taking tasks it
# finishes any zip build left undone (build_toolkit_archives, ExecStartPre in deploy/).
for i in $(seq 1 120); do
  done_now=$(shell "
from toolkit.archive import archive_fingerprint
from toolkit.models import Toolkit
t = Toolkit.objects.order_by('-edition__year').first()
print('yes' if t.archive_hash == archive_fingerprint(t) else 'no')" | tail -1)
  [ "$done_now" = "yes" ] && break
  sleep 1
done
after=$(curl -s -o "$LOG/after.zip" -w "%{http_code}" "$BASE/$year/toolkit/download.zip")
echo "  after the restarted worker (${i} s): HTTP $after, $(unzip -tq "$LOG/after.zip" 2>&1 | head -1), $(unzip -Z1 "$LOG/after.zip" 2>/dev/null | wc -l) entries, drill file included: $(unzip -Z1 "$LOG/after.zip" 2>/dev/null | grep -c fault-drill)"
echo "  zips on disk for $year: $(ls var/prod/media/toolkit/archives/ 2>/dev/null | grep -c "sp-day-$year") (old ones are deleted once replaced)"
shell "
from toolkit.models import ToolkitResource
r = ToolkitResource.objects.get(title='Fault drill large file'); d = r.document
r.delete(); d.delete()
print('  drill resource removed (the zip is rebuilt without it)')
"

if [ "${FAULTS_RESTART_POSTGRES:-0}" = "1" ]; then
  echo "== PostgreSQL restarted under load (uncached pages, 20 s; restart at 5 s)"
  wrk -t1 -c8 -d20s -H "Cookie: __Host-sessionid=uncached" "$BASE/events/" > "$LOG/pg.txt" 2>&1 &
  w=$!
  # A second visitor's answers, one every 0.1 s, tallied by status (503 = the retry page).
  ( end=$((SECONDS + 15)); while [ $SECONDS -lt $end ]; do
      curl -s -o /dev/null -w "%{http_code}\n" -H "Cookie: __Host-sessionid=uncached" "$BASE/events/"; sleep 0.1
    done > "$LOG/pg-statuses.txt" ) &
  c=$!
  sleep 5
  version=$(ls /etc/postgresql | head -1)
  pg_ctlcluster --skip-systemctl-redirect "$version" main restart
  wait $w $c
  echo "  /events/: $(wrk_errors "$LOG/pg.txt")"
  echo "  answers during the restart, by status: $(sort "$LOG/pg-statuses.txt" | uniq -c | awk '{printf "%s x%s  ", $2, $1}')"
  for i in $(seq 1 10); do s=$(curl -s -o /dev/null -w "%{http_code}" -H "Cookie: __Host-sessionid=x" "$BASE/events/"); [ "$s" = 200 ] && break; sleep 1; done
  echo "  after the restart, without restarting the app: /events/ HTTP $s (after ${i}s)"
fi
