"""The stats page's share links carry its public address and the edition's hashtag."""

import pytest
from django.test import override_settings


@pytest.mark.django_db
@override_settings(SITE_URL="https://socialprescribingday.example")
def test_stats_page_has_share_links(client, tracking):
    html = client.get("/2027/stats/").content.decode()
    assert "Share these figures" in html
    assert 'value="https://socialprescribingday.example/2027/stats/" readonly' in html
    assert "How+far+%23SocialPrescribingDay+travelled" in html
