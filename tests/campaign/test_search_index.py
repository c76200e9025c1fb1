"""Site search on PostgreSQL looks its matches up through an index (issue 18).

The index (migration campaign 0007) only helps while it is on the very expression Wagtail's
search backend matches against; this test searches as a visitor does and compares the two.
Whether PostgreSQL then reads the index is the planner's choice by the table's statistics
(on a test's few rows it rightly scans); bench/search.py shows it at 100 times the demo.
"""

import re

import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.factories import EditionPageFactory

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

