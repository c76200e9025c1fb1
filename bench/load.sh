#!/usr/bin/env bash
# Load test of the production stack on loopback with wrk (Debian package "wrk").
#   make run-prod            # in another terminal (or PROD_PORT=... scripts/run-prod.sh)
#   bench/load.sh            # BASE=http://127.0.0.1:8105 DURATION=10s CONNECTIONS=32 THREADS=2
#                            # MODES="static cached" runs only those (default: all three)
#                            # PATHS="/ /stories/" measures only those (default: every public page type)
#                            # PUBLISH_EVERY=5: a moderator publishes a story every 5 s during the
#                            # cached runs (bench/moderation.py), as approvals do on the Day
# For each URL: requests/s and p50/p99 latency, uncached (the page cache bypassed with a
# session cookie, as for a logged-in editor: every request renders) and cached (warm), plus a
# static file served by the same gunicorn/whitenoise stack as the ceiling. Prints a table
# and the targets from issue 7, and keeps the raw wrk output under bench/results/.
# This machine's speed drifts by up to 2x within minutes, so in cached mode the static file is
# measured again after every page (STATIC_CHECK=15s a time) and each page is compared with the
# static runs just before and after it, not with one run at the start.
set -euo pipefail
cd "$(dirname "$0")/.."
DURATION="${DURATION:-10s}"
CONNECTIONS="${CONNECTIONS:-32}"
STATIC_CHECK="${STATIC_CHECK:-15s}"
MODES=" ${MODES:-static uncached cached} "
source bench/wrk-common.sh

edition=$(curl -fsS "$BASE/years/" | grep -o 'href="/[0-9]\{4\}/"' | head -1 | cut -d'"' -f2)
static=$(curl -fsS "$BASE/" | grep -o 'href="/static/css/site[^"]*\.css"' | head -1 | cut -d'"' -f2)
[ -n "$edition" ] || { echo "No edition page found on /years/" >&2; exit 1; }
[ -n "$static" ] || { echo "No static stylesheet found on /" >&2; exit 1; }

out_dir=bench/results; mkdir -p "$out_dir"
stamp=$(date -u +%Y%m%dT%H%M%SZ)
raw="$out_dir/load-$stamp.txt"
: > "$raw"

# wrk reports latency with units (us/ms/s): turn them into milliseconds.
to_ms() { awk -v v="$1" 'BEGIN{ if (v ~ /us$/) {sub(/us$/,"",v); printf "%.2f", v/1000} else if (v ~ /ms$/) {sub(/ms$/,"",v); printf "%.2f", v} else if (v ~ /s$/) {sub(/s$/,"",v); printf "%.2f", v*1000} else print v }'; }

key() { echo "$1" | tr -c 'a-zA-Z0-9' '_'; }  # a path as part of a variable's name

run() {  # label path [extra wrk args...]
  local label=$1 path=$2; shift 2
  local result rps p50 p99 errors non2xx
  result=$(wrk -t"$THREADS" -c"$CONNECTIONS" -d"${RUN_DURATION:-$DURATION}" --latency "$@" "$BASE$path" 2>&1)
  { echo "== $label $path"; echo "$result"; echo; } >> "$raw"
  rps=$(echo "$result" | awk '/Requests\/sec/ {print $2}')
  p50=$(to_ms "$(echo "$result" | awk '$1=="50%" {print $2}')")
  p99=$(to_ms "$(echo "$result" | awk '$1=="99%" {print $2}')")
  non2xx=$(echo "$result" | awk '/Non-2xx/ {print $5}')
  errors=$(echo "$result" | awk '/Socket errors/ {print $0}')
  printf "%-9s %-22s %10s %9s %9s  %s %s\n" "$label" "$path" "$rps" "$p50" "$p99" "${non2xx:+non-2xx=$non2xx}" "${errors:+[$errors]}"
  eval "RPS_${label}_$(key "$path")=$rps"
  eval "P99_${label}_$(key "$path")=$p99"
}

echo "wrk -t$THREADS -c$CONNECTIONS -d$DURATION against $BASE ($(nproc) cores)   raw output: $raw"
printf "%-9s %-22s %10s %9s %9s\n" "mode" "path" "req/s" "p50 ms" "p99 ms"
run static "$static"
# Every public page type (PATHS overrides).
read -r -a paths <<< "${PATHS:-/ /years/ $edition /get-involved/ /search/?q=community /events/ $event /stories/ $story /toolkit/ /stats/ /stats/data.json}"
if [[ $MODES == *" uncached "* ]]; then
  for path in "${paths[@]}"; do
    run uncached "$path" -H "Cookie: $SESSION_COOKIE=bench-bypasses-the-page-cache"
  done
fi
static_rps=$(eval echo "\$RPS_static_$(key "$static")")
if [[ $MODES == *" cached "* ]]; then
  moderator=""
  if [ -n "${PUBLISH_EVERY:-}" ]; then
    moderation_log=$(mktemp)
    .venv/bin/python bench/moderation.py --every "$PUBLISH_EVERY" > "$moderation_log" 2>&1 &
    moderator=$!
    trap 'kill "$moderator" 2>/dev/null || true' EXIT
    echo "cached runs with a publish every $PUBLISH_EVERY s (bench/moderation.py): every cached page goes stale each time"
  fi
  before=$static_rps
  for path in "${paths[@]}"; do
    curl -fsS -o /dev/null "$BASE$path"   # the first (cold) request fills the cache
    run cached "$path"
    RUN_DURATION=$STATIC_CHECK run static "$static" > /dev/null
    after=$(eval echo "\$RPS_static_$(key "$static")")
    eval "CEILING_$(key "$path")=$(awk -v a="$before" -v b="$after" 'BEGIN{ printf "%.2f", (a + b) / 2 }')"
    before=$after
  done
  if [ -n "$moderator" ]; then
    kill -TERM "$moderator"; wait "$moderator" || true; trap - EXIT
    { echo "== moderation"; cat "$moderation_log"; } >> "$raw"
    echo "moderation: $(tail -1 "$moderation_log")"; rm -f "$moderation_log"
  fi
fi
echo
echo "Targets (issues 7 and 18):"
if [[ $MODES == *" cached "* ]]; then for path in "${paths[@]}"; do
  rps=$(eval echo "\$RPS_cached_$(key "$path")"); p99=$(eval echo "\$P99_cached_$(key "$path")")
  ceiling=$(eval echo "\$CEILING_$(key "$path")")
  awk -v p="$path" -v r="$rps" -v s="$ceiling" -v l="$p99" 'BEGIN{
    printf "  cached %-22s %5.0f%% of static around it (%.0f req/s; target >= 95%%)  %s   p99 %.1f ms (target < 50)  %s\n",
      p, 100*r/s, s, (r >= 0.95*s ? "ok" : "MISSED"), l, (l < 50 ? "ok" : "MISSED") }'
done; fi
if [[ $MODES == *" uncached "* ]]; then for path in / /events/; do
  rps=$(eval echo "\${RPS_uncached_$(key "$path"):-}")
  [ -n "$rps" ] || continue   # not among PATHS
  awk -v p="$path" -v r="$rps" 'BEGIN{ printf "  uncached %-20s %7.1f req/s (target >= 150)  %s\n", p, r, (r >= 150 ? "ok" : "MISSED") }'
done; fi
