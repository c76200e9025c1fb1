"""Reach holds the Day just gone while it is tracked (register_day_gone_until)."""

from datetime import date, timedelta

import pytest
from django.utils import timezone

from campaign import registry
from campaign.reach.focus import FOREVER
from campaign.reach.models import Tracking
from tests.factories import EditionPageFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def tracking(home_page):
    return Tracking.objects.create(edition=EditionPageFactory(parent=home_page, year=2027, day=date(2027, 3, 12)))


def test_the_day_is_held_until_its_tracking_window_closes_or_as_editors_say(tracking):
    assert registry.day_gone_until(tracking.edition) == tracking.window()[1]
    tracking.after_the_day = Tracking.MOVE_ON
    tracking.save()
    assert registry.day_gone_until(tracking.edition) is None
    tracking.after_the_day = Tracking.KEEP
    tracking.save()
    assert registry.day_gone_until(tracking.edition) == FOREVER


def test_an_untracked_day_is_not_held(home_page):
    assert registry.day_gone_until(EditionPageFactory(parent=home_page, year=2027, day=date(2027, 3, 12))) is None


def test_the_stats_page_says_thank_you_and_announces_the_next_date(client, home_page):
    day = timezone.localdate() - timedelta(days=2)
    gone = EditionPageFactory(parent=home_page, year=day.year, day=day, title="Social Prescribing Day gone")
    following = date(day.year + 1, 3, 12)
    EditionPageFactory(parent=home_page, year=following.year, day=following)
    Tracking.objects.create(edition=gone)
    page = client.get("/stats/").content.decode()
    assert "Live reach: Social Prescribing Day gone" in page and "Thank you to everyone" in page
    assert f"{following:%A %-d %B %Y}" in page
