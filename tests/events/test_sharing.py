"""An event page's share links carry its public address (SITE_URL), not the request's host."""

import pytest
from django.test import override_settings

from tests.events.factories import make_event


@pytest.mark.django_db
@override_settings(SITE_URL="https://socialprescribingday.example")
def test_event_page_has_share_links(client, event_index):
    event = make_event(event_index)
    html = client.get(event.url).content.decode()
    address = f"https://socialprescribingday.example{event.url}"
    assert "Share this event" in html
    assert f'value="{address}" readonly' in html
    for host in ("x.com/intent/post", "bsky.app/intent/compose", "/share/mastodon/?text=", "linkedin.com/sharing",
                 "facebook.com/sharer", "wa.me/?text=", "mailto:?subject="):
        assert host in html
    assert "<script src=\"https://" not in html


@pytest.mark.django_db
def test_cancelled_event_is_not_offered_for_sharing(client, event_index):
    event = make_event(event_index, cancelled=True)
    assert "Share this event" not in client.get(event.url).content.decode()
