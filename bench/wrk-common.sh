# Sourced by bench/load.sh and bench/compare.sh: what both need before measuring with wrk
# this site as `make run-prod` serves it, and the demo's first event and story, found on
# their listings as a visitor finds them.
BASE="${BASE:-http://127.0.0.1:8105}"
THREADS="${THREADS:-2}"
SESSION_COOKIE="${SESSION_COOKIE:-__Host-sessionid}"
command -v wrk >/dev/null || { echo "wrk is missing: apt-get install -y wrk" >&2; exit 1; }
curl -fsS -o /dev/null "$BASE/" || { echo "Nothing answers at $BASE (start make run-prod first)" >&2; exit 1; }

story=$(curl -fsS "$BASE/stories/" | grep -o 'href="/stories/[a-z0-9-]*/"' | grep -v -E '/stories/(share|feed|manage)/' | head -1 | cut -d'"' -f2)
event=$(curl -fsS "$BASE/events/" | grep -o 'href="/events/[a-z0-9-]*/"' | grep -v -E '/events/(submit|feed|manage|calendar|past)/' | head -1 | cut -d'"' -f2)
[ -n "$story" ] || { echo "No story page found on /stories/" >&2; exit 1; }
[ -n "$event" ] || { echo "No event page found on /events/" >&2; exit 1; }
