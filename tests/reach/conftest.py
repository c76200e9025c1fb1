import json
from datetime import UTC, date, datetime
from pathlib import Path

import pytest
from django.core.cache import cache

from campaign.reach.models import Tracking
from tests.factories import EditionPageFactory

PAYLOADS = Path(__file__).parent / "payloads"
NOW = datetime(2027, 3, 13, 12, 0, tzinfo=UTC)


def payload(name: str):
    return json.loads((PAYLOADS / f"{name}.json").read_text())


def raw_payload(name: str) -> str:
    return (PAYLOADS / f"{name}.json").read_text()


def clock() -> float:
    return NOW.timestamp()


@pytest.fixture(autouse=True)
def _clear_cache():
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def edition(home_page):
    return EditionPageFactory(parent=home_page, year=2027, day=date(2027, 3, 12), hashtags="#SocialPrescribingDay")


@pytest.fixture
def tracking(edition):
    return Tracking.objects.create(edition=edition)


class SleepRecorder(list):
    def __call__(self, seconds):
        self.append(seconds)


@pytest.fixture
def sleeps():
    return SleepRecorder()
