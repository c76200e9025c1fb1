"""Every absolute URL the site gives out starts with SITE_URL, whatever host a request came in on.

The demo content is loaded with the Site record on ``testserver`` (the host the test client
uses) while SITE_URL is another address, as behind a proxy or a load balancer: an address
built from the request or from the Site record shows up as ``testserver`` and fails here.
The crawl follows every link from ``/`` and the sitemap, and also sends each URL a HEAD.
"""

from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ET
from collections import deque
from html.parser import HTMLParser
from urllib.parse import urlsplit

import pytest

pytestmark = pytest.mark.django_db

PUBLIC = "https://spd.example.org"
# Hosts this site answers on besides its public address: none may appear in an absolute URL.
OWN_HOSTS = {"testserver", "localhost", "127.0.0.1", "spd.example.org"}
SKIP_PREFIXES = ("/admin/", "/django-admin/", "/static/", "/media/", "/documents/")
TEXT_TYPES = ("text/html", "application/xml", "application/rss+xml", "application/atom+xml", "text/xml",
              "text/calendar", "application/json", "text/plain")
MAX_PAGES = 500


class Links(HTMLParser):
    """The URL-bearing attributes of a page, its canonical link and its JSON-LD blocks."""

    def __init__(self):
        super().__init__()
        self.values: list[tuple[str, str, str]] = []  # (tag, attribute, value)
        self.meta: dict[str, str] = {}
        self.canonical: list[str] = []
        self.robots = ""
        self.json_ld: list[str] = []
        self._in_json_ld = False
        self.headings: list[int] = []
        self.datetimes: list[str] = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        for name in ("href", "src", "content", "action", "poster", "data", "srcset"):
            if attrs.get(name):
                values = [part.strip().split(" ")[0] for part in attrs[name].split(",")] if name == "srcset" else [attrs[name]]
                self.values += [(tag, name, value) for value in values]
        if tag == "meta" and attrs.get("property"):
            self.meta[attrs["property"]] = attrs.get("content", "")
        if tag == "meta" and attrs.get("name") == "robots":
            self.robots = attrs.get("content", "")
        if tag == "link" and attrs.get("rel") == "canonical":
            self.canonical.append(attrs.get("href", ""))
        self._in_json_ld = tag == "script" and attrs.get("type") == "application/ld+json"
        if re.fullmatch(r"h[1-6]", tag):
            self.headings.append(int(tag[1]))
        if tag == "time" and "datetime" in attrs:
            self.datetimes.append(attrs["datetime"] or "")

    def handle_data(self, data):
        if self._in_json_ld:
            self.json_ld.append(data)

    def handle_endtag(self, tag):
        self._in_json_ld = False


def is_own(url: str) -> bool:
    return urlsplit(url).scheme in ("http", "https") and (urlsplit(url).hostname or "") in OWN_HOSTS


def wrong_addresses(urls) -> list[str]:
    """Absolute URLs of this site that do not start with the public address."""
    return [url for url in urls if is_own(url) and not url.startswith(PUBLIC + "/")]


def json_strings(value):
    if isinstance(value, dict):
        for item in value.values():
            yield from json_strings(item)
    elif isinstance(value, list):
        for item in value:
            yield from json_strings(item)
    elif isinstance(value, str):
        yield value


def local_path(url: str) -> str | None:
    """The path (and query) of a link to follow, or None for another site, a file or the admin."""
    if url.startswith(("mailto:", "tel:", "#", "javascript:", "data:")):
        return None
    if url.startswith(PUBLIC + "/"):
        url = url[len(PUBLIC):]
    parts = urlsplit(url)
    if parts.scheme or parts.netloc or not parts.path.startswith("/"):
        return None
    if parts.path.startswith(SKIP_PREFIXES) or "/manage/" in parts.path:
        return None
    return parts.path + (f"?{parts.query}" if parts.query else "")


