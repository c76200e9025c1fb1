"""Every public page type renders with a small, pinned number of queries (demo content).

The counts are pinned exactly: a new query on a public page (an N+1 creeping in, a lookup
not prefetched) fails here and has to be justified by updating the number. The demo content
is loaded once for the module, inside a transaction rolled back at the end.
"""

import pytest
from django.db import connection

# Queries for one anonymous, uncached GET (page cache off, as in the test settings).
PINNED = {
    # Every page asks once whether any page is private, not twice for its own privacy
    # (campaign.page_access; no query at all when the page cache is on).
    # The Day just gone's Tracking lookup (after the Day), and the events section reuses the
    # request's current edition instead of looking the editions up again.
    # Story cards bring their photo with the stories (one query for both, one for renditions):
    # one query fewer on every page that lists stories.
    "/": 13,
    "/years/": 8,
    # The aside asks each app whether the edition has events, stories and a toolkit
    # (register_edition_links), so a past edition links only to what exists: five queries,
    # the home page finds the edition, with its hero image, among the live editions in one
    # query (HomePage.edition_at; none when the page cache is on: the list is kept);
    # supporters and their logos' renditions in one prefetch (two more);
    # built once per change of content when the page cache is on (public_memo).
    "/2027/": 20,
    "/get-involved/": 7,
    # Wagtail's database search backend needs one query more on SQLite (FTS5) than on PostgreSQL.
    "/search/?q=community": 9 if connection.vendor == "sqlite" else 8,
    # The events map adds one grouped count of events per region.
    "/events/": 12,
    # An event without its own image gives search engines its edition's share image, and names
    # its edition: both from the live editions' one look-up (EventPage.public_edition).
    # Events and stories are found by their address in one query, not two a level (campaign.routing).
    "event": 9,
    "/stories/": 14,
    # A story names its edition from the same look-up of the live editions as the layout.
    "story": 11,
    # The toolkit follows the Day just gone after the Day: one Tracking lookup (its window);
    # whether the graphic maker has designs is one query, and the editions are looked up once.
    # The audience filter is drawn from the resources (no query of its own), and each resource's
    # image comes with it (one query for the resources and their images, one for the renditions).
    "/toolkit/": 10,
    # The Day just gone stays in focus until its tracking window closes: one Tracking lookup;
    # the layout's current edition comes from the same look-up of the editions.
    "/stats/": 4,
    # The editors' choice after the Day (site settings, with the site) and the Tracking lookup.
    "/stats/data.json": 4,
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


def add_copies_of_demo_events_and_stories(copies: int) -> int:
    """Publish ``copies`` more of every demo event and story (same words, new addresses), as
    a busy year adds them: searchable, in the same editions, with the same activities."""
    from events.models import EventPage
    from stories.models import StoryPage

    added = 0
    for model in (EventPage, StoryPage):
        own = [field.name for field in model._meta.concrete_fields if field.model is model and field.name != "page_ptr"]
        for page in model.objects.live().prefetch_related(*(["activities"] if model is StoryPage else [])):
            parent = page.get_parent()
            for n in range(1, copies + 1):
                copy = model(title=page.title, slug=f"{page.slug}-copy-{n}", **{name: getattr(page, name) for name in own})
                if model is StoryPage:
                    copy.activities = list(page.activities.all())
                parent.add_child(instance=copy)
                added += 1
    return added


SEARCH = "/search/?q=community"


def test_query_counts_stay_flat_as_content_grows(demo_site, db, client):
    """Three times the events and stories (so more cards, map regions, search matches, related
    stories and edition counts) cost no query more on any page type: nothing is looked up per item."""
    before = {page: count_queries(client, demo_site.get(page, page)) for page in PINNED}
    assert add_copies_of_demo_events_and_stories(copies=2) >= 60
    after = {page: count_queries(client, demo_site.get(page, page)) for page in PINNED}
    # Search loads each page type among the ten results it shows in one query (Wagtail's
    # specific()): its count follows the mix of types on the page, never the number of matches.
    (status_before, search_before), (status_after, search_after) = before.pop(SEARCH), after.pop(SEARCH)
    assert status_before == status_after == 200 and search_after <= search_before
    assert after == before
