"""Issue 19: editions live under "Every Social Prescribing Day" in the tree, and keep /<year>/.

An editor adds one where they look for it (under the archive) through Wagtail's own add view;
its address is /<year>/, never /years/<year>/; editions made under the home page before the
move keep working, and the migration moves them without changing their addresses.
"""

from datetime import date
from importlib import import_module

import pytest
from django.apps import apps
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from wagtail.models import Page

from campaign.editions.models import EditionIndexPage, EditionPage
from tests.factories import EditionPageFactory

pytestmark = pytest.mark.django_db

migration = import_module("campaign.editions.migrations.0005_editions_under_the_archive")


@pytest.fixture
def editor(client):
    user = get_user_model().objects.create_user("editor", "editor@example.org", "pw")
    user.groups.add(Group.objects.get(name="Editors"))
    client.force_login(user)
    return user


def test_an_editor_adds_an_edition_under_the_archive_and_it_lives_at_its_year(client, editor, edition_index):
    assert EditionPage.can_create_at(edition_index) and not EditionPage.can_create_at(edition_index.get_parent())
    choose = client.get(f"/admin/pages/{edition_index.pk}/add_subpage/")
    assert choose.status_code in (200, 302)  # one allowed type: Wagtail goes straight to its form
    url = f"/admin/pages/add/campaign/editionpage/{edition_index.pk}/"
    assert client.get(url).status_code == 200
    response = client.post(url, {
        "title": "Social Prescribing Day 2031", "slug": "2031", "year": "2031", "day": "2031-03-13",
        "hashtags": "#SocialPrescribingDay", "primary_colour": "#0b5d57", "accent_colour": "#f2a541",
        "body-count": "0", "results-count": "0", "highlights-count": "0", "action-publish": "publish",
    })
    assert response.status_code == 302, response.content.decode()[:2000]
    edition = EditionPage.objects.get(year=2031)
    assert edition.get_parent().pk == edition_index.pk and edition.live
    assert edition.url == "/2031/" and edition.full_url.endswith("/2031/")
    assert client.get("/2031/").status_code == 200
    assert client.get("/years/2031/").status_code == 404
    assert "/2031/" in client.get("/years/").content.decode()


def test_the_archive_says_in_the_editor_why_addresses_skip_it(client, editor, edition_index):
    html = client.get(f"/admin/pages/{edition_index.pk}/edit/").content.decode()
    assert "Its address is just its year, e.g. /2027/, not /years/2027/." in html


def test_a_draft_edition_is_not_public_and_its_results_neither(client, edition_index):
    draft = EditionPageFactory(parent=edition_index, year=2032, day=date(2032, 3, 11))
    draft.unpublish()
    assert client.get("/2032/").status_code == 404


def test_the_migration_moves_editions_under_the_archive_keeping_their_addresses(client, home_page, edition_index):
    older = EditionPageFactory(parent=home_page, year=2024, day=date(2024, 3, 14))
    newer = EditionPageFactory(parent=home_page, year=2025, day=date(2025, 3, 13))
    already = EditionPageFactory(parent=edition_index, year=2026, day=date(2026, 3, 12))
    assert client.get("/2024/").status_code == 200 and older.url == "/2024/"  # before: also /<year>/

    migration.under_the_archive(apps, None)

    for page in (older, newer, already):
        page.refresh_from_db()
        assert page.get_parent().pk == edition_index.pk
        assert page.url_path == f"{edition_index.url_path}{page.year}/"
        assert page.url == f"/{page.year}/"
        assert client.get(f"/{page.year}/").status_code == 200
    assert list(edition_index.get_children().values_list("slug", flat=True)) == ["2026", "2024", "2025"]
    assert Page.find_problems() == ([], [], [], [], [])
    home_page.refresh_from_db()
    assert home_page.numchild == 1 and EditionIndexPage.objects.get().numchild == 3

    migration.back_under_the_home_page(apps, None)
    assert {p.get_parent().pk for p in EditionPage.objects.all()} == {home_page.pk}
    assert Page.find_problems() == ([], [], [], [], [])
    assert client.get("/2025/").status_code == 200
