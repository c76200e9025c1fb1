"""The command, the task, the admin and the demo data around the tracker."""

from datetime import UTC, date, datetime
from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.test import override_settings

from campaign.reach import demo, tracker
from campaign.reach.management.commands import track_hashtags
from campaign.reach.models import HourlyStat, IngestRun, ManualFigure, Post, Tracking
from campaign.reach.providers.base import Provider
from campaign.reach.records import Page, Stream
from campaign.reach.store import DemoDataError, recompute_hourly, store_posts, stored_hourly
from campaign.reach.tasks import track_hashtags_pass
from tests.factories import EditionPageFactory

from .factories import author, post

pytestmark = pytest.mark.django_db


class FakeProvider(Provider):
    """A provider with one stream and scripted pages, to test the tracker on its own."""

    network = "mastodon"

    def __init__(self, pages):
        self.pages = list(pages)
        self.states = []

    def streams(self, tracking):
        return [Stream("mastodon", "m.example", "socialprescribingday")]

    def fetch(self, tracking, stream, state, *, limit=None):
        self.states.append(dict(state))
        return self.pages.pop(0)


def page(numbers, state, done):
    return Page(posts=[post(n, 1, network="mastodon") for n in numbers],
                authors=[author(1, "mastodon")], state=state, done=done, read=len(numbers))


def test_active_editions_are_those_whose_window_is_open(home_page):
    edition = EditionPageFactory(parent=home_page, year=2027, day=date(2027, 3, 12))
    tracking = Tracking.objects.create(edition=edition)
    assert tracker.active_trackings(datetime(2027, 3, 12, 9, tzinfo=UTC)) == [tracking]
    assert tracker.active_trackings(datetime(2027, 1, 1, tzinfo=UTC)) == []
    assert tracker.active_trackings(datetime(2027, 4, 1, tzinfo=UTC)) == []
    tracking.data_source = "demo"
    tracking.save()
    assert tracker.active_trackings(datetime(2027, 3, 12, 9, tzinfo=UTC)) == []


def test_run_pass_records_each_run_for_the_admin(tracking, monkeypatch):
    monkeypatch.setattr(tracker, "active_trackings", lambda **kw: [tracking])
    fake = FakeProvider([page([1, 2], {"min_id": "2"}, False), page([2, 3], {"min_id": "3"}, True)])
    lines = []
    runs = tracker.run_pass(providers={"mastodon": fake}, out=lines.append, sleep=lambda s: None)
    assert [(r.posts_new, r.posts_updated, r.status) for r in runs] == [(3, 0, "ok")]
    assert fake.states == [{}, {"min_id": "2"}]
    run = IngestRun.objects.get()
    assert run.pages == 2 and run.duration >= 0
    assert any("mastodon: finished, 3 new" in line for line in lines)


def test_a_backfill_starts_from_the_beginning_again(tracking, monkeypatch):
    from campaign.reach.models import Cursor

    Cursor.objects.create(edition=tracking.edition, network="mastodon", server="m.example",
                          hashtag="socialprescribingday", state={"min_id": "99"})
    fake = FakeProvider([page([1], {"min_id": "100"}, True)])
    tracker.run_network(tracking, fake, backfill=True)
    assert fake.states == [{}]
    assert IngestRun.objects.get().backfill


def test_demo_editions_are_never_tracked_for_real(tracking):
    tracking.data_source = "demo"
    tracking.save()
    fake = FakeProvider([page([1], {}, True)])
    run = tracker.run_network(tracking, fake)
    assert run.status == "skipped" and fake.states == [] and not Post.objects.exists()


@override_settings(X_BEARER_TOKEN="", BLUESKY_HANDLE="", BLUESKY_APP_PASSWORD="", REACH_MASTODON_SERVERS=[])
def test_command_says_which_networks_are_not_configured(tracking, monkeypatch):
    monkeypatch.setattr(tracker, "active_trackings", lambda **kw: [tracking])
    out = StringIO()
    call_command("track_hashtags", stdout=out)
    text = out.getvalue()
    assert "X_BEARER_TOKEN is not set" in text and "BLUESKY_HANDLE" in text


def test_command_refuses_a_tight_loop():
    with pytest.raises(CommandError):
        call_command("track_hashtags", "--every", "5")


@override_settings(X_BEARER_TOKEN="", BLUESKY_HANDLE="", BLUESKY_APP_PASSWORD="", REACH_MASTODON_SERVERS=[])
def test_the_pass_is_a_task(tracking, monkeypatch):
    monkeypatch.setattr(tracker, "active_trackings", lambda **kw: [tracking])
    result = track_hashtags_pass.enqueue()
    assert result.return_value == {"runs": 0, "new": 0, "updated": 0, "errors": 0}


