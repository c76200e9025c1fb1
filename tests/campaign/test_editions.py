from datetime import date

import pytest

from campaign.editions import current, days
from campaign.editions.colours import contrast_ratio, text_colour_on, validate_theme_colour
from tests.factories import EditionPageFactory


@pytest.fixture
def three_days(home_page):
    return [
        EditionPageFactory(parent=home_page, year=2025, day=date(2025, 3, 13)),
        EditionPageFactory(parent=home_page, year=2026, day=date(2026, 3, 12)),
        EditionPageFactory(parent=home_page, year=2027, day=date(2027, 3, 12)),
    ]


def test_countdown_text():
    assert days.countdown_text(date(2027, 3, 12), date(2026, 11, 24)) == "in 108 days"
    assert days.countdown_text(date(2027, 3, 12), date(2027, 3, 11)) == "tomorrow"
    assert days.countdown_text(date(2027, 3, 12), date(2027, 3, 12)) == "today"
    assert days.countdown_text(date(2027, 3, 12), date(2027, 3, 15)) == "3 days ago"


def test_day_state():
    day = date(2027, 3, 12)
    assert days.day_state(day, date(2027, 3, 11)) == days.UPCOMING
    assert days.day_state(day, day) == days.TODAY
    assert days.day_state(day, date(2027, 3, 13)) == days.PAST
    assert days.day_state(None, day) == days.UNDATED


def test_current_edition_is_next_upcoming(three_days):
    assert current.current_edition(date(2026, 11, 22)).year == 2027
    assert current.current_edition(date(2026, 1, 1)).year == 2026


def test_current_edition_on_the_day(three_days):
    status = current.day_status(date(2026, 3, 12))
    assert status.edition.year == 2026
    assert status.state == days.TODAY


def test_current_edition_after_the_last_day_is_the_latest_past(three_days):
    status = current.day_status(date(2027, 3, 13))
    assert status.edition.year == 2027
    assert status.state == days.PAST
    assert status.next_undated is None


def test_after_the_day_points_to_next_undated_edition(three_days, home_page):
    EditionPageFactory(parent=home_page, year=2028, day=None)
    status = current.day_status(date(2027, 4, 1))
    assert status.edition.year == 2027
    assert status.next_undated.year == 2028


def test_after_the_day_next_dated_edition_becomes_current(three_days, home_page):
    EditionPageFactory(parent=home_page, year=2028, day=date(2028, 3, 9))
    status = current.day_status(date(2027, 4, 1))
    assert status.edition.year == 2028
    assert status.state == days.UPCOMING
    assert status.previous.year == 2027


def test_no_dates_set(home_page):
    EditionPageFactory(parent=home_page, year=2030, day=None)
    status = current.day_status(date(2026, 11, 22))
    assert status.edition is None
    assert status.state == days.UNDATED
    assert status.next_undated.year == 2030


def test_unpublished_editions_are_never_current(home_page):
    EditionPageFactory(parent=home_page, year=2027, day=date(2027, 3, 12), live=False)
    assert current.current_edition(date(2026, 11, 22)) is None


def test_hashtag_list_normalises_and_dedupes(home_page):
    edition = EditionPageFactory(parent=home_page, hashtags="SocialPrescribingDay, #socialprescribingday #SPD2027")
    assert edition.hashtag_list == ["#SocialPrescribingDay", "#SPD2027"]


def test_ordinal(home_page):
    assert [EditionPageFactory.build(edition_number=n).ordinal for n in (1, 2, 3, 4, 11, 12, 13, 21, 22)] == [
        "1st", "2nd", "3rd", "4th", "11th", "12th", "13th", "21st", "22nd"]


def test_theme_colours_keep_text_readable():
    assert text_colour_on("#0b5d57") == "#ffffff"
    assert text_colour_on("#f2a541") == "#1b1b1f"
    assert contrast_ratio("#ffffff", "#0b5d57") >= 4.5
    validate_theme_colour("#0b5d57")
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError):
        validate_theme_colour("#777777")
    with pytest.raises(ValidationError):
        validate_theme_colour("teal")


def test_edition_date_must_fall_in_its_year(home_page):
    from django.core.exceptions import ValidationError

    edition = EditionPageFactory(parent=home_page, year=2031)
    edition.day = date(2032, 3, 1)
    with pytest.raises(ValidationError):
        edition.full_clean()


def test_edition_slug_follows_year(home_page):
    edition = EditionPageFactory.build(year=2033, title="", slug="anything")
    edition.full_clean(exclude=["path", "depth"])
    assert edition.slug == "2033"
    assert edition.title == "Social Prescribing Day 2033"
