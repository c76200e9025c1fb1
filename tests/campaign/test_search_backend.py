"""The site's search backend ranks as Wagtail's does, parsing the query once (issue 18).

On PostgreSQL, ``campaign.search_backend`` names the text search configuration in the
ranking only, so PostgreSQL parses a visitor's query once instead of twice for every match
it ranks; the match itself is left as Wagtail writes it, so the planner still reads the GIN
index. These tests search as a visitor does and compare the order and scores with Wagtail's
own backend on the same pages.
"""

import pytest
from django.conf import settings
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import Page
from wagtail.search.backends import get_search_backend

from campaign.search_backend import RankOnceSearchBackend
from tests.factories import ContentPageFactory

postgresql_only = pytest.mark.skipif(connection.vendor != "postgresql", reason="the ranking change is PostgreSQL's")
NAMED = "to_tsquery('english'::regconfig"


@pytest.fixture
def garden_pages(home_page):
    """Pages that match "gardening" and "garden club" more and less closely."""
    pages = [
        ContentPageFactory(parent=home_page, title="Gardening together", intro="Our gardening group meets weekly."),
        ContentPageFactory(parent=home_page, title="Walking for health", intro="After the walk, some gardening."),
        ContentPageFactory(parent=home_page, title="Allotment gardening club", intro="A club for growers."),
        ContentPageFactory(parent=home_page, title="Arts on prescription",
                           intro="Gardening, gardening and more gardening at the garden club on Fridays."),
        ContentPageFactory(parent=home_page, title="Singing", intro="A choir for everyone."),
    ]
    call_command("update_index", verbosity=0)
    return pages


def ranked(backend, query: str) -> list[tuple[int, float]]:
    results = backend.search(query, Page.objects.live()).annotate_score("score")
    return [(page.pk, page.score) for page in results]


def test_the_site_uses_the_backend_for_its_database(db):
    backend = get_search_backend()
    assert isinstance(backend, RankOnceSearchBackend) == (connection.vendor == "postgresql"), type(backend)


@postgresql_only
def test_a_visitors_search_ranks_against_a_query_parsed_once_and_matches_through_the_index(client, garden_pages):
    with CaptureQueriesContext(connection) as queries:
        html = client.get("/search/?q=gardening").content.decode()
    assert "4 results" in html
    ranked_sql = [query["sql"] for query in queries if "ts_rank" in query["sql"]]
    assert len(ranked_sql) == 1, ranked_sql
    match, ranking = ranked_sql[0].split(" ORDER BY ")
    assert ranking.count(NAMED) == 2, ranking  # title and body, each a constant query
    assert "@@ (to_tsquery(" in match and "regconfig" not in match, match  # as Wagtail writes it


@postgresql_only
@pytest.mark.parametrize("query", ["gardening", "garden club", "walk", "choir"])
def test_results_come_in_wagtails_own_order_with_its_scores(garden_pages, query):
    from wagtail.search.backends.database.postgres.postgres import PostgresSearchBackend

    ours, wagtails = ranked(get_search_backend(), query), ranked(PostgresSearchBackend({}), query)
    assert [pk for pk, _ in ours] == [pk for pk, _ in wagtails]
    assert [score for _, score in ours] == pytest.approx([score for _, score in wagtails])
    assert ours, query


@postgresql_only
def test_the_configuration_named_is_the_one_the_database_matches_with(db):
    """Ranked by other stems than it matched with, a search would still find every page but
    order them wrongly: the setting must name the database's default configuration."""
    with connection.cursor() as cursor:
        cursor.execute("SHOW default_text_search_config")
        default = cursor.fetchone()[0]
    named = settings.WAGTAILSEARCH_BACKENDS["default"]["RANK_CONFIG"]
    assert default.removeprefix("pg_catalog.") == named


@postgresql_only
def test_an_empty_rank_config_ranks_as_wagtail_does(garden_pages):
    backend = RankOnceSearchBackend({"RANK_CONFIG": ""})
    with CaptureQueriesContext(connection) as queries:
        assert ranked(backend, "gardening")
    ranked_sql = [query["sql"] for query in queries if "ts_rank" in query["sql"]]
    assert ranked_sql and all("regconfig" not in sql for sql in ranked_sql), ranked_sql


@postgresql_only
def test_the_deploy_check_says_when_ranking_and_matching_configurations_differ(db, settings):
    from campaign.search_backend import check_rank_config

    assert check_rank_config() == []
    settings.WAGTAILSEARCH_BACKENDS = {"default": {**settings.WAGTAILSEARCH_BACKENDS["default"], "RANK_CONFIG": "simple"}}
    warnings = check_rank_config()
    assert [warning.id for warning in warnings] == ["campaign.W020"]
    assert "'simple' (SEARCH_RANK_CONFIG)" in warnings[0].msg and "set SEARCH_RANK_CONFIG to english" in warnings[0].msg
    settings.WAGTAILSEARCH_BACKENDS = {"default": {**settings.WAGTAILSEARCH_BACKENDS["default"], "RANK_CONFIG": ""}}
    assert check_rank_config() == []


def test_the_deploy_check_runs_with_check_deploy_and_is_quiet_on_other_databases(db):
    from django.core.checks import registry, run_checks

    from campaign.search_backend import check_rank_config, rank_config_problems

    assert check_rank_config in registry.registry.get_checks(include_deployment_checks=True)
    if connection.vendor != "postgresql":
        assert rank_config_problems() == []
    assert not [message for message in run_checks(include_deployment_checks=True) if message.id == "campaign.W020"]
