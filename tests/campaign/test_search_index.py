"""Site search on PostgreSQL looks its matches up through an index (issue 18).

The index (migration campaign 0007) only helps while it is on the very expression Wagtail's
search backend matches against; this test searches as a visitor does and compares the two.
The index takes each entry as it is written (no pending list for every search to read:
migration campaign 0008). Whether PostgreSQL then reads the index is the planner's choice by the table's statistics
(on a test's few rows it rightly scans); bench/search.py shows it at 100 times the demo.
"""

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.factories import EditionPageFactory

postgresql_only = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="SQLite's FTS5 table is its own index; this is PostgreSQL's"
)
ROOT = Path(__file__).resolve().parents[2]
TABLE = "wagtailsearch_indexentry"


def search_indexes() -> dict[str, dict]:
    with connection.cursor() as cursor:
        constraints = connection.introspection.get_constraints(cursor, TABLE)
    return {name: about for name, about in constraints.items() if about["index"] and about["type"] == "gin"}


@postgresql_only
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
    assert any(re.search(r"USING gin \(+title \|\| body\)+ WITH \(fastupdate='?off'?\)$", definition)
               for definition in definitions), definitions


@postgresql_only
def test_each_connection_prices_random_reads_as_on_ssd(db):
    """At PostgreSQL's default (4) the planner scanned every entry rather than use the index."""
    with connection.cursor() as cursor:
        cursor.execute("SHOW random_page_cost")
        assert float(cursor.fetchone()[0]) == 1.1


@pytest.mark.parametrize("setting, expected", [(None, "-c random_page_cost=1.1"), ("2", "-c random_page_cost=2.0"),
                                               ("", None)])
def test_db_random_page_cost_sets_the_connection_option_and_empty_leaves_the_servers(setting, expected):
    env = {k: v for k, v in os.environ.items() if k not in {"DJANGO_SETTINGS_MODULE", "DB_RANDOM_PAGE_COST"}}
    env.update({"DJANGO_SETTINGS_MODULE": "campaign.settings", "DATABASE_URL": "postgres://db.example.org/spd"})
    if setting is not None:
        env["DB_RANDOM_PAGE_COST"] = setting
    code = "from django.conf import settings; print(settings.DATABASES['default'].get('OPTIONS', {}).get('options'))"
    result = subprocess.run([sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == str(expected)
