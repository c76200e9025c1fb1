import pytest

from campaign.reach.places import country_from_code, country_from_location
from campaign.reach.providers.base import html_to_text, reset_from_headers


@pytest.mark.parametrize(
    "location, code",
    [
        ("Leeds, England", "GB"), ("London", "GB"), ("Caerdydd / Cardiff, Wales", "GB"), ("Dublin, Ireland", "IE"),
        ("Toronto, ON, Canada", "CA"), ("Aotearoa", "NZ"), ("Earth", ""), ("she/her", ""), ("", ""), (None, ""),
        ("🌍 online", ""), ("Melbourne, Australia", "AU"),
    ],
)
def test_country_from_a_profile_location(location, code):
    assert country_from_location(location) == code


def test_country_codes_must_be_known():
    assert country_from_code("gb") == "GB" and country_from_code("ZZ") == ""


def test_mastodon_html_becomes_plain_text():
    assert html_to_text("<p>Tea &amp; talk<br>today <a href='x'>#<span>tag</span></a></p>") == "Tea & talk\ntoday #tag"


def test_reset_headers_in_epoch_seconds_delta_or_iso():
    assert reset_from_headers({"x-rate-limit-reset": "1900000000"}, 0) == 1900000000
    assert reset_from_headers({"ratelimit-reset": "30"}, 1000) == 1030
    assert reset_from_headers({"x-ratelimit-reset": "2027-03-12T10:00:00.000Z"}, 0) == 1804845600
    assert reset_from_headers({"retry-after": "5"}, 100) == 105
    assert reset_from_headers({}, 0) is None
