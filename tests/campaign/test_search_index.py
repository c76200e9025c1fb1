"""Site search on PostgreSQL looks its matches up through an index (issue 18).

The index (migration campaign 0007) only helps while it is on the very expression Wagtail's
search backend matches against; these tests search as a visitor does and compare the two.
"""

import re

import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.factories import ContentPageFactory, EditionPageFactory

pytestmark = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="SQLite's FTS5 table is its own index; this is PostgreSQL's"
)
TABLE = "wagtailsearch_indexentry"


def search_indexes() -> dict[str, dict]:
    with connection.cursor() as cursor:
        constraints = connection.introspection.get_constraints(cursor, TABLE)
    return {name: about for name, about in constraints.items() if about["index"] and about["type"] == "gin"}


def test_a_visitors_search_matches_on_the_expression_the_index_holds(client, home_page):
    EditionPageFactory(parent=home_page, year=2021, theme="Listen and connect")
    call_command("update_index", verbosity=0)

    with CaptureQueriesContext(connection) as queries:
        html = client.get("/search/?q=listen").content.decode()
    assert "Social Prescribing Day 2021" in html

    matched = [query["sql"] for query in queries if "@@" in query["sql"]]
    assert matched, "the search ran no full-text match"
    expression = f'("{TABLE}"."title" || "{TABLE}"."body") @@'
    assert all(expression in sql for sql in matched), matched

    definitions = [about["definition"] for about in search_indexes().values()]
    assert any(re.search(r"USING gin \(+title \|\| body\)+$", definition) for definition in definitions), definitions


def test_postgresql_can_find_the_matches_through_the_index(client, home_page):
    """The plan for a visitor's search reads the index when one entry in many matches."""
    EditionPageFactory(parent=home_page, year=2021, theme="Listen and connect")
    for number in range(60):
        ContentPageFactory(parent=home_page, title=f"Gardening group {number}")
    call_command("update_index", verbosity=0)
    with connection.cursor() as cursor:
        cursor.execute(f"ANALYZE wagtailcore_page, {TABLE}")  # as load_demo and restore.sh leave them

    with CaptureQueriesContext(connection) as queries:
        client.get("/search/?q=listen")
    ranked = next(query["sql"] for query in queries if "@@" in query["sql"] and "ORDER BY" in query["sql"])
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL enable_seqscan = off")  # a test's table is still small enough to scan
        cursor.execute("EXPLAIN " + ranked)
        plan = "\n".join(row[0] for row in cursor.fetchall())
    assert "search_title_body_gin" in plan, plan
