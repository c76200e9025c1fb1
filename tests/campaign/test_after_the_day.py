"""After the Day: the home page, /stats/ and the toolkit stay on the Day just gone while it is
still tracked, then move to the next Day; editors can choose either for good.

Time is frozen (``days.today``/``days.now``) before, on, the day after and a week after the Day,
and every check goes through the public URLs.
"""

from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from wagtail.models import Site

from campaign.editions import days
from campaign.editions.current import focus
from campaign.editions.models import SiteSettings
from campaign.reach.models import Tracking
from tests.factories import EditionPageFactory
from tests.toolkit.factories import make_resource, make_toolkit

pytestmark = pytest.mark.django_db

LONDON = ZoneInfo("Europe/London")
DAY, NEXT_DAY = date(2027, 3, 12), date(2028, 3, 9)
BEFORE = datetime(2027, 3, 10, 12, tzinfo=LONDON)
ON_THE_DAY = datetime(2027, 3, 12, 12, tzinfo=LONDON)
DAY_AFTER = datetime(2027, 3, 13, 12, tzinfo=LONDON)
WEEK_AFTER = datetime(2027, 3, 20, 12, tzinfo=LONDON)  # the default window closed at midnight


@pytest.fixture
def freeze(monkeypatch):
    def at(moment: datetime) -> None:
        monkeypatch.setattr(days, "now", lambda: moment)
        monkeypatch.setattr(days, "today", lambda: moment.date())

    return at


@pytest.fixture
def two_days(home_page):
    gone = EditionPageFactory(parent=home_page, year=2027, day=DAY, title="Social Prescribing Day 2027")
    upcoming = EditionPageFactory(parent=home_page, year=2028, day=NEXT_DAY, title="Social Prescribing Day 2028")
    tracking = Tracking.objects.create(edition=gone)
    for edition in (gone, upcoming):
        make_resource(make_toolkit(edition), f"Poster {edition.year}")
    return gone, upcoming, tracking


def choose(after_the_day: str) -> None:
    settings = SiteSettings.for_site(Site.objects.get(is_default_site=True))
    settings.after_the_day = after_the_day
    settings.save()


def pages(client) -> tuple[str, str, str]:
    return tuple(client.get(path).content.decode() for path in ("/", "/stats/", "/toolkit/"))


def test_before_and_on_the_day_everything_is_about_the_day(client, two_days, freeze):
    freeze(BEFORE)
    home, stats, toolkit = pages(client)
    assert "Social Prescribing Day <span class=\"nowrap\">12 March 2027</span>" in home and "In 2 days" in home
    assert "Thank you" not in home and "Live reach: Social Prescribing Day 2027" in stats
    assert "Thank you to everyone" not in stats and "Poster 2027" in toolkit
    freeze(ON_THE_DAY)
    home, stats, toolkit = pages(client)
    assert "Today is Social Prescribing Day" in home and "Thank you" not in home
    assert "Live reach: Social Prescribing Day 2027" in stats and "Poster 2027" in toolkit


def test_the_day_after_the_site_thanks_people_with_the_results_and_the_next_date(client, two_days, freeze):
    freeze(DAY_AFTER)
    home, stats, toolkit = pages(client)
    assert "Thank you for celebrating social prescribing" in home
    assert "took place on 12 March 2027" in home
    assert "The next Social Prescribing Day is <strong class=\"nowrap\">Thursday 9 March 2028</strong>" in home
    assert 'href="/2027/results/"' in home
    assert "The hashtag so far" in home and "unique contributors" in home  # reach's headline figures
    assert "Get the 2027 toolkit" in home
    assert "Live reach: Social Prescribing Day 2027" in stats and "Thank you to everyone" in stats
    assert "Thursday 9 March 2028" in stats
    assert "Poster 2027" in toolkit and "Poster 2028" not in toolkit
    assert client.get("/2027/results/").status_code == 200


def test_a_week_after_the_window_has_closed_and_the_site_is_on_the_next_day(client, two_days, freeze):
    freeze(WEEK_AFTER)
    home, stats, toolkit = pages(client)
    assert "Thank you for celebrating" not in home and "9 March 2028" in home
    assert "Get the 2028 toolkit" in home
    assert "Live reach: Social Prescribing Day 2028" in stats and "Thank you to everyone" not in stats
    assert "Poster 2028" in toolkit and "Poster 2027" not in toolkit


def test_the_tracking_window_decides_to_the_minute(two_days):
    gone, upcoming, tracking = two_days
    closes = tracking.window()[1]
    assert focus(closes - timedelta(minutes=1)) == days.Focus(gone, thank_you=True, next_edition=upcoming)
    assert focus(closes) == days.Focus(upcoming)
    tracking.ends_at = closes + timedelta(days=10)
    tracking.save()
    assert focus(closes + timedelta(days=9)).edition == gone


def test_editors_choose_the_next_day_or_the_day_gone_for_good(client, two_days, freeze):
    freeze(DAY_AFTER)
    choose(days.NEXT_DAY)
    home, stats, toolkit = pages(client)
    assert "Thank you for celebrating" not in home and "Live reach: Social Prescribing Day 2028" in stats
    assert "Poster 2028" in toolkit
    freeze(datetime(2027, 9, 1, 12, tzinfo=LONDON))
    choose(days.DAY_GONE)
    home, stats, toolkit = pages(client)
    assert "Thank you for celebrating" in home and "Thursday 9 March 2028" in home
    assert "Live reach: Social Prescribing Day 2027" in stats and "Poster 2027" in toolkit
    choose(days.AUTOMATIC)
    assert "Thank you for celebrating" not in client.get("/").content.decode()


def test_each_days_tracking_settings_still_count_in_automatic_mode(client, two_days, freeze):
    gone, upcoming, tracking = two_days
    freeze(DAY_AFTER)
    tracking.after_the_day = Tracking.MOVE_ON
    tracking.save()
    assert "Live reach: Social Prescribing Day 2028" in client.get("/stats/").content.decode()
    tracking.after_the_day = Tracking.KEEP
    tracking.save()
    freeze(datetime(2027, 12, 1, 12, tzinfo=LONDON))
    assert "Live reach: Social Prescribing Day 2027" in client.get("/stats/").content.decode()


def test_without_a_dated_next_edition_there_is_nothing_to_hold(home_page, freeze):
    edition = EditionPageFactory(parent=home_page, year=2027, day=DAY)
    Tracking.objects.create(edition=edition)
    EditionPageFactory(parent=home_page, year=2028, day=None)
    assert focus(DAY_AFTER) == days.Focus(edition)
