"""Load test: events and stories submitted concurrently for a minute while pages are read.

Against the production stack (`TRUSTED_PROXY_COUNT=1 make run-prod`, so each virtual visitor
can come from its own address through X-Forwarded-For as nginx would pass it). Each visitor
loads the form, waits like a person (the spam guard's minimum fill time), and posts; readers
fetch public pages meanwhile. Afterwards every accepted submission (303/302 to the thank-you
page) must be in the database exactly once, no response may be a 5xx, and rate-limited posts
must get the 429 page.

Usage: .venv/bin/python bench/submissions.py [--seconds 60] [--submitters 6] [--readers 4]
       [--base http://127.0.0.1:8105] [--database postgres://postgres@127.0.0.1:5432/spd_prod]
"""

from __future__ import annotations

import argparse
import collections
import random
import re
import subprocess
import threading
import time
import uuid
from datetime import datetime, timedelta

import httpx

RUN_OCTET = random.randint(0, 255)  # fresh visitor addresses each run, so earlier runs' limits do not apply
FIELD_ERROR = re.compile(r'class="invalid-feedback"[^>]*>\s*(?:<strong>)?([^<]+)')
TOKEN = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
STARTED = re.compile(r'name="form_started" value="([^"]+)"')


def event_fields(title: str) -> dict:
    day = datetime.now() + timedelta(days=random.randint(20, 120))
    return {
        "title": title, "event_type": "walk", "format": "in_person",
        "description": "A gentle walk with tea afterwards.", "organisation_name": "Load Test Walks",
        "organisation_website": "", "start": day.strftime("%Y-%m-%dT10:00"), "end": day.strftime("%Y-%m-%dT12:00"),
        "time_zone": "Europe/London", "venue_name": "The park", "address": "1 Park Road", "postcode": "LS5 3EH",
        "country": "GB-ENG", "online_url": "", "is_free": "on", "price": "", "accessibility": "Flat paths.",
        "image_alt": "", "contact_name": "Load Tester", "contact_email": "load.tester@example.org",
        "agree_terms": "on", "website_address": "",
    }


def story_fields(title: str) -> dict:
    return {
        "role": "referred", "referral_route": "gp", "activities": ["walking-group"], "region": "north_east",
        "title": title, "what_was_going_on": "I was lonely.", "what_happened": "My link worker found me a walking group on Tuesday mornings and came along the first time.",
        "what_changed": "I have friends now.", "what_was_hard": "", "photo_alt_text": "", "display_choice": "first_name",
        "name": "Tester", "contact_email": "story.tester@example.org", "consent_publish": "on", "consent_age": "on",
        "consent_own_story": "on", "website_address": "",
    }


class Results:
    def __init__(self):
        self.lock = threading.Lock()
        self.statuses = collections.Counter()
        self.accepted = {"events": [], "stories": []}
        self.limited_ok = 0
        self.limited_bad = 0
        self.errors = collections.Counter()

    def add(self, kind: str, status: int):
        with self.lock:
            self.statuses[(kind, status)] += 1


def submitter(base: str, stop: float, results: Results, kind: str, number: int, fill_seconds: float):
    address = f"203.0.{RUN_OCTET}.{number % 250 + 1}"  # a documentation range: only a header, never contacted
    path = "/events/submit/" if kind == "events" else "/stories/share/"
    with httpx.Client(base_url=base, timeout=30, follow_redirects=False, headers={"X-Forwarded-For": address}) as client:
        while time.time() < stop:
            try:
                form = client.get(path)
                results.add(f"{kind}-form", form.status_code)
                cookie = next((f"{c.name}={c.value}" for c in form.cookies.jar if "csrftoken" in c.name), "")
                token, started = TOKEN.search(form.text), STARTED.search(form.text)
                if not (token and started):
                    results.errors["form without token"] += 1
                    time.sleep(1)
                    continue
                time.sleep(fill_seconds + random.random())
                title = f"Load test {kind} {uuid.uuid4().hex[:12]}"
                fields = event_fields(title) if kind == "events" else story_fields(title)
                fields.update({"csrfmiddlewaretoken": token.group(1), "form_started": started.group(1)})
                response = client.post(path, data=fields, headers={"Cookie": cookie, "Referer": base + path})
                results.add(kind, response.status_code)
                with results.lock:
                    if response.status_code in (302, 303):
                        results.accepted[kind].append(title)
                    elif response.status_code == 429:
                        if "Please wait a little" in response.text and response.headers.get("Retry-After"):
                            results.limited_ok += 1
                        else:
                            results.limited_bad += 1
                    elif response.status_code == 200:
                        error = FIELD_ERROR.search(response.text)
                        results.errors[f"{kind} form re-shown: {error.group(1).strip() if error else '?'}"] += 1
            except httpx.HTTPError as error:
                results.errors[type(error).__name__] += 1


