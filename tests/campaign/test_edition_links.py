"""A past edition's page links only to what exists, in the past tense (register_edition_links)."""

from datetime import date

from tests.factories import EditionPageFactory
from tests.toolkit.factories import make_toolkit


def _aside(html: str) -> str:
    return html.split('<aside class="aside"', 1)[1].split("</aside>", 1)[0]


def test_a_past_edition_without_events_stories_or_toolkit(client, home_page):
    edition = EditionPageFactory(parent=home_page, year=2021, day=date(2021, 3, 18))
    html = client.get(edition.url).content.decode()
    assert "No events were listed for 2021." in html
    assert "No events are listed" not in html
    aside = _aside(html)
    assert "The 2021 Day" in aside
    assert 'href="/2021/stats/"' in aside
    for missing in ("/2021/toolkit/", "/events/", "/stories/"):
        assert missing not in aside
    assert "/2021/toolkit/" not in html
    assert "See the reach of 2021" in html and "live reach" not in html


def test_a_past_edition_links_its_toolkit_once_published(client, home_page):
    edition = EditionPageFactory(parent=home_page, year=2022, day=date(2022, 3, 10))
    make_toolkit(edition)
    aside = _aside(client.get(edition.url).content.decode())
    assert '<a href="/2022/toolkit/">Toolkit</a>' in aside


def test_an_upcoming_edition_speaks_of_the_future(client, home_page):
    edition = EditionPageFactory(parent=home_page, year=2090)
    html = client.get(edition.url).content.decode()
    assert "No events are listed for 2090 yet." in html
    assert "This year&#x27;s Day" in _aside(html) or "This year's Day" in _aside(html)