def test_the_progress_bar_shows_known_totals(tracking):
    from campaign.reach.management.commands.track_hashtags import ProgressBar

    out = StringIO()
    ProgressBar(out)(tracking, "bluesky", "SocialPrescribingDay", 50, 200)
    assert "25%" in out.getvalue() and "50/200" in out.getvalue()


def test_clear_demo_lets_real_tracking_start(tracking):
    tracking.data_source = "demo"
    tracking.save()
    store_posts(tracking, "x", [post(1, 1)], [author(1)], demo=True)
    ManualFigure.objects.create(edition=tracking.edition, network="linkedin", as_of=date(2027, 3, 19), is_demo=True)
    call_command("track_hashtags", "--clear-demo", "2027", stdout=StringIO())
    tracking.refresh_from_db()
    assert tracking.data_source == "real"
    assert not Post.objects.exists() and not HourlyStat.objects.exists() and not ManualFigure.objects.exists()
    store_posts(tracking, "x", [post(1, 1)], [author(1)])


def test_demo_data_is_flagged_consistent_and_loaded_once(home_page):
    for year, day in ((2026, date(2026, 3, 12)), (2027, date(2027, 3, 12))):
        EditionPageFactory(parent=home_page, year=year, day=day)
    demo.load(StringIO())
    counts = (Post.objects.count(), HourlyStat.objects.count(), ManualFigure.objects.count())
    demo.load(StringIO())
    assert counts == (Post.objects.count(), HourlyStat.objects.count(), ManualFigure.objects.count())
    assert set(Tracking.objects.values_list("data_source", flat=True)) == {"demo"}
    assert ManualFigure.objects.filter(is_demo=True).count() == 3
    for tracking in Tracking.objects.all():
        assert stored_hourly(tracking.edition_id) == recompute_hourly(tracking.edition_id)
        with pytest.raises(DemoDataError):
            store_posts(tracking, "x", [post(1, 1)], [author(1)])


def test_demo_never_overwrites_real_posts(home_page):
    edition = EditionPageFactory(parent=home_page, year=2026, day=date(2026, 3, 12))
    tracking = Tracking.objects.create(edition=edition)
    p = post(1, 1)
    store_posts(tracking, "x", [p.__class__(**{**p.__dict__, "created_at": p.created_at.replace(year=2026)})], [author(1)])
    assert demo.load_edition(edition) is False
    tracking.refresh_from_db()
    assert tracking.data_source == "real" and Post.objects.count() == 1


def test_admin_shows_tracking_errors_and_runs(admin_client, tracking):
    tracking.x_enabled = False
    tracking.x_error = "22 Nov 2026 10:00: X refused the bearer token (401)"
    tracking.save()
    IngestRun.objects.create(edition=tracking.edition, network="x", status="failed", errors=1, messages="401")
    listing = admin_client.get("/admin/snippets/reach/tracking/")
    assert listing.status_code == 200 and "X refused the bearer token" in listing.content.decode()
    edit = admin_client.get(f"/admin/snippets/reach/tracking/edit/{tracking.pk}/")
    assert edit.status_code == 200 and "X refused the bearer token" in edit.content.decode()
    assert admin_client.get("/admin/snippets/reach/ingestrun/").status_code == 200
    assert admin_client.get("/admin/snippets/reach/manualfigure/add/").status_code == 200


class BrokenProvider(FakeProvider):
    network = "bluesky"

    def streams(self, tracking):
        raise RuntimeError("broken before any walk")


def test_a_network_that_fails_outright_does_not_stop_the_others(tracking, monkeypatch):
    monkeypatch.setattr(tracker, "active_trackings", lambda **kw: [tracking])
    fake = FakeProvider([page([1], {"min_id": "1"}, True)])
    lines = []
    runs = tracker.run_pass(providers={"bluesky": BrokenProvider([]), "mastodon": fake}, out=lines.append,
                            sleep=lambda s: None)
    assert [r.network for r in runs] == ["mastodon"] and runs[0].posts_new == 1
    assert any("bluesky: failed (RuntimeError: broken before any walk)" in line for line in lines)


def test_the_every_loop_survives_a_failing_pass(monkeypatch):
    passes = []

    def failing_pass(**kwargs):
        passes.append(1)
        if len(passes) == 1:
            raise RuntimeError("database went away")
        raise KeyboardInterrupt  # ends the loop for the test

    monkeypatch.setattr(track_hashtags, "run_pass", failing_pass)
    monkeypatch.setattr(track_hashtags.time, "sleep", lambda s: None)
    err = StringIO()
    with pytest.raises(KeyboardInterrupt):
        call_command("track_hashtags", "--every", "60", stdout=StringIO(), stderr=err)
    assert len(passes) == 2 and "database went away" in err.getvalue()