def reader(base: str, stop: float, results: Results, paths: list[str]):
    with httpx.Client(base_url=base, timeout=30) as client:
        while time.time() < stop:
            path = random.choice(paths)
            try:
                results.add("read", client.get(path).status_code)
            except httpx.HTTPError as error:
                results.errors[type(error).__name__] += 1


def count_titles(database: str, table_sql: str, titles: list[str]) -> collections.Counter:
    counts = collections.Counter()
    for chunk in range(0, len(titles), 200):
        part = titles[chunk:chunk + 200]
        quoted = ",".join("'" + t.replace("'", "''") + "'" for t in part)
        out = subprocess.run(["psql", database, "-tAc", table_sql.format(titles=quoted)],
                             capture_output=True, text=True, check=True).stdout
        for line in out.splitlines():
            if "|" in line:
                title, number = line.rsplit("|", 1)
                counts[title] = int(number)
    return counts


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--base", default="http://127.0.0.1:8105")
    parser.add_argument("--database", default="postgres://postgres@127.0.0.1:5432/spd_prod")
    parser.add_argument("--seconds", type=float, default=60)
    parser.add_argument("--submitters", type=int, default=6, help="per form")
    parser.add_argument("--readers", type=int, default=4)
    parser.add_argument("--fill-seconds", type=float, default=5)
    args = parser.parse_args()

    results = Results()
    stop = time.time() + args.seconds
    threads = []
    for kind in ("events", "stories"):
        for number in range(args.submitters):
            offset = 0 if kind == "events" else 100
            threads.append(threading.Thread(target=submitter, args=(args.base, stop, results, kind, number + offset,
                                                                    args.fill_seconds)))
    paths = ["/", "/events/", "/stories/", "/stats/", "/stats/data.json", "/2027/"]
    threads += [threading.Thread(target=reader, args=(args.base, stop, results, paths)) for _ in range(args.readers)]
    started = time.time()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    elapsed = time.time() - started

    sql = ("SELECT title, count(*) FROM wagtailcore_page WHERE title IN ({titles}) GROUP BY title")
    problems = []
    print(f"{elapsed:.0f} s, {args.submitters} submitters per form, {args.readers} readers")
    for (kind, status), number in sorted(results.statuses.items()):
        print(f"  {kind:14} HTTP {status}: {number}")
    for kind in ("events", "stories"):
        titles = results.accepted[kind]
        counts = count_titles(args.database, sql, titles) if titles else collections.Counter()
        missing = [t for t in titles if counts.get(t, 0) == 0]
        duplicated = [t for t in titles if counts.get(t, 0) > 1]
        print(f"  {kind}: {len(titles)} accepted; in the database once: {sum(1 for t in titles if counts.get(t) == 1)}; "
              f"missing: {len(missing)}; duplicated: {len(duplicated)}")
        if missing or duplicated:
            problems.append(f"{kind}: {len(missing)} missing, {len(duplicated)} duplicated")
    server_errors = sum(n for (kind, status), n in results.statuses.items() if status >= 500)
    print(f"  5xx responses: {server_errors}; 429 with the clear page: {results.limited_ok}; 429 without: {results.limited_bad}")
    if results.errors:
        print(f"  other outcomes: {dict(results.errors)}")
    if server_errors:
        problems.append(f"{server_errors} server errors")
    if results.limited_bad:
        problems.append("429 without the rate-limit page")
    print("RESULT: " + ("ok" if not problems else "FAILED: " + "; ".join(problems)))
    raise SystemExit(1 if problems else 0)


if __name__ == "__main__":
    main()
