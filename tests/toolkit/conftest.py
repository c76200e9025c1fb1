from datetime import date

import pytest
from django.core.cache import cache

from tests.factories import EditionPageFactory
from tests.toolkit.factories import make_design, make_resource, make_toolkit
from toolkit.models import Audience


@pytest.fixture(autouse=True)
def clear_cache():
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def edition(home_page):
    """An upcoming edition: the current one while the tests run before 2040."""
    return EditionPageFactory(parent=home_page, year=2040, day=date(2040, 3, 12))


@pytest.fixture
def past_edition(home_page):
    return EditionPageFactory(parent=home_page, year=2021, day=date(2021, 3, 18))


@pytest.fixture
def audiences(db):
    return {a.slug: a for a in Audience.objects.all()}


@pytest.fixture
def toolkit(edition, audiences):
    toolkit = make_toolkit(edition, intro="Everything for the Day.", brand_rules="Keep the logo teal.")
    make_resource(toolkit, "A4 poster", "posters", audiences=[audiences["gp-practices"]], sort_order=1,
                  post_copy="We support #SocialPrescribingDay!")
    make_resource(toolkit, "Guide for link workers", "guides", audiences=[audiences["link-workers"]], sort_order=2)
    return toolkit


@pytest.fixture
def design(edition):
    return make_design(edition)


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    """Each test gets its own media folder, so files made by one test never satisfy another."""
    settings.MEDIA_ROOT = str(tmp_path / "media")
    return settings.MEDIA_ROOT
