"""Site search's GIN index takes each new entry at once, instead of in a pending list.

By default (``fastupdate``) a GIN index puts new entries in a pending list that every search
reads from end to end, until autovacuum or 4 MB of entries merge it into the index. Entries
are written when a page is published and read on every search, so the list is the wrong
trade here: after `load_demo` and 100 times its events and stories, it held 232 pages, and
finding the matches for "link worker" took 3.1 ms in the index, 0.26 ms once merged (the
whole count, 4.2 ms against 0.9). Built again without it, the index takes each entry as it
is published (a publish writes a few entries; the write costs more, each search less).
"""

from django.contrib.postgres.indexes import GinIndex
from django.db import migrations
from django.db.models import F
from django.db.models.expressions import CombinedExpression

INDEX_NAME = "search_title_body_gin"


def search_index(apps, *, fastupdate: bool):
    return apps.get_model("wagtailsearch", "IndexEntry"), GinIndex(
        CombinedExpression(F("title"), "||", F("body")), name=INDEX_NAME, fastupdate=fastupdate
    )


def rebuild(apps, schema_editor, *, fastupdate: bool) -> None:
    if schema_editor.connection.vendor == "postgresql":
        model, index = search_index(apps, fastupdate=fastupdate)
        schema_editor.remove_index(model, index)
        schema_editor.add_index(model, index)


def without_pending_list(apps, schema_editor):
    rebuild(apps, schema_editor, fastupdate=False)


def with_pending_list(apps, schema_editor):
    rebuild(apps, schema_editor, fastupdate=True)


class Migration(migrations.Migration):
    dependencies = [("campaign", "0007_search_matches_by_index")]

    operations = [migrations.RunPython(without_pending_list, with_pending_list)]
