"""Issue 19, editors: start next year's Day from this year's in one admin action, as an editor.

The editor is a member of the Editors group, not a superuser. Everything goes through the
Wagtail admin's URLs: the dashboard, the edition's page menu, the form, the checklist.
"""

from datetime import UTC, date, datetime

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.urls import reverse
from wagtail.models import PageLogEntry

from campaign.editions import next_edition
from campaign.editions.models import EditionPage
from campaign.reach.handover import shifted
from campaign.reach.models import Tracking
from tests.factories import EditionPageFactory
from tests.toolkit.factories import make_document, make_resource, make_toolkit
from toolkit.models import Audience, Toolkit

pytestmark = pytest.mark.django_db


@pytest.fixture
def editor(client):
    user = get_user_model().objects.create_user("editor", "editor@example.org", "pw")
    user.groups.add(Group.objects.get(name="Editors"))
    client.force_login(user)
    return user


@pytest.fixture
def this_year(edition_index):
    edition = EditionPageFactory(
        parent=edition_index, year=2026, day=date(2026, 3, 12), edition_number=7, theme="Nature connects",
        theme_words="Walk – Grow – Share", summary="The 2026 Day.", hashtags="#SocialPrescribingDay #SPD2026",
        primary_colour="#0b5d57",
    )
    audiences = {a.slug: a for a in Audience.objects.all()}
    toolkit = make_toolkit(edition, intro="Everything for 2026.", brand_rules="Keep the logo teal.")
    make_resource(toolkit, "A4 poster", "posters", audiences=[audiences["gp-practices"]], sort_order=1)
    make_resource(toolkit, "Guide for link workers", "guides",
                  audiences=[audiences["link-workers"], audiences["gp-practices"]], sort_order=2)
    Tracking.objects.create(
        edition=edition, hashtags="#SocialPrescribingDay #SPD2026", mastodon_enabled=False, wall_mode="all",
        starts_at=datetime(2026, 3, 1, 9, tzinfo=UTC), ends_at=datetime(2026, 3, 20, 18, tzinfo=UTC),
        x_error="401 Unauthorized", data_source="demo",
    )
    return edition


def start(client, this_year, **overrides):
    data = {"source": this_year.pk, "year": 2027, "day": "2027-03-11", "theme": "Together outdoors",
            "theme_words": "Listen – Support – Connect"}
    data.update(overrides)
    return client.post(reverse("start_next_edition"), data)


def test_the_dashboard_and_the_editions_menu_offer_it_to_editors(client, editor, this_year):
    dashboard = client.get("/admin/").content.decode()
    assert "Running the Day" in dashboard and reverse("start_next_edition") in dashboard
    menu = client.get(f"/admin/pages/{this_year.pk}/edit/").content.decode()
    assert f"{reverse('start_next_edition')}?from={this_year.pk}" in menu
    assert reverse("edition_checklist", args=[this_year.pk]) in menu, menu[menu.find("start-next") - 3000:][:6000]
    form = client.get(f"{reverse('start_next_edition')}?from={this_year.pk}")
    assert form.status_code == 200
    assert form.context["form"].initial["year"] == 2027
    assert form.context["form"].initial["day"] == date(2027, 3, 12)


def test_an_editor_starts_next_years_day_in_draft_under_the_archive(client, editor, this_year, edition_index):
    response = start(client, this_year)
    new = EditionPage.objects.get(year=2027)
    assert response.status_code == 302 and response.url == reverse("edition_checklist", args=[new.pk])
    assert new.get_parent().pk == edition_index.pk
    assert not new.live and new.has_unpublished_changes and new.latest_revision is not None
    assert (new.day, new.theme, new.theme_words, new.edition_number) == (
        date(2027, 3, 11), "Together outdoors", "Listen – Support – Connect", 8)
    assert new.hashtags == "#SocialPrescribingDay #SPD2027"
    assert new.primary_colour == "#0b5d57" and new.summary == ""
    assert new.url == "/2027/"
    assert PageLogEntry.objects.filter(page=new, action="wagtail.create", user=editor).exists()
    # Nothing of last year changes.
    this_year.refresh_from_db()
    assert this_year.live and this_year.hashtags == "#SocialPrescribingDay #SPD2026"


def test_the_toolkit_keeps_last_years_categories_and_audiences_unpublished(client, editor, this_year):
    start(client, this_year)
    old, new = Toolkit.objects.get(edition=this_year), Toolkit.objects.get(edition__year=2027)
    assert not new.live and old.live
    assert (new.intro, new.brand_rules, new.licence) == (old.intro, old.brand_rules, old.licence)

    def shape(toolkit):
        return [(r.title, r.category, sorted(a.slug for a in r.audiences.all()), r.document_id)
                for r in toolkit.resources.order_by("sort_order")]

    assert shape(new) == shape(old) and len(shape(new)) == 2
    assert set(new.resources.values_list("pk", flat=True)).isdisjoint(old.resources.values_list("pk", flat=True))


