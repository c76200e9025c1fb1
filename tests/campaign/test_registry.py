"""What the apps register through campaign.registry reaches the pages, in its order."""

import copy
import re

import pytest
from django.template import TemplateDoesNotExist
from wagtail import hooks

from campaign import registry
from campaign.editions import demo as editions_demo
from campaign.registry import NavItem, PageSection


def nav_links(html: str) -> list[str]:
    nav = re.search(r'<nav class="site-nav".*?</nav>', html, re.S).group(0)
    return re.findall(r'<a href="([^"]+)"', nav)


def test_main_nav_lists_each_app_in_its_order(client, home_page):
    html = client.get("/").content.decode()
    assert nav_links(html) == ["/events/", "/stories/", "/toolkit/", "/stats/", "/get-involved/", "/years/"]


def test_main_nav_marks_the_app_the_page_is_under(client, home_page):
    html = client.get("/stories/no-such-story/").content.decode()
    current = re.findall(r'<a href="([^"]+)" aria-current="page">', html)
    assert current == ["/stories/"]


def test_a_registered_nav_item_takes_its_place():
    def extra():
        return NavItem("Press", "/press/")

    with hooks.register_temporarily(registry.SITE_NAV_ITEM, extra, order=15):
        assert [item.url for item in registry.nav_items()] == ["/events/", "/press/", "/stories/", "/toolkit/", "/stats/"]


def test_sections_come_in_the_apps_order_and_only_reach_is_live():
    for place in ("home", "edition"):
        sections = registry.page_sections(place)
        assert [s.template for s in sections] == [
            f"events/sections/{place}.html", f"stories/sections/{place}.html",
            f"toolkit/sections/{place}.html", f"reach/sections/{place}.html",
        ]
        assert [s.live for s in sections] == [False, False, False, True]


def test_a_registered_section_is_rendered_in_its_place(client, home_page, tmp_path, settings):
    (tmp_path / "extra").mkdir()
    (tmp_path / "extra" / "home.html").write_text('<section id="extra-section">{{ page.title }}</section>')
    templates = copy.deepcopy(settings.TEMPLATES)
    templates[0]["DIRS"] = [*templates[0]["DIRS"], tmp_path]
    settings.TEMPLATES = templates

    with hooks.register_temporarily(registry.HOME_SECTION, lambda: PageSection("extra/home.html"), order=25):
        assert [s.template for s in registry.page_sections("home")][2] == "extra/home.html"
        html = client.get("/").content.decode()
    assert f'<section id="extra-section">{home_page.title}</section>' in html


def test_a_section_whose_template_is_missing_is_an_error_not_a_gap(client, home_page):
    with hooks.register_temporarily(registry.HOME_SECTION, lambda: PageSection("no/such/section.html")):
        with pytest.raises(TemplateDoesNotExist):
            client.get("/")


def test_robots_txt_lists_the_apps_paths_after_the_projects(client, home_page):
    lines = client.get("/robots.txt").content.decode().splitlines()
    assert [line for line in lines if line.startswith("Disallow:")] == [
        "Disallow: /admin/", "Disallow: /django-admin/", "Disallow: /search/", "Disallow: /share/",
        "Disallow: /events/manage/", "Disallow: /stories/manage/",
        "Disallow: /toolkit/download/",
    ]
    # "Make your own graphic" is a landing page people search for; its results are noindex.
    assert "Disallow: /toolkit/make/" not in lines


def test_page_cache_ignores_the_models_apps_register():
    ignored = registry.page_cache_ignored_models()
    assert {"toolkit.resourcedownloadday", "toolkit.archivedownloadday", "reach.post", "reach.ingestrun"} <= ignored
    assert "events.eventpage" not in ignored and "toolkit.toolkit" not in ignored


def test_demo_content_starts_with_the_page_tree():
    loaders = registry.demo_loaders()
    assert loaders[0] is editions_demo.load
    assert len(loaders) == 5
