"""The site's search backend: Wagtail's database backend, ranking faster on PostgreSQL.

``WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "campaign.search_backend", "RANK_CONFIG": "english"}}``
"""

from django.conf import settings
from django.core import checks
from django.db import DatabaseError, connection
from wagtail.search.backends import database
from wagtail.search.backends.database.postgres.postgres import (
    PostgresSearchBackend,
    PostgresSearchQueryCompiler,
)


class RankOnceQueryCompiler(PostgresSearchQueryCompiler):
    """Ranks each match against a query PostgreSQL parses once, not once per match.

    With no text search configuration named, Wagtail writes ``to_tsquery('…')``, which reads
    the database's default configuration: a stable function, so PostgreSQL calls it again for
    each match it ranks, twice (title and body). At 100 times the demo content that parsing was
    most of ranking "link worker" (1,606 matches: the ranked query 19.5 ms, 10.3 with the query
    parsed once). Naming the configuration makes it a constant. Only the ranking names it: the
    match stays as Wagtail writes it, which the planner always serves from the GIN index. Named
    there too, the planner (which prices ``title || body`` as free) scanned every entry instead
    while the index carried a pending list (5.3 ms against 1.8 for a word in 30% of the
    entries); migration campaign 0008 removed the list, but the match need not depend on it.
    """

    rank_config: str | None = None

    def search(self, config, start, stop, score_field=None, backend=None):
        self.rank_config = getattr(backend, "rank_config", None)
        return super().search(config, start, stop, score_field=score_field, backend=backend)

    def build_tsrank(self, vector, query, config=None, boost=1.0):
        return super().build_tsrank(vector, query, config=config or self.rank_config, boost=boost)


class RankOnceSearchBackend(PostgresSearchBackend):
    """``RANK_CONFIG`` must name the database's ``default_text_search_config``, which the index
    and the match use (PostgreSQL's default for English locales is ``english``): another would
    order results by other stems than they were matched with. Empty ranks as Wagtail does."""

    query_compiler_class = RankOnceQueryCompiler

    def __init__(self, params: dict):
        params = dict(params)
        self.rank_config = params.pop("RANK_CONFIG", None) or None
        super().__init__(params)


def SearchBackend(params: dict):  # noqa: N802 - the name Wagtail looks for in a backend module
    """Wagtail's database backend for the database in use (SQLite's FTS5 ranks in its own way)."""
    if connection.vendor == "postgresql":
        return RankOnceSearchBackend(params)
    return database.SearchBackend(params)


def rank_config_problems() -> list[str]:
    """What is wrong with ``RANK_CONFIG`` for this database (``check --deploy``); [] when sound.

    Another configuration than the one the index and the match use still finds every page,
    but orders them by other stems: a silent fault, so the deploy check says it out loud.
    """
    named = settings.WAGTAILSEARCH_BACKENDS.get("default", {}).get("RANK_CONFIG")
    if not named or connection.vendor != "postgresql":
        return []
    try:
        with connection.cursor() as cursor:
            cursor.execute("SHOW default_text_search_config")
            default = cursor.fetchone()[0]
    except DatabaseError as error:
        return [f"Could not read the database's default_text_search_config ({type(error).__name__})."]
    if default.removeprefix("pg_catalog.") == named.removeprefix("pg_catalog."):
        return []
    return [
        f"Site search ranks with the text search configuration '{named}' (SEARCH_RANK_CONFIG) but the "
        f"database matches with its default, '{default}': set SEARCH_RANK_CONFIG to "
        f"{default.removeprefix('pg_catalog.')} (or empty, to rank as Wagtail does)."
    ]


def check_rank_config(app_configs=None, **kwargs) -> list[checks.CheckMessage]:
    """``manage.py check --deploy``: search ranks with the configuration it matches with."""
    return [checks.Warning(problem, id="campaign.W020") for problem in rank_config_problems()]