def test_tracking_keeps_the_hashtags_and_moves_the_window_to_the_new_date(client, editor, this_year):
    start(client, this_year)
    tracking = Tracking.objects.get(edition__year=2027)
    # 12 March 2026 to 11 March 2027: 364 days on.
    assert tracking.starts_at == datetime(2027, 2, 28, 9, tzinfo=UTC)
    assert tracking.ends_at == datetime(2027, 3, 19, 18, tzinfo=UTC)
    assert tracking.hashtag_list == ["#SocialPrescribingDay", "#SPD2027"]
    assert (tracking.mastodon_enabled, tracking.x_enabled, tracking.wall_mode) == (False, True, "all")
    assert tracking.x_error == "" and tracking.data_source == "real" and tracking.last_stored_at is None


def test_the_checklist_says_what_is_left_and_follows_the_work(client, editor, this_year):
    start(client, this_year)
    new = EditionPage.objects.get(year=2027)
    page = client.get(reverse("edition_checklist", args=[new.pk]))
    text = page.content.decode()
    items = {item.label: item for item in page.context["items"]}
    assert not items["Write the summary"].done and not items["Choose a hero image, with its description"].done
    assert items["Set the date of the Day"].done and items["Give the theme and its words"].done
    assert not items["Replace last year's files in the toolkit"].done
    assert items["Replace last year's files in the toolkit"].note == "2 of 2 resources still offer last year's file."
    assert "2 of 2 resources still offer last year&#x27;s file" in text
    assert not items["Publish the toolkit"].done and not items["Publish the edition page"].done
    assert "#SocialPrescribingDay #SPD2027, from 28 February 2027 to 19 March 2027" in text
    assert page.context["remaining"] == 5

    # Replace one file and write the summary: the checklist moves on by itself.
    resource = Toolkit.objects.get(edition=new).resources.first()
    resource.document = make_document("2027 poster", b"%PDF-1.4 2027", "poster-2027.pdf")
    resource.save()
    new.summary = "The 2027 Day."
    new.save_revision().publish()
    items = {item.label: item for item in client.get(reverse("edition_checklist", args=[new.pk])).context["items"]}
    assert items["Write the summary"].done and items["Publish the edition page"].done
    assert not items["Replace last year's files in the toolkit"].done
    assert "1 of 2" in items["Replace last year's files in the toolkit"].note


def test_a_year_already_taken_or_a_date_in_another_year_is_refused_and_nothing_is_made(client, editor, this_year):
    EditionPageFactory(parent=this_year.get_parent(), year=2028)
    response = start(client, this_year, year=2028, day="2028-03-09")
    assert "There is already an edition for 2028" in response.content.decode()
    response = start(client, this_year, day="2028-03-09")
    assert "The date must fall in 2027." in response.content.decode()
    assert not EditionPage.objects.filter(year=2027).exists()
    assert Toolkit.objects.count() == 1 and Tracking.objects.count() == 1


def test_moderators_cannot_start_a_day(client, this_year):
    user = get_user_model().objects.create_user("moderator", "moderator@example.org", "pw")
    moderators = Group.objects.get(name="Moderators")
    moderators.permissions.add(Permission.objects.get(codename="access_admin"))  # as their sections give it
    user.groups.add(moderators)
    client.force_login(user)
    # Wagtail turns the refusal into a message on the dashboard.
    for response in (client.get(reverse("start_next_edition")), start(client, this_year)):
        assert response.status_code == 302 and response.url == "/admin/"
    assert not EditionPage.objects.filter(year=2027).exists()
    dashboard = client.get("/admin/").content.decode()
    assert reverse("start_next_edition") not in dashboard and reverse("running_the_day") in dashboard


def test_the_running_the_day_guide_is_in_the_admin(client, editor):
    page = client.get(reverse("running_the_day"))
    html = page.content.decode()
    assert page.status_code == 200
    for heading in ("<h2>Weeks before the Day</h2>", "<h2>On the Day</h2>", "<h2>After the Day</h2>"):
        assert heading in html
    assert "/&lt;year&gt;/results/" in html or "<code>/&lt;year&gt;/results/</code>" in html
    assert "Closing tracking" in html


def test_hashtags_carry_the_year_on_only_where_they_carry_it():
    assert next_edition.carry_hashtags("#SPD2026 #SocialPrescribingDay", 2026, 2027) == "#SPD2027 #SocialPrescribingDay"
    assert next_edition.carry_hashtags("#SocialPrescribingDay", 2026, 2027) == "#SocialPrescribingDay"
    assert next_edition.carry_hashtags("#Day20260", 2026, 2027) == "#Day20260"


def test_a_window_moves_only_when_both_days_are_known():
    old = EditionPage(year=2026, day=date(2026, 3, 12))
    moment = datetime(2026, 3, 1, tzinfo=UTC)
    assert shifted(moment, old, EditionPage(year=2027, day=date(2027, 3, 11))) == datetime(2027, 2, 28, tzinfo=UTC)
    assert shifted(moment, old, EditionPage(year=2027, day=None)) is None
    assert shifted(None, old, EditionPage(year=2027, day=date(2027, 3, 11))) is None


def test_next_years_date_is_suggested_a_year_on():
    assert next_edition.suggested(EditionPage(year=2028, day=date(2028, 2, 29))).day == date(2029, 2, 28)
    assert next_edition.suggested(EditionPage(year=2026, day=None)) == next_edition.NextEdition(2027, None, "", "")
