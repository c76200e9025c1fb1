"""After the Day: /stats/ stays on the Day just gone until its tracking window closes."""

from datetime import UTC, date, datetime, timedelta

import pytest
from django.utils import timezone

from campaign.reach.focus import stats_focus
from campaign.reach.models import Tracking
from tests.factories import EditionPageFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def two_days(home_page):
    gone = EditionPageFactory(parent=home_page, year=2027, day=date(2027, 3, 12))
    upcoming = EditionPageFactory(parent=home_page, year=2028, day=date(2028, 3, 9))
    return Tracking.objects.create(edition=gone), upcoming


def test_the_day_just_gone_stays_in_focus_until_its_window_closes(two_days):
    tracking, upcoming = two_days
    focus = stats_focus(datetime(2027, 3, 15, 12, tzinfo=UTC))
    assert (focus.edition, focus.thank_you, focus.next_edition) == (tracking.edition, True, upcoming)
    closes = tracking.window()[1]
    assert stats_focus(closes - timedelta(minutes=1)).edition == tracking.edition
    assert stats_focus(closes + timedelta(hours=1)).edition == upcoming
    assert stats_focus(datetime(2027, 3, 12, 12, tzinfo=UTC)).thank_you is False  # the Day itself


def test_editors_can_move_on_at_once_or_keep_the_day(two_days):
    tracking, upcoming = two_days
    tracking.after_the_day = Tracking.MOVE_ON
    tracking.save()
    assert stats_focus(datetime(2027, 3, 15, 12, tzinfo=UTC)).edition == upcoming
    tracking.after_the_day = Tracking.KEEP
    tracking.save()
    assert stats_focus(datetime(2027, 6, 1, tzinfo=UTC)).edition == tracking.edition


def test_without_a_next_edition_the_current_one_is_shown(home_page):
    edition = EditionPageFactory(parent=home_page, year=2027, day=date(2027, 3, 12))
    Tracking.objects.create(edition=edition)
    focus = stats_focus(datetime(2027, 3, 15, tzinfo=UTC))
    assert (focus.edition, focus.thank_you) == (edition, False)


def test_the_stats_page_says_thank_you_and_announces_the_next_date(client, home_page):
    day = timezone.localdate() - timedelta(days=2)
    gone = EditionPageFactory(parent=home_page, year=day.year, day=day, title="Social Prescribing Day gone")
    following = date(day.year + 1, 3, 12)
    EditionPageFactory(parent=home_page, year=following.year, day=following)
    Tracking.objects.create(edition=gone)
    page = client.get("/stats/").content.decode()
    assert "Live reach: Social Prescribing Day gone" in page and "Thank you to everyone" in page
    assert f"{following:%A %-d %B %Y}" in page
