"""The toolkit page through the page cache: its audience filter makes a key, nothing else does."""

from django.test import Client


def test_the_audience_filter_works_and_junk_makes_no_copy(client, toolkit, settings):
    settings.PAGE_CACHE_SECONDS = 600
    visitor = Client()
    everyone = visitor.get("/toolkit/")
    assert everyone["X-Page-Cache"] == "miss"
    assert visitor.get("/toolkit/?x=1&audiences=link-workers")["X-Page-Cache"] == "hit"
    for expected in ("miss", "hit"):
        chosen = visitor.get("/toolkit/?audience=link-workers&x=2")
        assert chosen["X-Page-Cache"] == expected
        html = chosen.content.decode()
        assert "Guide for link workers" in html and "A4 poster" not in html
