"""Every public page type renders with a small, pinned number of queries (demo content).

The counts are pinned exactly: a new query on a public page (an N+1 creeping in, a lookup
not prefetched) fails here and has to be justified by updating the number. The demo content
is loaded once for the module, inside a transaction rolled back at the end.
"""

import pytest
from django.db import connection

# Queries for one anonymous, uncached GET (page cache off, as in the test settings).
PINNED = {
    "/": 15,
    "/years/": 9,
    # Supporters, and their logos' renditions in one prefetch (a public fragment in production).
    "/2027/": 19,
    "/get-involved/": 8,
    # Wagtail's database search backend needs one query more on SQLite (FTS5) than on PostgreSQL.
    "/search/?q=community": 9 if connection.vendor == "sqlite" else 8,
    # The events map adds one grouped count of events per region.
    "/events/": 13,
    "event": 11,
    "/stories/": 16,
    "story": 14,
    "/toolkit/": 13,
    # The Day just gone stays in focus until its tracking window closes: one Tracking lookup.
    "/stats/": 5,
    "/stats/data.json": 2,
}
HOME_QUERY_TARGET = 15


def count_queries(client, path) -> tuple[int, int]:
    client.get(path)  # warm: renditions, settings rows and Wagtail's site cache exist
    queries = []
    with connection.execute_wrapper(lambda execute, sql, *rest: queries.append(sql) or execute(sql, *rest)):
        response = client.get(path)
    return response.status_code, len(queries)


@pytest.mark.parametrize("page", list(PINNED))
def test_public_page_query_counts_are_pinned(demo_site, db, client, page):
    path = demo_site.get(page, page)
    status, count = count_queries(client, path)
    assert status == 200, path
    assert count == PINNED[page], f"{path}: {count} queries (pinned at {PINNED[page]})"


def test_home_page_within_the_query_budget(demo_site, db, client):
    status, count = count_queries(client, "/")
    assert status == 200 and count <= HOME_QUERY_TARGET, count
