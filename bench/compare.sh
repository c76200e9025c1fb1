#!/usr/bin/env bash
# Uncached throughput of this site against a reference site on the same machine (issue 18),
# with wrk in interleaved rounds: this machine's speed drifts by up to 2x within minutes, so
# each pair of pages is measured one after the other, ROUNDS times, and the best round of
# each side is compared.
#   make run-prod                        # this site on :8105 (PostgreSQL, Redis, gunicorn x2)
#   REF=http://127.0.0.1:8200 bench/compare.sh
#       PAIRS="/,/ /events/,/blog/ …"    # ours,theirs; default: the pairs issue 18 names, with
#                                        # our first event and story and the reference's REF_POST
#       DURATION=20s CONNECTIONS=16 THREADS=2 ROUNDS=3
# Our pages are rendered for every request: a session cookie bypasses the page cache, as for a
# signed-in editor. The reference site is whatever serves REF (for issue 18, wagtail/bakerydemo
# with its production settings under gunicorn with 2 sync workers); nothing of it is kept here.
set -euo pipefail
cd "$(dirname "$0")/.."
REF="${REF:?set REF to the reference site, e.g. http://127.0.0.1:8200}"
REF_POST="${REF_POST:-/blog/wild-yeast/}"
DURATION="${DURATION:-20s}"
CONNECTIONS="${CONNECTIONS:-16}"
ROUNDS="${ROUNDS:-3}"
source bench/wrk-common.sh
curl -fsS -o /dev/null "$REF/" || { echo "Nothing answers at $REF" >&2; exit 1; }

read -r -a pairs <<< "${PAIRS:-/,/ /events/,/blog/ /stories/,/breads/ $event,$REF_POST $story,$REF_POST /search/?q=community,/search/?q=bread}"

out_dir=bench/results; mkdir -p "$out_dir"
raw="$out_dir/compare-$(date -u +%Y%m%dT%H%M%SZ).txt"
: > "$raw"

rps() {  # url [extra wrk args...]: requests/s, or 0 when any response was not a 2xx
  local result
  result=$(wrk -t"$THREADS" -c"$CONNECTIONS" -d"$DURATION" "$@" 2>&1)
  { echo "== $*"; echo "$result"; echo; } >> "$raw"
  if echo "$result" | grep -q "Non-2xx"; then echo 0; else echo "$result" | awk '/Requests\/sec/ {print $2}'; fi
}

declare -A best_ours best_ref
for ((round = 1; round <= ROUNDS; round++)); do
  echo "round $round of $ROUNDS …" >&2
  for pair in "${pairs[@]}"; do
    ours=${pair%%,*}; theirs=${pair#*,}
    a=$(rps "$BASE$ours" -H "Cookie: $SESSION_COOKIE=bench-bypasses-the-page-cache")
    b=$(rps "$REF$theirs")
    best_ours[$pair]=$(awk -v x="$a" -v y="${best_ours[$pair]:-0}" 'BEGIN{print (x > y ? x : y)}')
    best_ref[$pair]=$(awk -v x="$b" -v y="${best_ref[$pair]:-0}" 'BEGIN{print (x > y ? x : y)}')
  done
done

echo "wrk -t$THREADS -c$CONNECTIONS -d$DURATION, best of $ROUNDS interleaved rounds ($(nproc) cores)   raw output: $raw"
printf "%-44s %9s %-20s %9s %7s\n" "ours (uncached)" "req/s" "reference" "req/s" "ratio"
for pair in "${pairs[@]}"; do
  ours=${pair%%,*}; theirs=${pair#*,}
  awk -v o="$ours" -v t="$theirs" -v a="${best_ours[$pair]}" -v b="${best_ref[$pair]}" \
    'BEGIN{ printf "%-44s %9.1f %-20s %9.1f %6.2fx  %s\n", o, a, t, b, (b > 0 ? a / b : 0), (b > 0 && a / b >= 3 ? "ok" : "below 3x") }'
done