class Crawl:
    """What a crawler starting at ``/`` and the sitemap finds, and what is wrong on the way."""

    def __init__(self, client):
        self.client = client
        self.pages: dict[str, object] = {}
        self.problems: list[str] = []
        self.head_problems: list[str] = []
        self.json_ld: dict[str, list[str]] = {}
        self.calendar_urls: dict[str, list[str]] = {}
        self.sitemap_locs: list[str] = []

    def run(self) -> Crawl:
        sitemap = self.client.get("/sitemap.xml")
        self.sitemap_locs = [el.text or "" for el in ET.fromstring(sitemap.content).iter()
                             if el.tag.endswith("}loc")]
        queue = deque(["/", "/robots.txt", "/events/feed.rss", "/events/feed.rss?format=online",
                       "/stories/feed/", "/events/feed.ics"])
        queue += [path for loc in self.sitemap_locs if (path := local_path(loc))]
        seen_paths_with_query: dict[str, int] = {}
        seen = set(queue)
        while queue and len(self.pages) < MAX_PAGES:
            path = queue.popleft()
            response = self.client.get(path)
            self.pages[path] = response
            head = self.client.head(path)
            if head.status_code != response.status_code:
                self.head_problems.append(f"{path}: GET {response.status_code}, HEAD {head.status_code}")
            if response.status_code != 200:
                if response.status_code not in (301, 302):
                    self.problems.append(f"{path}: status {response.status_code}")
                location = response.get("Location", "")
                if wrong_addresses([location]):
                    self.problems.append(f"{path}: redirects to {location}")
                continue
            for link in self.check(path, response):
                target = local_path(link)
                if target is None or target in seen:
                    continue
                # Filters and pages of a listing: a few of each are enough to see their links.
                bare = urlsplit(target).path
                if "?" in target:
                    seen_paths_with_query[bare] = seen_paths_with_query.get(bare, 0) + 1
                    if seen_paths_with_query[bare] > 2:
                        continue
                seen.add(target)
                queue.append(target)
        return self

    def check(self, path: str, response) -> list[str]:
        """Record what is wrong with one response; return the links on it."""
        content_type = response.get("Content-Type", "")
        if getattr(response, "streaming", False):
            # Read to the end as a browser would: the test client then closes the file without
            # firing request_finished (which would close the test's database connection).
            response.getvalue()
            return []
        if not content_type.startswith(TEXT_TYPES):
            return []
        text = response.content.decode()
        if content_type.startswith("text/html"):
            return self.check_html(path, text)
        if content_type.startswith("text/calendar"):
            unfolded = re.sub(r"\r?\n[ \t]", "", text)
            urls = re.findall(r"https?://[^\s\\,;\"<>]+", unfolded)
            self.calendar_urls[path] = wrong_addresses(urls)
            return []
        urls = re.findall(r"https?://[^\s\"'<>]+", text)
        self.problems += [f"{path}: {url}" for url in wrong_addresses(urls)]
        if "xml" in content_type:
            return [el.text or "" for el in ET.fromstring(response.content).iter() if el.tag in ("link", "loc")]
        return []

    def check_html(self, path: str, text: str) -> list[str]:
        parser = Links()
        parser.feed(text)
        values = [value for _tag, _name, value in parser.values]
        self.problems += [f"{path}: {url}" for url in wrong_addresses(values)]
        self.problems += [f"{path}: empty action" for tag, name, value in parser.values if name == "action" and not value]
        if re.search(r'action=""', text):
            self.problems.append(f"{path}: empty action")
        indexable = "noindex" not in parser.robots
        if indexable and len(parser.canonical) != 1:
            self.problems.append(f"{path}: {len(parser.canonical)} canonical links")
        for url in parser.canonical + [parser.meta.get("og:url", ""), parser.meta.get("og:image", "")]:
            if url and not url.startswith(PUBLIC + "/"):
                self.problems.append(f"{path}: {url} is not at the public address")
        if parser.meta.get("og:image") and not (parser.meta.get("og:image:width") and parser.meta.get("og:image:height")):
            self.problems.append(f"{path}: og:image without its width and height")
        # Valid HTML the Nu Html Checker asked for: no heading level skipped on the way down,
        # and machine-readable times without microseconds.
        for above, below in zip(parser.headings, parser.headings[1:], strict=False):
            if below > above + 1:
                self.problems.append(f"{path}: h{above} followed by h{below}")
        self.problems += [f"{path}: datetime {value!r}" for value in parser.datetimes if re.search(r"\.\d{4,}", value)]
        for block in parser.json_ld:
            self.json_ld.setdefault(path, []).extend(wrong_addresses(json_strings(json.loads(block))))
        return [value for tag, name, value in parser.values if tag == "a" and name == "href"]


@pytest.fixture(scope="module")
def crawl(demo_site, django_db_blocker):
    from django.test import Client, override_settings

    with django_db_blocker.unblock(), override_settings(SITE_URL=PUBLIC, WAGTAILADMIN_BASE_URL=PUBLIC):
        yield Crawl(Client()).run()


def test_every_absolute_url_on_every_public_page_starts_with_site_url(crawl):
    assert len(crawl.pages) > 40, sorted(crawl.pages)
    assert crawl.problems == [], f"{len(crawl.problems)} problems"


def test_head_is_answered_wherever_get_is(crawl):
    assert len(crawl.pages) > 40
    assert crawl.head_problems == []


def test_the_sitemap_lists_every_public_page_at_site_url(crawl):
    locs = crawl.sitemap_locs
    assert locs and all(loc.startswith(PUBLIC + "/") for loc in locs), locs
    paths = {loc[len(PUBLIC):] for loc in locs}
    expected = {"/", "/years/", "/events/", "/stories/", "/events/submit/", "/stories/share/", "/toolkit/",
                "/toolkit/years/", "/toolkit/make/", "/stats/", "/2021/stats/", "/2027/stats/", "/2021/results/",
                "/privacy/"}
    assert expected <= paths, expected - paths
    assert any(re.fullmatch(r"/20\d\d/toolkit/", path) for path in paths)
    # Each listed page exists and says it may be indexed.
    for path in paths:
        response = crawl.pages.get(path)
        assert response is not None and response.status_code == 200, path
        assert b'name="robots" content="noindex' not in response.content, path
    # Pages that say noindex are not listed.
    assert not paths & {"/events/submit/thanks/", "/stories/share/thank-you/", "/styleguide/", "/search/"}


def test_the_forms_landing_pages_are_indexable(crawl):
    for path in ("/events/submit/", "/stories/share/", "/toolkit/make/"):
        html = crawl.pages[path].content.decode()
        assert 'name="robots"' not in html, path
        assert f'<link rel="canonical" href="{PUBLIC}{path}">' in html, path


def test_filtered_feeds_name_themselves_at_site_url(crawl):
    rss = crawl.pages["/events/feed.rss?format=online"].content.decode()
    assert f'<atom:link href="{PUBLIC}/events/feed.rss?format=online" rel="self"' in rss
    stories = crawl.pages["/stories/feed/"].content.decode()
    assert f'<atom:link href="{PUBLIC}/stories/feed/" rel="self"' in stories
    assert f"<link>{PUBLIC}/stories/</link>" in stories


def test_json_ld_and_calendar_files_use_site_url(crawl):
    assert crawl.json_ld and crawl.calendar_urls
    assert {path: urls for path, urls in crawl.json_ld.items() if urls} == {}
    assert {path: urls for path, urls in crawl.calendar_urls.items() if urls} == {}
